/**
 * The local HTTP mock server: the transport. Each request passes the request policy (`Host`,
 * `Origin`; see request-policy.ts), then goes to its route: a CORS preflight, `GET /__health`, the
 * control API (`/__databrain/`, see control-api.ts) or an API operation (see api-route.ts). One log
 * line per request, without the token or the query string.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  dashboardsPath,
  documentedErrors,
  maxBodyBytes,
  operationAt,
  workspacesPath,
  type ErrorCode,
} from '../src/kernel/index.js';
import { answerApi } from './api-route.js';
import { createDatabrainBehaviour } from './behaviour.js';
import { controlBodyTooLarge, controlPrefix, handleControl } from './control-api.js';
import type { DatabrainMockWorld } from './fixtures.js';
import { guard, header, writeJson, type LogSummary } from './http-reply.js';
import { createJournal } from './journal.js';
import type { Proxy } from './proxy.js';
import { corsHeaders, hostRefusal, originRefusal, readBody, type Refusal } from './request-policy.js';
import type { Scenario } from './scenarios.js';
import type { MockServerState } from './server-state.js';

export { connectDatabrainMock, DatabrainMockControlError, type DatabrainMockControl } from './control-client.js';
export type { JournalEntry } from './journal.js';
export type { ScenarioOptions } from './scenarios.js';

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
  /**
   * Host names to answer beside this machine's own (`localhost`, `127.0.0.1`, `[::1]`, any port):
   * a request whose `Host` names anything else is refused, so a rebound domain cannot reach it.
   */
  readonly allowedHosts?: readonly string[];
  /** How many requests the journal keeps (the control API reads it). Default 500. */
  readonly journalSize?: number;
}

export interface RunningDatabrainMockServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /**
   * Serves another world from now on, and/or applies a scenario to every request until it is
   * configured again (e.g. from a Pact provider-state handler). `{}` restores the start-up world.
   * From another process, the control API (`/__databrain/`, see `connectDatabrainMock`) does the same.
   */
  configure(settings: { readonly world?: DatabrainMockWorld; readonly scenario?: Scenario }): void;
  close(): Promise<void>;
}

export const healthPath = '/__health';
export const defaultPort = 4010;
export const defaultHost = '127.0.0.1';

const documentedError = (code: ErrorCode) => ({ status: documentedErrors[code].status, code });

/** The refusal the policy gives this request, if any: a foreign `Host`; with a proxy or for the control API, a foreign `Origin`. */
function policyRefusal(state: MockServerState, request: IncomingMessage, path: string): Refusal | undefined {
  const origin = header(request, 'origin');
  return (
    hostRefusal(request.headers.host, state.allowedHosts) ??
    (path.startsWith(controlPrefix) ? originRefusal(origin, 'The control API') : undefined) ??
    // The proxy refuses as Databrain refuses a token: an app shows it as any other auth failure.
    (state.proxy ? originRefusal(origin, 'The proxy', documentedError('INVALID_DATA_APP_API_KEY')) : undefined)
  );
}

function refuse(request: IncomingMessage, response: ServerResponse, refusal: Refusal, logAnswer: LogSummary): void {
  request.resume();
  // No CORS header: a page of another site may not even read why.
  writeJson(response, request.method === 'OPTIONS' ? 403 : refusal.status, refusal.body, undefined, true);
  logAnswer?.(refusal.log);
}

/** Routes one request: the policy, then a CORS preflight, health, the control API, an operation of the spec, or 404. */
function route(
  state: MockServerState,
  request: IncomingMessage,
  response: ServerResponse,
  logAnswer: LogSummary,
): void {
  const arrived = new Date().toISOString();
  const origin = header(request, 'origin');
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const refusal = policyRefusal(state, request, path);
  if (refusal) {
    refuse(request, response, refusal, logAnswer);
    return;
  }
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { ...corsHeaders, 'access-control-allow-origin': origin ?? '*', vary: 'Origin' });
    response.end();
    return logAnswer?.('204 preflight');
  }
  if (request.method === 'GET' && path === healthPath) {
    writeJson(response, 200, { status: 'ok' }, origin);
    return logAnswer?.('200');
  }
  const method = request.method ?? '';
  if (path.startsWith(controlPrefix)) {
    readBody(request, state.maxBodyBytes, (body) =>
      guard(response, logAnswer, () => {
        const answer =
          body === undefined ? controlBodyTooLarge(state.maxBodyBytes) : handleControl(state, method, path, body);
        writeJson(response, answer.status, answer.body, origin);
        logAnswer?.(`${answer.status} (control)`);
      }),
    );
    return;
  }
  const operation = operationAt(method, path)?.facts.operationId;
  if (operation === undefined) {
    request.resume();
    const routes = `POST ${dashboardsPath} and GET ${workspacesPath}`;
    writeJson(response, 404, { error: { message: `No route ${method} ${path}: this mock serves ${routes}` } }, origin);
    return logAnswer?.('404');
  }
  const search = query === -1 ? '' : url.slice(query);
  if (operation === 'listWorkspaces') {
    request.resume();
    answerApi(state, request, response, { operation, path, search, origin, arrived, body: Buffer.alloc(0) }, logAnswer);
    return;
  }
  readBody(request, state.maxBodyBytes, (body) =>
    guard(response, logAnswer, () =>
      answerApi(state, request, response, { operation, path, search, origin, arrived, body }, logAnswer),
    ),
  );
}

function initialState(options: DatabrainMockServerOptions): MockServerState {
  return {
    behaviour: createDatabrainBehaviour(options.world),
    configured: undefined,
    controlled: {},
    journal: createJournal(options.journalSize),
    startWorld: options.world,
    maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes,
    proxy: options.proxy,
    allowedHosts: options.allowedHosts ?? [],
    mask: options.proxy ? (text) => options.proxy?.mask(text) ?? text : (text) => text,
    log: options.log,
  };
}

/** The log summary callback of one request, or undefined without a log. */
function requestLog(log: ((line: string) => void) | undefined, request: IncomingMessage): LogSummary {
  if (!log) return undefined;
  const started = performance.now();
  return (summary) => {
    log(`${request.method ?? '?'} ${loggedPath(request.url)} ${summary} ${(performance.now() - started).toFixed(1)}ms`);
  };
}

function createMockServer(state: MockServerState): Server {
  const server = createServer((request, response) => {
    const logAnswer = requestLog(state.log, request);
    guard(response, logAnswer, () => route(state, request, response, logAnswer));
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

/** Starts the stateful mock over HTTP (127.0.0.1:4010 unless told otherwise). */
export function startDatabrainMockServer(
  options: DatabrainMockServerOptions = {},
): Promise<RunningDatabrainMockServer> {
  const state = initialState(options);
  const server = createMockServer(state);
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
          state.configured = settings.scenario;
        },
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
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
