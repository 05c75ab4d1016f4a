/**
 * The typed client of List Workspaces and List dashboards in a workspace, built with openapi-fetch
 * on the generated `paths`. Every contract in `contracts/` is written against it. Answers are checked with
 * the spec's precompiled validators, so the client compiles no code at run time.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { DatabrainError } from './errors.js';
import {
  cloudBaseUrl,
  dashboardsPath,
  describeIssues,
  errorResponseValidator,
  successStatus,
  successValidator,
  maxPageNumber,
  pageSize,
  redact,
  redactValue,
  requestFieldValidators,
  trimTrailingSlash,
  workspacesPageSize,
  workspacesPath,
  workspacesQueryValidators,
  type Dashboard,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
  type ListWorkspacesQuery,
  type ListWorkspacesResponse,
  type OperationId,
  type Workspace,
} from './kernel/index.js';

/** The service token, or a function that reads it at request time. */
export type TokenSource = string | (() => string | Promise<string>);

export interface DatabrainClientOptions {
  /** The service token (not a data-app API key). Sent as `Authorization: Bearer <token>`. */
  readonly token: TokenSource;
  /** Defaults to Databrain cloud; pass a self-hosted install's URL, or a local mock's, instead. */
  readonly baseUrl?: string;
  /** A fetch to send each request with instead of the global one (it is given a `Request`). */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** How long one request may take before it fails with kind `timeout`. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Aborts every request of this client. */
  readonly signal?: AbortSignal;
}

export interface CallOptions {
  /** Aborts this request. */
  readonly signal?: AbortSignal;
}

export interface PageOptions extends CallOptions {
  /** The first page to read. Default 1. */
  readonly startPage?: number;
  /** Stop with an error after this many pages. Default 10 000. */
  readonly maxPages?: number;
}

/** One page read by {@link DatabrainClient.listDashboardPages}. */
export interface DashboardPage {
  readonly pageNumber: number;
  readonly dashboards: Dashboard[];
}

/** One page read by {@link DatabrainClient.listWorkspacePages}. */
export interface WorkspacePage {
  readonly pageNumber: number;
  readonly workspaces: Workspace[];
}

export interface DatabrainClient {
  /** The base URL this client sends to, without a trailing slash. */
  readonly baseUrl: string;
  /** Every dashboard of the workspace in one response (pagination off). */
  listDashboards(workspaceName: string, options?: CallOptions): Promise<Dashboard[]>;
  /** One page of up to 10 dashboards, counted from 1. A page past the end is an empty array. */
  listDashboardsPage(workspaceName: string, pageNumber: number, options?: CallOptions): Promise<Dashboard[]>;
  /** Reads page after page until one holds fewer than 10 dashboards (no total count exists). */
  listDashboardPages(workspaceName: string, options?: PageOptions): AsyncGenerator<DashboardPage, void, void>;
  /** Every dashboard of the workspace, read a page at a time. */
  listAllDashboardsByPage(workspaceName: string, options?: PageOptions): Promise<Dashboard[]>;
  /** Sends one request body as it is and returns the whole spec-checked success body. */
  send(body: ListDashboardsRequest, options?: CallOptions): Promise<ListDashboardsResponse>;
  /** Every workspace of the organisation in one response (pagination off). */
  listWorkspaces(options?: CallOptions): Promise<Workspace[]>;
  /** One page of up to 10 workspaces, counted from 1. A page past the end is an empty array. */
  listWorkspacesPage(pageNumber: number, options?: CallOptions): Promise<Workspace[]>;
  /** Reads page after page of workspaces until one holds fewer than 10. */
  listWorkspacePages(options?: PageOptions): AsyncGenerator<WorkspacePage, void, void>;
  /** Every workspace of the organisation, read a page at a time. */
  listAllWorkspacesByPage(options?: PageOptions): Promise<Workspace[]>;
}

const defaultTimeoutMs = 30_000;
const defaultMaxPages = 10_000;
/** How much of an unexpected body an error message quotes. */
const bodyPreviewLength = 200;

/** What arrived: the status, the content type and the body text. */
export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

function preview(text: string): string {
  return text.length > bodyPreviewLength ? `${text.slice(0, bodyPreviewLength)}…` : text;
}

/** What {@link parseJson} returns for a text that is not JSON. */
const notJson = Symbol();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return notJson;
  }
}

/**
 * The success body of an answer, or the DatabrainError that says what came instead. Pure: the
 * secret is removed from every message and body it returns.
 */
