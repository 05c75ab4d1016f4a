/**
 * The API routes of the local server (`POST /api/v2/workspace/dashboards`, `GET /api/v2/workspace`):
 * each request is answered by the behaviour (with the scenario in force) or, with a proxy, forwarded
 * to the real API; either way it is written to the journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCodeOf, type OperationId } from '../src/kernel/index.js';
import { errorReply, type MockReply } from './behaviour.js';
import { guard, header, writeJson, writeJsonText, type LogSummary } from './http-reply.js';
import { parsedBody } from './journal.js';
import { proxyError, proxyErrorCode, proxyErrorStatus, type Proxy } from './proxy.js';
import { parsePrefer } from './scenarios.js';
import { hasScenario, takeScenario, type MockServerState } from './server-state.js';

/** One request to a documented operation, as the router hands it on. */
export interface ApiRequest {
  readonly operation: OperationId;
  readonly path: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  readonly origin: string | null;
  /** The body as received; undefined when it passed the cap. */
  readonly body: Buffer | undefined;
  /** When the request arrived (ISO 8601), for the journal. */
  readonly arrived: string;
}

/** Writes the request (as it arrived) and its answer to the journal. */
function record(state: MockServerState, request: IncomingMessage, api: ApiRequest, status?: number, body?: unknown) {
  state.journal.add({
    time: api.arrived,
    method: request.method ?? 'GET',
    path: api.path,
    query: state.mask(api.search.slice(1)),
    bodyText: api.body === undefined ? undefined : state.mask(api.body.toString('utf8')),
    status,
    code: status === undefined || status < 400 ? undefined : errorCodeOf(body),
  });
}

function summary(reply: MockReply, operation: OperationId): string {
  // The literal narrows the reply to its success type (the generated types make it the spec's).
  if (reply.status !== 200) return `${reply.status} ${reply.body.error.code}`;
  return `${reply.status} (${reply.body.data.length} ${operation === 'listWorkspaces' ? 'workspaces' : 'dashboards'})`;
}

/** Answers one API request through the behaviour or the proxy, then calls `logAnswer` with a summary. */
export function answerApi(
  state: MockServerState,
  request: IncomingMessage,
  response: ServerResponse,
  api: ApiRequest,
  logAnswer: LogSummary,
): void {
  if (api.body === undefined) {
    const reply = errorReply(
      'INVALID_REQUEST_BODY',
      `The body is larger than the limit of ${state.maxBodyBytes} bytes`,
    );
    writeJson(response, reply.status, reply.body, api.origin, true);
    record(state, request, api, reply.status, reply.body);
    return logAnswer?.(`${reply.status} ${reply.body.error.code} (body over the cap)`);
  }
  const authorization = header(request, 'authorization');
  const prefer = header(request, 'prefer');
  if (state.proxy && prefer === null && !hasScenario(state, api.operation) && state.behaviour.accepts(authorization)) {
    forward(state, state.proxy, request, response, api, logAnswer);
    return;
  }
  // A scenario answers only a request the behaviour would answer at all (an accepted token, a
  // readable Prefer), so a refused request does not use up a `once` scenario.
  const answerable = state.behaviour.accepts(authorization) && parsePrefer(prefer, api.operation).ok;
  const outcome = state.behaviour.handle(
    {
      operation: api.operation,
      query: api.search,
      authorization,
      contentType: header(request, 'content-type'),
      prefer,
      body: api.body,
    },
    answerable ? takeScenario(state, api.operation) : undefined,
  );
  let finished = false;
  const finish = (): void => {
    finished = true;
    if (outcome.kind === 'network-error') {
      request.socket.destroy();
      record(state, request, api);
      return logAnswer?.('connection dropped (a network-failure scenario)');
    }
    writeJsonText(response, outcome.reply.status, outcome.text, api.origin);
    record(state, request, api, outcome.reply.status, outcome.reply.body);
    logAnswer?.(summary(outcome.reply, api.operation));
  };
  if (outcome.delayMs === 0) {
    finish();
    return;
  }
  const timer = setTimeout(() => guard(response, logAnswer, finish), outcome.delayMs);
  response.once('close', () => {
    if (finished) return;
    clearTimeout(timer);
    record(state, request, api);
    logAnswer?.('client left during the delay');
  });
}

/** Forwards an accepted request to the real API and sends its answer back as it came. */
function forward(
  state: MockServerState,
  proxy: Proxy,
  request: IncomingMessage,
  response: ServerResponse,
  api: ApiRequest,
  logAnswer: LogSummary,
): void {
  proxy
    .forward({
      operation: api.operation,
      method: request.method ?? 'GET',
      path: api.path,
      search: api.search,
      contentType: header(request, 'content-type'),
      body: api.operation === 'listWorkspaces' ? undefined : api.body,
    })
    .then((answered) => {
      const headers = [
        'content-length',
        String(answered.body.byteLength),
        'access-control-allow-origin',
        api.origin ?? '*',
      ];
      if (answered.contentType !== null) headers.push('content-type', answered.contentType);
      if (api.origin) headers.push('vary', 'Origin');
      response.writeHead(answered.status, headers);
      response.end(answered.body);
      const text = answered.status < 400 ? undefined : state.mask(Buffer.from(answered.body).toString('utf8'));
      record(state, request, api, answered.status, parsedBody(text));
      logAnswer?.(`${answered.status} (forwarded)`);
    })
    .catch((error: unknown) => {
      // An answer the proxy could not pass on (e.g. a header node refuses): the proxy's own 502.
      const reason = error instanceof Error ? error.message : String(error);
      const body = proxyError(`The proxy could not pass the answer on: ${reason}`);
      if (!response.headersSent) writeJson(response, proxyErrorStatus, body, api.origin, true);
      record(state, request, api, proxyErrorStatus, body);
      logAnswer?.(`${proxyErrorStatus} ${proxyErrorCode} (the answer could not be passed on)`);
    });
}
