/**
 * How the local server writes an answer: its headers whole (media type, length, CORS, Vary,
 * Connection), repeated request headers, and a failure of the mock itself as the documented 500.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guard, header, writeJson, type LogSummary } from '../mocks/http-reply.js';
import { documentedErrors } from '../src/kernel/index.js';

/** What the test server does with the request that arrives next. */
let handle: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;
let url: string;
const server = createServer((request, response) => handle(request, response));
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends one request (with repeated headers as node sends them) and reads status, headers and text. */
function answer(headers: Record<string, string | string[]> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const outgoing = httpRequest(url, { headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        // The date and the keep-alive timeout are node's own, not the mock's.
        const rest: Record<string, unknown> = { ...response.headers };
        delete rest['date'];
        delete rest['keep-alive'];
        resolve({ status: response.statusCode ?? 0, headers: rest, text });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('writing an answer', () => {
  it('sends the media type and length, CORS only when asked, Vary for a page, and closes when told', async () => {
    const cases: [string | null | undefined, boolean][] = [
      [undefined, false],
      [null, false],
      ['http://localhost:5173', true],
    ];
    const answers = [];
    for (const [origin, close] of cases) {
      handle = (_request, response) => writeJson(response, 200, { é: 1 }, origin, close);
      answers.push(await answer());
    }
    expect(answers).toEqual([
      {
        status: 200,
        headers: { 'content-type': 'application/json', 'content-length': '8', connection: 'keep-alive' },
        text: '{"é":1}',
      },
      {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'content-length': '8',
          'access-control-allow-origin': '*',
          connection: 'keep-alive',
        },
        text: '{"é":1}',
      },
      {
        status: 200,
        headers: {
          'content-type': 'application/json',
          'content-length': '8',
          'access-control-allow-origin': 'http://localhost:5173',
          vary: 'Origin',
          connection: 'close',
        },
        text: '{"é":1}',
      },
    ]);
  });

  it('reads a header sent twice as one value, and an absent one as null', async () => {
    let read: (string | null)[] = [];
    handle = (request, response) => {
      read = [header(request, 'x-twice'), header(request, 'x-absent')];
      response.end();
    };
    await answer({ 'x-twice': ['a', 'b'] });
    expect(read).toEqual(['a, b', null]);
  });
});

describe('a failure of the mock itself', () => {
  it('becomes the documented 500 and one log line, and closes the connection', async () => {
    const lines: string[] = [];
    const log: LogSummary = (line) => lines.push(line);
    handle = (_request, response) =>
      guard(response, log, () => {
        throw new Error('a bug in the mock');
      });
    const failed = await answer();
    const { status, message } = documentedErrors.INTERNAL_SERVER_ERROR;
    expect({ failed, lines }).toEqual({
      failed: {
        status,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(failed.text)),
          'access-control-allow-origin': '*',
          connection: 'close',
        },
        text: JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR', message, status } }),
      },
      lines: ['500 INTERNAL_SERVER_ERROR (mock failure)'],
    });
  });

  it('writes nothing more once the answer has begun, and still logs the failure', async () => {
    const lines: string[] = [];
    handle = (_request, response) =>
      guard(
        response,
        (line) => lines.push(line),
        () => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.write('partial');
          setImmediate(() => response.end());
          throw new Error('a bug after the head');
        },
      );
    expect({ answer: await answer(), lines }).toEqual({
      answer: {
        status: 200,
        headers: { 'content-type': 'text/plain', connection: 'keep-alive', 'transfer-encoding': 'chunked' },
        text: 'partial',
      },
      lines: ['500 INTERNAL_SERVER_ERROR (mock failure)'],
    });
  });
});