export function interpretAnswer(
  answer: Answer,
  secret: string,
  operation: OperationId,
): ListDashboardsResponse | ListWorkspacesResponse | DatabrainError {
  const hide = (text: string): string => redact(text, secret);
  const { status } = answer;
  const body = parseJson(answer.text);
  if (body === notJson) {
    const type = answer.contentType ?? 'no content type';
    return new DatabrainError({
      kind: 'unexpected-response',
      status,
      body: hide(answer.text),
      message: hide(
        `Databrain answered ${status} with a body that is not JSON (${type}): ${JSON.stringify(preview(hide(answer.text)))}`,
      ),
    });
  }
  if (status === successStatus) {
    const validate = successValidator(operation);
    if (validate(body)) return body as ListDashboardsResponse | ListWorkspacesResponse;
    return new DatabrainError({
      kind: 'unexpected-response',
      status,
      body: redactValue(body, secret),
      message: hide(
        `Databrain answered ${status} with a body the spec does not allow: ${describeIssues(validate.errors).join('; ')}`,
      ),
    });
  }
  if (errorResponseValidator(status, operation)?.(body) === true) {
    const { code, message } = body.error;
    return new DatabrainError({
      kind: 'api',
      status,
      code,
      body: redactValue(body, secret),
      message: hide(`Databrain answered ${status} ${code}: ${message}`),
    });
  }
  return new DatabrainError({
    kind: 'unexpected-response',
    status,
    body: redactValue(body, secret),
    message: hide(
      `Databrain answered ${status} with a body the spec does not document for that status: ${preview(hide(JSON.stringify(body)))}`,
    ),
  });
}

/** Why no answer arrived: the timeout, the caller's signal, or the network. */
export function failureWithoutAnswer(
  cause: unknown,
  context: {
    readonly timedOut: boolean;
    readonly aborted: boolean;
    readonly timeoutMs: number;
    readonly baseUrl: string;
    /** The path that was asked for. */
    readonly path: string;
    readonly secret: string;
  },
): DatabrainError {
  if (context.timedOut) {
    const message = redact(
      `Databrain did not answer within ${context.timeoutMs} ms (${context.baseUrl}${context.path}).`,
      context.secret,
    );
    return new DatabrainError({ kind: 'timeout', message, cause });
  }
  if (context.aborted) return new DatabrainError({ kind: 'aborted', message: 'The request was aborted.', cause });
  const reason =
    cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new DatabrainError({
    kind: 'network',
    message: redact(`Could not reach Databrain at ${context.baseUrl}: ${reason}`, context.secret),
    cause,
  });
}

/** Refuses a page longer than the page size: the server did not paginate. */
export function checkPageLength(
  pageNumber: number,
  items: readonly unknown[],
  what: string,
  size: number,
): DatabrainError | undefined {
  if (items.length <= size) return undefined;
  // No body: the page is the API's data, and an error's body never holds what could carry the token.
  return new DatabrainError({
    kind: 'unexpected-response',
    status: successStatus,
    message: `Page ${pageNumber} held ${items.length} ${what}, more than the page size of ${size}: the server did not paginate.`,
  });
}

/**
 * Reads page after page until one holds fewer than the page size (no total count exists), or
 * fails with kind `page-limit` after `maxPages` full pages.
 */
async function* readPages<T>(
  readPage: (pageNumber: number, options: CallOptions) => Promise<T[]>,
  what: { readonly plural: string; readonly of: string; readonly size: number },
  pageOptions: PageOptions,
): AsyncGenerator<{ readonly pageNumber: number; readonly items: T[] }, void, void> {
  const start = pageOptions.startPage ?? 1;
  const maxPages = pageOptions.maxPages ?? defaultMaxPages;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new TypeError(`maxPages must be a whole number of at least 1, not ${maxPages}.`);
  }
  const callOptions = pageOptions.signal ? { signal: pageOptions.signal } : {};
  for (let pageNumber = start; pageNumber < start + maxPages; pageNumber += 1) {
    const items = await readPage(pageNumber, callOptions);
    const tooLong = checkPageLength(pageNumber, items, what.plural, what.size);
    if (tooLong) throw tooLong;
    yield { pageNumber, items };
    if (items.length < what.size) return;
  }
  throw new DatabrainError({
    kind: 'page-limit',
    message: `Stopped after ${maxPages} full pages of ${what.of}: raise maxPages to read further.`,
  });
}

/** Collects every item of a page-by-page read. */
async function collect<P, T>(pages: AsyncIterable<P>, itemsOf: (page: P) => readonly T[]): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...itemsOf(page));
  return all;
}

/** Refuses a page number the spec does not allow (`range` says which it does), before anything is sent. */
function checkPageNumber(
  method: string,
  pageNumber: number,
  allowed: (pageNumber: number) => boolean,
  range: string,
): void {
  if (!Number.isInteger(pageNumber) || !allowed(pageNumber)) {
    throw new TypeError(`${method}: ${pageNumber} is not a page number; pages are whole numbers ${range}.`);
  }
}

