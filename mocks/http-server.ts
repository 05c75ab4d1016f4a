/**
 * The local HTTP mock server: a thin adapter of node's http onto the mock behaviour. Answers CORS
 * preflights, `GET /__health`, `POST /api/v2/workspace/dashboards` and `GET /api/v2/workspace`;
 * caps request bodies; logs one line per request without the token or the query string; with a
 * proxy, forwards what it accepts from this machine's pages to the real API (see proxy.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dashboardsPath, maxBodyBytes, operationAt, workspacesPath, type OperationId } from '../src/spec/index.js';
import {
  createDatabrainBehaviour,
  errorReply,
  replyText,
  type DatabrainBehaviour,
  type MockReply,
} from './behaviour.js';
import type { DatabrainMockWorld } from './fixtures.js';
import { proxyError, proxyErrorCode, proxyErrorStatus, type Proxy } from './proxy.js';
import type { Scenario } from './scenarios.js';

export interface DatabrainMockServerOptions {
  readonly world?: DatabrainMockWorld;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 4010; 0 picks a free port. */
  readonly port?: number;
  /** Called with one line per request. Silent by default. */
  readonly log?: (line: string) => void;
  /** The largest body accepted, in bytes. Default 100 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Forward each request the mock accepts (a token of the world, no `Prefer` scenario) to a real
   * API through this validating proxy, instead of answering it from the world (see proxy.ts).
   */
  readonly proxy?: Proxy;
}

export interface RunningDatabrainMockServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /**
   * Serves another world from now on, and/or applies a scenario to every request until it is
   * configured again (e.g. from a Pact provider-state handler). `{}` restores the start-up world.
   */
  configure(settings: { readonly world?: DatabrainMockWorld; readonly scenario?: Scenario }): void;
  close(): Promise<void>;
}

export const healthPath = '/__health';
export const defaultPort = 4010;
export const defaultHost = '127.0.0.1';
/** After refusing an oversized body, read at most this much more before dropping the connection. */
const drainFactor = 64;

const corsHeaders = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
  'access-control-max-age': '600',
};

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

const jsonType = 'application/json; charset=utf-8';

