/**
 * The request policy on its own: how a `Host` header is read, which origins are this machine's,
 * the refusals' whole shape, and how a body is read under its cap (over real HTTP on loopback,
 * with a server that does nothing but read bodies).
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostName,
  hostRefusal,
  isAllowedHost,
  isLoopbackOrigin,
  originRefusal,
  readBody,
} from '../mocks/request-policy.js';

describe('the Host rule', () => {
  it('reads a Host header as a browser reads a URL, and names no host for anything else', () => {
    const hosts = ['localhost:4010', '[::1]:9', 'LocalHost', 'app.test', 'user@localhost', 'user:pw@localhost'];
    const more = [':pw@localhost', 'localhost/path', 'localhost?q', 'localhost#part', 'a b', ''];
    expect([...hosts, ...more].map(hostName)).toEqual([
      'localhost',
      '[::1]',
      'localhost',
      'app.test',
      ...Array.from({ length: 2 + more.length }, () => undefined),
    ]);
  });

  it('allows a request without a Host header (no browser sends one), this machine and the allowed names only', () => {
    const hosts = [undefined, '127.0.0.1:80', 'APP.test', 'other.test', 'user@localhost'];
    expect(hosts.map((host) => isAllowedHost(host, ['app.test']))).toEqual([true, true, true, false, false]);
  });

  it('refuses another host whole, naming it as read, or as sent (cut to 100 characters) when it names none', () => {
    const long = `${'h'.repeat(120)}/path`;
    const refused = [hostRefusal('Rebound.Example:80', ['app.test']), hostRefusal(long, [])];
    const allowed = [hostRefusal(undefined, []), hostRefusal('app.test', ['app.test'])];
    const named = (name: string, hosts: string) => ({
      status: 403,
      body: {
        error: {
          code: 'HOST_NOT_ALLOWED',
          message: `This local server answers requests for ${hosts} only, not for the host "${name}"; start it with --allowed-host ${name} to allow that name.`,
        },
      },
      log: `403 refused: host "${name}" is not this machine`,
    });
    expect({ refused, allowed }).toEqual({
      refused: [
        named('rebound.example', 'localhost, 127.0.0.1, [::1], app.test'),
        named('h'.repeat(100), 'localhost, 127.0.0.1, [::1]'),
      ],
      allowed: [undefined, undefined],
    });
  });

  it('takes no page (no Origin) and pages of this machine as its own, and nothing else', () => {
    const origins = [null, 'http://localhost:5173', 'http://127.0.0.1', 'https://evil.example', 'null', 'not a url'];
    expect(origins.map(isLoopbackOrigin)).toEqual([true, true, true, false, false, false]);
  });

  it('refuses a page of another site whole: status, body and the one log line', () => {
    expect([
      originRefusal('https://evil.example', 'The mock'),
      originRefusal('https://evil.example', 'The proxy', { status: 401, code: 'INVALID_DATA_APP_API_KEY' }),
      originRefusal('http://localhost:3000', 'The mock'),
    ]).toEqual([
      {
        status: 403,
        body: {
          error: {
            code: 'ORIGIN_NOT_ALLOWED',
            message: 'The mock answers only pages served from this machine (localhost).',
          },
        },
        log: '403 refused: origin https://evil.example is not this machine',
      },
      {
        status: 401,
        body: {
          error: {
            code: 'INVALID_DATA_APP_API_KEY',
            message: 'The proxy answers only pages served from this machine (localhost).',
            status: 401,
          },
        },
        log: '401 refused: origin https://evil.example is not this machine',
      },
      undefined,
    ]);
  });
});

/** The cap of the body reader under test. */
const cap = 100;
/** How often the reader called back, and with how many bytes (null for a refused body). */
const calls: (number | null)[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    readBody(request, cap, (body) => {
      calls.push(body === undefined ? null : body.length);
      response.end(body === undefined ? 'refused' : body.toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Sends a request head, then `chunks` one by one, over a raw socket; resolves with what the server
 * sent back and whether it dropped the connection before the client was done writing.
 */
function exchange(head: string, chunks: readonly string[]): Promise<{ answer: string; dropped: boolean }> {
  return new Promise((resolve) => {
    let answer = '';
    let written = false;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      const writeNext = (index: number): void => {
        if (index === chunks.length) {
          written = true;
          socket.end();
          return;
        }
        socket.write(chunks[index] ?? '', () => setImmediate(() => writeNext(index + 1)));
      };
      writeNext(0);
    });
    socket.on('data', (data) => (answer += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer: answer.split('\r\n\r\n').slice(1).join(''), dropped: !written }));
  });
}

const chunked = (...parts: string[]): string[] => [
  ...parts.map((part) => `${part.length.toString(16)}\r\n${part}\r\n`),
  '0\r\n\r\n',
];
const chunkedHead = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n';

describe('reading a body under its cap', () => {
  it('hands over a body within the cap whole, sent in one piece or in several', async () => {
    calls.length = 0;
    const one = await exchange(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\n`, [
      'hello',
    ]);
    const several = await exchange(chunkedHead, chunked('a'.repeat(40), 'b'.repeat(40), 'c'.repeat(20)));
    const atCap = await exchange(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${cap}\r\nConnection: close\r\n\r\n`,
      ['d'.repeat(cap)],
    );
    expect([one.answer, several.answer.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, ''), atCap.answer, calls]).toEqual([
      'hello',
      `${'a'.repeat(40)}${'b'.repeat(40)}${'c'.repeat(20)}`,
      'd'.repeat(cap),
      [5, 100, cap],
    ]);
  });

  it('refuses a declared Content-Length over the cap at once, before a byte of the body is sent', async () => {
    calls.length = 0;
    const head = `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${cap + 1}\r\nConnection: close\r\n\r\n`;
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => socket.write(head));
      socket.on('data', (data) => {
        text += data.toString();
        if (text.endsWith('refused')) {
          socket.destroy();
          resolve(text.split('\r\n\r\n')[1] ?? '');
        }
      });
    });
    expect([answer, calls]).toEqual(['refused', [null]]);
  });

  it('refuses a streamed body once it passes the cap, calls back once, and reads the rest so the answer arrives', async () => {
    calls.length = 0;
    const result = await exchange(chunkedHead, chunked('x'.repeat(cap), 'y', 'z'.repeat(cap)));
    expect([result.answer.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, ''), result.dropped, calls]).toEqual([
      'refused',
      false,
      [null],
    ]);
  });

  it('drops the connection of a client that keeps sending far past the cap', async () => {
    calls.length = 0;
    // 4 MB, far more than the kernel's socket buffers hold, so only a dropped connection stops the writes.
    const flood = Array.from({ length: 64 }, () => 'f'.repeat(64 * 1024));
    const result = await exchange(chunkedHead, chunked('x'.repeat(cap + 1), ...flood));
    expect([result.dropped, calls]).toEqual([true, [null]]);
  });
});