async function readToken(source: TokenSource): Promise<string> {
  const token = typeof source === 'function' ? await source() : source;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new TypeError(
      'No Databrain service token: pass `token` to createDatabrainClient (read on a server, never in a browser).',
    );
  }
  return token;
}

/** The timeout and the callers' signals of one request, owned by the call that made it. */
interface Guard {
  /** Aborts the request when the timeout fires or a caller's signal aborts. */
  readonly signal: AbortSignal;
  /** Rejects at the same moment, so the call settles even when a `fetch` ignores its signal. */
  readonly stopped: Promise<never>;
  timedOut(): boolean;
  /** Clears the timer and the listeners; called once the call has settled. */
  release(): void;
}

/** Calls `abort` when a signal aborts (at once if it has); returns what removes the listeners. */
function listenForAbort(signals: readonly (AbortSignal | undefined)[], abort: (reason: unknown) => void): () => void {
  const removers = signals.flatMap((signal) => {
    if (signal === undefined) return [];
    const onAbort = (): void => {
      abort(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return [() => signal.removeEventListener('abort', onAbort)];
  });
  return () => {
    for (const remove of removers) remove();
  };
}

/**
 * A timer and an AbortController the call itself holds: unlike `AbortSignal.timeout()` and
 * `AbortSignal.any()`, which are held only weakly, nothing here can be collected while the call waits.
 */
function createGuard(timeoutMs: number, signals: readonly (AbortSignal | undefined)[]): Guard {
  const controller = new AbortController();
  let timedOut = false;
  let reject: (reason: unknown) => void = () => undefined;
  const stopped = new Promise<never>((_, rejectStopped) => {
    reject = rejectStopped;
  });
  const abort = (reason: unknown): void => {
    controller.abort(reason);
    reject(reason);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    abort(new DOMException(`No answer within ${timeoutMs} ms.`, 'TimeoutError'));
  }, timeoutMs);
  const unlisten = listenForAbort(signals, abort);
  return {
    signal: controller.signal,
    stopped,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      unlisten();
    },
  };
}

/** What every call of one client shares: where it sends, with what, and for how long. */
interface Connection {
  readonly baseUrl: string;
  readonly api: Client<paths>;
  readonly fetch: (request: Request) => Promise<Response>;
  readonly timeoutMs: number;
  readonly token: TokenSource;
  readonly signal: AbortSignal | undefined;
}

/** What a call passes to openapi-fetch, which builds the request from the spec's types. */
interface OpenapiFetchInit {
  readonly headers: { readonly Authorization: string };
  readonly signal: AbortSignal;
  readonly fetch: (request: Request) => Promise<Response>;
  /** openapi-fetch leaves a success body unread; the client reads the answer itself. */
  readonly parseAs: 'stream';
}

/** Sends a request built by openapi-fetch and hands back the answer as it was sent. */
type BuildAndSend = (init: OpenapiFetchInit) => Promise<unknown>;

/** The success body of each operation. */
interface SuccessBodies {
  readonly listWorkspaceDashboards: ListDashboardsResponse;
  readonly listWorkspaces: ListWorkspacesResponse;
}

/**
 * Sends one request and reads its answer once, as it arrived: openapi-fetch only builds the
 * request, and its own reading of the body (which re-parses error bodies) is never looked at.
 */
async function exchange(
  connection: Connection,
  init: Omit<OpenapiFetchInit, 'fetch' | 'parseAs'>,
  buildAndSend: BuildAndSend,
): Promise<Answer> {
  let arrived: Response | undefined;
  await buildAndSend({
    ...init,
    parseAs: 'stream',
    fetch: async (request) => {
      arrived = await connection.fetch(request);
      return arrived.clone();
    },
  });
  if (arrived === undefined) throw new Error('openapi-fetch answered without sending the request.');
  return { status: arrived.status, contentType: arrived.headers.get('content-type'), text: await arrived.text() };
}

/** Sends one request with the token and the timeout, and interprets the answer for `operation`. */
async function call<Id extends OperationId>(
  connection: Connection,
  operation: Id,
  callOptions: CallOptions,
  buildAndSend: BuildAndSend,
): Promise<SuccessBodies[Id]> {
  const token = await readToken(connection.token);
  const guard = createGuard(connection.timeoutMs, [connection.signal, callOptions.signal]);
  let answer: Answer;
  try {
    const init = { headers: { Authorization: `Bearer ${token}` }, signal: guard.signal };
    answer = await Promise.race([exchange(connection, init, buildAndSend), guard.stopped]);
  } catch (cause) {
    throw failureWithoutAnswer(cause, {
      timedOut: guard.timedOut(),
      aborted: connection.signal?.aborted === true || callOptions.signal?.aborted === true,
      timeoutMs: connection.timeoutMs,
      baseUrl: connection.baseUrl,
      path: operation === 'listWorkspaces' ? workspacesPath : dashboardsPath,
      secret: token,
    });
  } finally {
    guard.release();
  }
  const result = interpretAnswer(answer, token, operation);
  if (result instanceof DatabrainError) throw result;
  return result as SuccessBodies[Id];
}