/** Writes a JSON answer; headers as a flat list, the cheapest form for node's http. */
function send(response: ServerResponse, status: number, body: object, origin: string | null, close = false): void {
  const text = replyText(body);
  const headers = [
    'content-type',
    jsonType,
    'content-length',
    String(Buffer.byteLength(text)),
    'access-control-allow-origin',
    origin ?? '*',
  ];
  if (origin) headers.push('vary', 'Origin');
  if (close) headers.push('connection', 'close');
  response.writeHead(status, headers);
  response.end(text);
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

/** Reads the body and calls back with it, or with undefined when it passes the cap. */
function readBody(request: IncomingMessage, maxBytes: number, callback: (body: Buffer | undefined) => void): void {
  const declared = Number(request.headers['content-length']);
  if (declared > maxBytes) {
    drain(request, maxBytes);
    callback(undefined);
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
      callback(undefined);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = (): void => {
    const [first] = chunks;
    callback(chunks.length === 1 && first !== undefined ? first : Buffer.concat(chunks, size));
  };
  request.on('data', onData);
  request.on('end', onEnd);
  // A client that hangs up mid-body is not an error of the mock: its request is simply dropped.
  request.on('error', () => undefined);
}

/** What the router reads on every request; the server changes it with `configure`. */
interface RouterState {
  behaviour: DatabrainBehaviour;
  scenario: Scenario | undefined;
  readonly maxBodyBytes: number;
  readonly proxy: Proxy | undefined;
}

/** One request to a documented operation, as the router hands it on. */
interface Routed {
  readonly operation: OperationId;
  readonly path: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  readonly origin: string | null;
}

/** Takes a summary of each answer for the log; undefined without a log, so no summary is written. */
type Done = ((summary: string) => void) | undefined;

/** Runs a step; a failure of the mock itself becomes the documented 500, never a crash. */
function guard(response: ServerResponse, done: Done, step: () => void): void {
  try {
    step();
  } catch {
    if (!response.headersSent) {
      const reply = errorReply('INTERNAL_SERVER_ERROR');
      send(response, reply.status, reply.body, null, true);
    }
    done?.('500 INTERNAL_SERVER_ERROR (mock failure)');
  }
}

/** Answers one request through the behaviour, then calls `done` with a summary for the log. */
function answer(
  state: RouterState,
  request: IncomingMessage,
  response: ServerResponse,
  routed: Routed,
  body: Buffer | undefined,
  done: Done,
): void {
  const { origin } = routed;
  if (body === undefined) {
    const reply = errorReply(
      'INVALID_REQUEST_BODY',
      `The body is larger than the limit of ${state.maxBodyBytes} bytes`,
    );
    send(response, reply.status, reply.body, origin, true);
    return done?.(`${reply.status} ${reply.body.error.code} (body over the cap)`);
  }
  const authorization = header(request, 'authorization');
  const prefer = header(request, 'prefer');
  if (state.proxy && prefer === null && state.scenario === undefined && state.behaviour.accepts(authorization)) {
    forward(state.proxy, request, response, routed, body, done);
    return;
  }
  const outcome = state.behaviour.handle(
    {
      operation: routed.operation,
      query: routed.search,
      authorization,
      contentType: header(request, 'content-type'),
      prefer,
      body,
    },
    state.scenario,
  );
  const finish = (): void => {
    if (outcome.kind === 'network-error') {
      request.socket.destroy();
      return done?.('connection dropped (Prefer: fail=network)');
    }
    send(response, outcome.reply.status, outcome.reply.body, origin);
    done?.(summary(outcome.reply, routed.operation));
  };
  if (outcome.delayMs === 0) {
    finish();
    return;
  }
  const timer = setTimeout(() => guard(response, done, finish), outcome.delayMs);
  response.once('close', () => {
    if (!response.writableEnded) {
      clearTimeout(timer);
      done?.('client left during the delay');
    }
  });
}

/** Forwards an accepted request to the real API and sends its answer back as it came. */
function forward(
  proxy: Proxy,
  request: IncomingMessage,
  response: ServerResponse,
  routed: Routed,
  body: Buffer,
  done: Done,
): void {
  proxy
    .forward({
      operation: routed.operation,
      method: request.method ?? 'GET',
      path: routed.path,
      search: routed.search,
      contentType: header(request, 'content-type'),
      body: routed.operation === 'listWorkspaces' ? undefined : body,
    })
    .then((answered) => {
      const headers = [
        'content-length',
        String(answered.body.byteLength),
        'access-control-allow-origin',
        routed.origin ?? '*',
      ];
      if (answered.contentType !== null) headers.push('content-type', answered.contentType);
      if (routed.origin) headers.push('vary', 'Origin');
      response.writeHead(answered.status, headers);
      response.end(answered.body);
      done?.(`${answered.status} (forwarded)`);
    })
    .catch((error: unknown) => {
      // An answer the proxy could not pass on (e.g. a header node refuses): the proxy's own 502.
      const reason = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) {
        send(
          response,
          proxyErrorStatus,
          proxyError(`The proxy could not pass the answer on: ${reason}`),
          routed.origin,
          true,
        );
      }
      done?.(`${proxyErrorStatus} ${proxyErrorCode} (the answer could not be passed on)`);
    });
}

/** True for a request from no page (curl, a server) or from a page served by this machine. */
function isLoopbackOrigin(origin: string | null): boolean {
  if (origin === null) return true;
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** Routes one request: CORS preflight, health, an operation of the spec, or 404. */
function route(state: RouterState, request: IncomingMessage, response: ServerResponse, done: Done): void {
  const origin = header(request, 'origin');
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (state.proxy && !isLoopbackOrigin(origin)) {
    // A page of another site must not read a real workspace through the proxy: no CORS, no forwarding.
    request.resume();
    const refused = errorReply(
      'INVALID_DATA_APP_API_KEY',
      'The proxy answers only pages served from this machine (localhost).',
    );
    const text = JSON.stringify(refused.body);
    response.writeHead(request.method === 'OPTIONS' ? 403 : refused.status, [
      'content-type',
      jsonType,
      'content-length',
      String(Buffer.byteLength(text)),
    ]);
    response.end(text);
    return done?.(`${refused.status} refused: origin ${origin ?? ''} is not this machine`);
  }
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { ...corsHeaders, 'access-control-allow-origin': origin ?? '*', vary: 'Origin' });
    response.end();
    return done?.('204 preflight');
  }
  if (request.method === 'GET' && path === healthPath) {
    send(response, 200, { status: 'ok' }, origin);
    return done?.('200');
  }
  const operation = operationAt(request.method ?? '', path)?.facts.operationId;
  if (operation === undefined) {
    request.resume();
    const routes = `POST ${dashboardsPath} and GET ${workspacesPath}`;
    send(
      response,
      404,
      { error: { message: `No route ${request.method ?? ''} ${path}: this mock serves ${routes}` } },
      origin,
    );
    return done?.('404');
  }
  const routed: Routed = { operation, path, search: query === -1 ? '' : url.slice(query), origin };
  if (operation === 'listWorkspaces') {
    request.resume();
    answer(state, request, response, routed, Buffer.alloc(0), done);
    return;
  }
  readBody(request, state.maxBodyBytes, (body) =>
    guard(response, done, () => answer(state, request, response, routed, body, done)),
  );
}

/** Starts the stateful mock over HTTP (127.0.0.1:4010 unless told otherwise). */
export function startDatabrainMockServer(
  options: DatabrainMockServerOptions = {},
): Promise<RunningDatabrainMockServer> {
  const state: RouterState = {
    behaviour: createDatabrainBehaviour(options.world),
    scenario: undefined,
    maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes,
    proxy: options.proxy,
  };
  const log = options.log;

  const server = createServer((request, response) => {
    let done: Done;
    if (log) {
      const started = performance.now();
      done = (summary) => {
        log(
          `${request.method ?? '?'} ${loggedPath(request.url)} ${summary} ${(performance.now() - started).toFixed(1)}ms`,
        );
      };
    }
    guard(response, done, () => route(state, request, response, done));
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
          state.behaviour = createDatabrainBehaviour(settings.world ?? options.world);
          state.scenario = settings.scenario;
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

/** The path as the log shows it: no query string (it may carry a secret), printable, bounded. */
function loggedPath(url: string | undefined): string {
  const [path = '', query] = (url ?? '').split('?');
  return `${path.slice(0, 200).replace(/[^\x20-\x7e]/g, '?')}${query === undefined ? '' : '?...'}`;
}

function summary(reply: MockReply, operation: OperationId): string {
  if (reply.status !== 200) return `${reply.status} ${reply.body.error.code}`;
  return `200 (${reply.body.data.length} ${operation === 'listWorkspaces' ? 'workspaces' : 'dashboards'})`;
}
