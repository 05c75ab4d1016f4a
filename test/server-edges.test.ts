/**
 * The HTTP mock server's edges, beside test/server.test.ts: started without a log (its default:
 * silent) it answers every route as it does with one; which answers end their connection; it
 * listens on the port it is given and stops; and an answer from a proxy (here a stand-in for one)
 * that node cannot write gets the proxy's own 502, while one without a content type goes on as it is.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { freePort } from '../mocks/ports.js';
import { proxyError, proxyErrorCode, proxyErrorStatus, type ForwardedAnswer, type Proxy } from '../mocks/proxy.js';
import {
  connectDatabrainMock,
  startDatabrainMockServer,
  type RunningDatabrainMockServer,
} from '../mocks/http-server.js';
import { dashboardsPath, jsonMediaType, workspacesPath } from '../src/kernel/index.js';

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0, maxBodyBytes: 1_000 });
});
afterAll(async () => {
  await mock.close();
});

/** Sends one request over plain node:http (so that Host can be set) and gives its status, or why it failed. */
function send(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<number | string> {
  return new Promise((resolve) => {
    const sent = httpRequest(`${mock.url}${path}`, { method, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', (error) => resolve(error.message));
    sent.end(body);
  });
}

/** The Connection header of the answer to one request: `close` when the server ends the connection after it. */
function connectionOf(path: string, headers: Record<string, string>, body = ''): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${mock.url}${path}`, { method: 'POST', headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.headers.connection));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const auth = { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' };
const page = JSON.stringify({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 1 });

describe('a mock server without a log', () => {
  it('answers each route of its own', async () => {
    const control = connectDatabrainMock(mock.url);
    const statuses = [
      await send('GET', '/__health', { host: 'rebound.example' }),
      await send('OPTIONS', dashboardsPath, { origin: 'http://localhost:5173' }),
      await send('GET', '/__health'),
      await send('GET', '/nowhere'),
      await send('POST', '/__health'),
    ];
    // Each control route: the client throws on any answer but its success.
    await control.use({ error: 'INTERNAL_SERVER_ERROR', once: true });
    await control.clear();
    await control.world({ tokens: [devToken], workspaces: { 'my-workspace': [] } });
    const requests = await control.requests();
    await control.reset();
    expect({ statuses, requests }).toEqual({ statuses: [403, 204, 200, 404, 404], requests: [] });
  });

  it('answers each API request, however it ends', async () => {
    const connect = connectDatabrainMock(mock.url);
    const answers = [
      await send('POST', dashboardsPath, auth, page),
      await send('GET', `${workspacesPath}?isPagination=true&pageNumber=1`, auth),
      // List Workspaces reads no body: one over the cap is not refused.
      await send('GET', workspacesPath, auth, 'x'.repeat(2_000)),
      await send('POST', dashboardsPath, auth, JSON.stringify({ workspaceName: 'x'.repeat(2_000) })),
    ];
    await connect.use({ networkError: true, once: true });
    answers.push(await send('POST', dashboardsPath, auth, page));
    await connect.use({ delayMs: 300, once: true });
    const leaving = new AbortController();
    const left = fetch(`${mock.url}${workspacesPath}`, { headers: auth, signal: leaving.signal }).then(
      (answer) => answer.status,
      (error: unknown) => (error as Error).name,
    );
    setTimeout(() => leaving.abort(), 50);
    answers.push(await left);
    // The journal holds each request; the one whose client left, without a status.
    await expect
      .poll(async () => (await connect.requests()).map((entry) => entry.status))
      .toEqual([200, 200, 200, 400, undefined, undefined]);
    expect(answers).toEqual([200, 200, 200, 400, 'socket hang up', 'AbortError']);
    await connect.reset();
  });
});

describe('a refused request', () => {
  it('ends its connection, as a body over the cap does; an answered one keeps it', async () => {
    expect([
      await connectionOf(dashboardsPath, { ...auth, host: 'rebound.example' }, page),
      await connectionOf(dashboardsPath, auth, JSON.stringify({ workspaceName: 'x'.repeat(2_000) })),
      await connectionOf(dashboardsPath, auth, page),
    ]).toEqual(['close', 'close', 'keep-alive']);
  });
});

describe('starting and stopping a mock server', () => {
  it('listens on the port it is given, refuses one in use, and accepts no connection once closed', async () => {
    const port = await freePort();
    const first = await startDatabrainMockServer({ port });
    const taken = await startDatabrainMockServer({ port }).then(
      () => 'started',
      (error: unknown) => (error as NodeJS.ErrnoException).code,
    );
    await first.close();
    const after = await fetch(`${first.url}/__health`).then(
      (answer) => answer.status,
      (error: unknown) => ((error as Error).cause as NodeJS.ErrnoException).code,
    );
    expect({ url: first.url, taken, after }).toEqual({
      url: `http://127.0.0.1:${port}`,
      taken: 'EADDRINUSE',
      after: 'ECONNREFUSED',
    });
  });
});

describe('a proxy answer the server cannot pass on', () => {
  /** A proxy that answers every request with `answer`: the server's side of forwarding, on its own. */
  const answering = (answer: ForwardedAnswer): Proxy => ({
    forward: () => Promise.resolve(answer),
    checks: () => [],
    dropped: () => 0,
    mask: (text) => text,
  });
  const lines: string[] = [];

  it("gets the proxy's own 502, journaled and logged; an answer without a content type goes on without one", async () => {
    const body = new TextEncoder().encode('{}');
    const results = [];
    for (const contentType of ['application/json\r\nx-injected: yes', null]) {
      const server = await startDatabrainMockServer({
        port: 0,
        proxy: answering({ status: 200, contentType, body }),
        log: (line) => lines.push(line.replace(/ [\d.]+ms$/, '')),
      });
      try {
        const answer = await fetch(`${server.url}${dashboardsPath}`, {
          method: 'POST',
          headers: { ...auth, origin: 'http://localhost:5173' },
          body: page,
        });
        const journal = await connectDatabrainMock(server.url).requests();
        results.push({
          status: answer.status,
          type: answer.headers.get('content-type'),
          cors: [answer.headers.get('access-control-allow-origin'), answer.headers.get('vary')],
          body: await answer.text(),
          journal: journal.map((entry) => [entry.status, entry.code]),
        });
      } finally {
        await server.close();
      }
    }
    expect({ results, lines }).toEqual({
      results: [
        {
          status: proxyErrorStatus,
          type: jsonMediaType,
          body: JSON.stringify(
            proxyError('The proxy could not pass the answer on: Invalid character in header content ["content-type"]'),
          ),
          cors: ['http://localhost:5173', 'Origin'],
          journal: [[proxyErrorStatus, proxyErrorCode]],
        },
        {
          status: 200,
          type: null,
          cors: ['http://localhost:5173', 'Origin'],
          body: '{}',
          journal: [[200, undefined]],
        },
      ],
      lines: [
        `POST ${dashboardsPath} ${proxyErrorStatus} ${proxyErrorCode} (the answer could not be passed on)`,
        `GET /__databrain/requests 200 (control)`,
        `POST ${dashboardsPath} 200 (forwarded)`,
        `GET /__databrain/requests 200 (control)`,
      ],
    });
  });
});