function connect(options: DatabrainClientOptions): Connection {
  const baseUrl = trimTrailingSlash(options.baseUrl ?? cloudBaseUrl);
  return {
    baseUrl,
    api: createClient<paths>({ baseUrl }),
    // The global fetch is looked up per request, so msw (or any other interceptor) installed after
    // the client was created still sees its requests.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    token: options.token,
    signal: options.signal,
  };
}

type DashboardMethods = Pick<
  DatabrainClient,
  'send' | 'listDashboards' | 'listDashboardsPage' | 'listDashboardPages' | 'listAllDashboardsByPage'
>;

/** The methods of List dashboards in a workspace. */
function dashboardMethods(connection: Connection): DashboardMethods {
  const send = (body: ListDashboardsRequest, callOptions: CallOptions = {}): Promise<ListDashboardsResponse> =>
    call(connection, 'listWorkspaceDashboards', callOptions, (init) =>
      connection.api.POST(dashboardsPath, { body, ...init }),
    );
  const listDashboardsPage = async (workspaceName: string, pageNumber: number, callOptions?: CallOptions) => {
    checkPageNumber('listDashboardsPage', pageNumber, requestFieldValidators.pageNumber, `from 1 to ${maxPageNumber}`);
    return (await send({ workspaceName, isPagination: true, pageNumber }, callOptions)).data;
  };
  async function* listDashboardPages(workspaceName: string, pageOptions: PageOptions = {}) {
    const what = { plural: 'dashboards', of: `workspace "${workspaceName}"`, size: pageSize };
    const read = (pageNumber: number, callOptions: CallOptions) =>
      listDashboardsPage(workspaceName, pageNumber, callOptions);
    for await (const { pageNumber, items } of readPages(read, what, pageOptions))
      yield { pageNumber, dashboards: items };
  }
  return {
    send,
    listDashboards: async (workspaceName, callOptions) => (await send({ workspaceName }, callOptions)).data,
    listDashboardsPage,
    listDashboardPages,
    listAllDashboardsByPage: (workspaceName, pageOptions) =>
      collect(listDashboardPages(workspaceName, pageOptions), (page) => page.dashboards),
  };
}

type WorkspaceMethods = Pick<
  DatabrainClient,
  'listWorkspaces' | 'listWorkspacesPage' | 'listWorkspacePages' | 'listAllWorkspacesByPage'
>;

/** The methods of List Workspaces. */
function workspaceMethods(connection: Connection): WorkspaceMethods {
  const workspaces = async (query: ListWorkspacesQuery, callOptions: CallOptions = {}): Promise<Workspace[]> =>
    (
      await call(connection, 'listWorkspaces', callOptions, (init) =>
        connection.api.GET(workspacesPath, { params: { query }, ...init }),
      )
    ).data;
  const listWorkspacesPage = async (pageNumber: number, callOptions?: CallOptions) => {
    // The API reads a page number it does not allow as page 1 (no 400 is documented): refuse it here.
    checkPageNumber(
      'listWorkspacesPage',
      pageNumber,
      (page) => workspacesQueryValidators.pageNumber(String(page)),
      'from 1',
    );
    return workspaces({ isPagination: 'true', pageNumber: String(pageNumber) }, callOptions);
  };
  async function* listWorkspacePages(pageOptions: PageOptions = {}) {
    const what = { plural: 'workspaces', of: 'workspaces', size: workspacesPageSize };
    for await (const { pageNumber, items } of readPages(listWorkspacesPage, what, pageOptions))
      yield { pageNumber, workspaces: items };
  }
  return {
    // As the documentation's call: no query string (pagination off is the default).
    listWorkspaces: (callOptions) => workspaces({}, callOptions),
    listWorkspacesPage,
    listWorkspacePages,
    listAllWorkspacesByPage: (pageOptions) => collect(listWorkspacePages(pageOptions), (page) => page.workspaces),
  };
}

export function createDatabrainClient(options: DatabrainClientOptions): DatabrainClient {
  const connection = connect(options);
  return { baseUrl: connection.baseUrl, ...dashboardMethods(connection), ...workspaceMethods(connection) };
}
