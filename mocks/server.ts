/**
 * The local HTTP mock server: a thin adapter of node's http onto the mock behaviour. Answers CORS
 * preflights, `GET /__health`, and `POST /api/v2/workspace/dashboards`; caps request bodies; logs
 * one line per request without the token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dashboardsPath } from '../src/spec.js';
import { createBehaviour, errorReply, type MockReply } from './behaviour.js';
import type { MockWorld } from './fixtures.js';
import type { Scenario } from './scenarios.js';
import { specValidator } from '../src/validate.js';

export interface MockServerOptions {
  readonly world?: MockWorld;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 4010; 0 picks a free port. */
  readonly port?: number;
  /** Called with one line per request. Silent by default. */
  readonly log?: (line: string) => void;
  /** The largest body accepted, in bytes. Default 100 KiB. */
  readonly maxBodyBytes?: number;
}

export interface RunningMockServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /**
   * Serves another world from now on, and/or applies a scenario to every request until it is
   * configured again (e.g. from a Pact provider-state handler). `{}` restores the start-up world.
   */
  configure(settings: { readonly world?: MockWorld; readonly scenario?: Scenario }): void;
  close(): Promise<void>;
}

export const healthPath = '/__health';
export const defaultPort = 4010;
export const defaultHost = '127.0.0.1';
const defaultMaxBodyBytes = 100 * 1024;
/** After refusing an oversized body, read at most this much more before dropping the connection. */
const drainFactor = 64;

const corsHeaders = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
  'access-control-max-age': '600',
};

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function send(response: ServerResponse, status: number, body: unknown, origin: string | null, close = false): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'access-control-allow-origin': origin ?? '*',
    ...(origin ? { vary: 'Origin' } : {}),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(text);
}

/** Reads the body, or returns undefined when it passes the cap. */
function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      drain(request, maxBytes);
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.off('end', onEnd);
        drain(request, maxBytes);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}

/** Discards the rest of a refused body, so the client can read the answer; drops a flood. */
function drain(request: IncomingMessage, maxBytes: number): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes * drainFactor) request.socket.destroy();
  });
  request.resume();
}

export function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  let behaviour = createBehaviour(options.world);
  let scenario: Scenario | undefined;
  // Compile the request schema now, so the first request is as fast as the rest.
  specValidator().schema('ListDashboardsRequest');
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const log = options.log;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<string> {
    const origin = header(request, 'origin');
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'OPTIONS') {
      response.writeHead(204, { ...corsHeaders, 'access-control-allow-origin': origin ?? '*', vary: 'Origin' });
      response.end();
      return '204 preflight';
    }
    if (request.method === 'GET' && path === healthPath) {
      send(response, 200, { status: 'ok' }, origin);
      return '200';
    }
    if (path !== dashboardsPath || request.method !== 'POST') {
      request.resume();
      send(response, 404, { error: { message: `No route ${request.method ?? ''} ${path}: this mock serves POST ${dashboardsPath}` } }, origin);
      return '404';
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) {
      const reply = errorReply('INVALID_REQUEST_BODY', `The body is larger than the limit of ${maxBodyBytes} bytes`);
      send(response, reply.status, reply.body, origin, true);
      return `${reply.status} ${reply.body.error.code} (body over the cap)`;
    }
    const outcome = behaviour.handle(
      {
        authorization: header(request, 'authorization'),
        contentType: header(request, 'content-type'),
        prefer: header(request, 'prefer'),
        body,
      },
      scenario,
    );
    if (outcome.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, outcome.delayMs);
        response.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (response.destroyed) return 'client left during the delay';
    }
    if (outcome.kind === 'network-error') {
      request.socket.destroy();
      return 'connection dropped (Prefer: fail=network)';
    }
    send(response, outcome.reply.status, outcome.reply.body, origin);
    return summary(outcome.reply);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    handle(request, response)
      .catch(() => {
        if (!response.headersSent) {
          const reply = errorReply('INTERNAL_SERVER_ERROR');
          send(response, reply.status, reply.body, null, true);
        }
        return '500 INTERNAL_SERVER_ERROR (mock failure)';
      })
      .then((result) => {
        log?.(`${request.method ?? '?'} ${(request.url ?? '').slice(0, 200)} ${result} ${(performance.now() - started).toFixed(1)}ms`);
      });
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? defaultPort, options.host ?? defaultHost, () => {
      server.off('error', reject);
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        configure(settings) {
          behaviour = createBehaviour(settings.world ?? options.world);
          scenario = settings.scenario;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function summary(reply: MockReply): string {
  if (reply.status === 200) return `200 (${reply.body.data.length} dashboards)`;
  return `${reply.status} ${reply.body.error.code}`;
}
