/**
 * The typed client of List Workspaces and List dashboards in a workspace, built with openapi-fetch
 * on the generated `paths`. Every contract in `contracts/` is written against it. Answers are checked with
 * the spec's precompiled validators, so the client compiles no code at run time.
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { DatabrainError } from './errors.js';
import {
  cloudBaseUrl,
  dashboardsPath,
  describeIssues,
  errorResponseValidator,
  successValidator,
  pageSize,
  redact,
  redactValue,
  trimTrailingSlash,
  workspacesPageSize,
  workspacesPath,
  workspacesQueryValidators,
  type Dashboard,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
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
  if (status === 200) {
    const validate = successValidator(operation);
    if (validate(body)) return body as ListDashboardsResponse | ListWorkspacesResponse;
    return new DatabrainError({
      kind: 'unexpected-response',
      status,
      body: redactValue(body, secret),
      message: hide(
        `Databrain answered 200 with a body the spec does not allow: ${describeIssues(validate.errors).join('; ')}`,
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
    status: 200,
    message: `Page ${pageNumber} held ${items.length} ${what}, more than the page size of ${size}: the server did not paginate.`,
  });
}

/**
 * Reads page after page until one holds fewer than the page size (no total count exists), or
 * fails after `maxPages` full pages.
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
    kind: 'unexpected-response',
    message: `Stopped after ${maxPages} full pages of ${what.of}: raise maxPages to read further.`,
  });
}

/**
 * The body as text. openapi-fetch hands a success body over as text (`parseAs`), and an error body
 * already parsed when it is JSON.
 */
function textOf(result: { readonly data?: unknown; readonly error?: unknown }): string {
  const raw = 'data' in result ? result.data : result.error;
  if (raw === undefined) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
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
  const unlisten = signals.flatMap((signal) => {
    if (signal === undefined) return [];
    const onAbort = (): void => {
      abort(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return [() => signal.removeEventListener('abort', onAbort)];
  });
  return {
    signal: controller.signal,
    stopped,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      for (const remove of unlisten) remove();
    },
  };
}

export function createDatabrainClient(options: DatabrainClientOptions): DatabrainClient {
  const baseUrl = trimTrailingSlash(options.baseUrl ?? cloudBaseUrl);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  // The global fetch is looked up per request, so msw (or any other interceptor) installed after
  // the client was created still sees its requests.
  const api = createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });

  interface Sent {
    readonly data?: unknown;
    readonly error?: unknown;
    readonly response: Response;
  }

  /** Sends one request with the token and the timeout, and interprets the answer for `operation`. */
  async function call(
    operation: OperationId,
    callOptions: CallOptions,
    send: (init: { headers: { Authorization: string }; parseAs: 'text'; signal: AbortSignal }) => Promise<Sent>,
  ): Promise<ListDashboardsResponse | ListWorkspacesResponse> {
    const token = await readToken(options.token);
    const guard = createGuard(timeoutMs, [options.signal, callOptions.signal]);
    let answer: Answer;
    try {
      const sent = send({ headers: { Authorization: `Bearer ${token}` }, parseAs: 'text', signal: guard.signal });
      const result = await Promise.race([sent, guard.stopped]);
      answer = {
        status: result.response.status,
        contentType: result.response.headers.get('content-type'),
        text: textOf(result),
      };
    } catch (cause) {
      throw failureWithoutAnswer(cause, {
        timedOut: guard.timedOut(),
        aborted: options.signal?.aborted === true || callOptions.signal?.aborted === true,
        timeoutMs,
        baseUrl,
        path: operation === 'listWorkspaces' ? workspacesPath : dashboardsPath,
        secret: token,
      });
    } finally {
      guard.release();
    }
    const result = interpretAnswer(answer, token, operation);
    if (result instanceof DatabrainError) throw result;
    return result;
  }

  async function send(body: ListDashboardsRequest, callOptions: CallOptions = {}): Promise<ListDashboardsResponse> {
    return (await call('listWorkspaceDashboards', callOptions, (init) =>
      api.POST(dashboardsPath, { body, ...init }),
    )) as ListDashboardsResponse;
  }

  async function listDashboardsPage(
    workspaceName: string,
    pageNumber: number,
    callOptions?: CallOptions,
  ): Promise<Dashboard[]> {
    return (await send({ workspaceName, isPagination: true, pageNumber }, callOptions)).data;
  }

  async function* listDashboardPages(
    workspaceName: string,
    pageOptions: PageOptions = {},
  ): AsyncGenerator<DashboardPage, void, void> {
    const what = { plural: 'dashboards', of: `workspace "${workspaceName}"`, size: pageSize };
    const read = (pageNumber: number, callOptions: CallOptions) =>
      listDashboardsPage(workspaceName, pageNumber, callOptions);
    for await (const { pageNumber, items } of readPages(read, what, pageOptions))
      yield { pageNumber, dashboards: items };
  }

  async function workspaces(
    query: { isPagination?: 'true' | 'false'; pageNumber?: string },
    callOptions: CallOptions = {},
  ): Promise<Workspace[]> {
    const body = await call('listWorkspaces', callOptions, (init) =>
      api.GET(workspacesPath, { params: { query }, ...init }),
    );
    return body.data;
  }

  function listWorkspacesPage(pageNumber: number, callOptions?: CallOptions): Promise<Workspace[]> {
    // The API reads a page number it does not allow as page 1 (no 400 is documented): refuse it here.
    if (!Number.isInteger(pageNumber) || !workspacesQueryValidators.pageNumber(String(pageNumber))) {
      return Promise.reject(
        new TypeError(`listWorkspacesPage: ${pageNumber} is not a page number; pages are whole numbers from 1.`),
      );
    }
    return workspaces({ isPagination: 'true', pageNumber: String(pageNumber) }, callOptions);
  }

  async function* listWorkspacePages(pageOptions: PageOptions = {}): AsyncGenerator<WorkspacePage, void, void> {
    const what = { plural: 'workspaces', of: 'workspaces', size: workspacesPageSize };
    for await (const { pageNumber, items } of readPages(listWorkspacesPage, what, pageOptions))
      yield { pageNumber, workspaces: items };
  }

  return {
    baseUrl,
    send,
    listDashboardsPage,
    listDashboardPages,
    async listDashboards(workspaceName, callOptions) {
      return (await send({ workspaceName }, callOptions)).data;
    },
    async listAllDashboardsByPage(workspaceName, pageOptions) {
      const all: Dashboard[] = [];
      for await (const page of listDashboardPages(workspaceName, pageOptions)) all.push(...page.dashboards);
      return all;
    },
    // As the documentation's call: no query string (pagination off is the default).
    listWorkspaces: (callOptions) => workspaces({}, callOptions),
    listWorkspacesPage,
    listWorkspacePages,
    async listAllWorkspacesByPage(pageOptions) {
      const all: Workspace[] = [];
      for await (const page of listWorkspacePages(pageOptions)) all.push(...page.workspaces);
      return all;
    },
  };
}
