/**
 * The typed client of the List dashboards in a workspace endpoint, built with openapi-fetch on the
 * generated `paths`. Every contract in `contracts/` is written against it.
 */
import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { DatabrainError, redact, redactValue } from './errors.js';
import {
  cloudBaseUrl,
  dashboardsPath,
  pageSize,
  type Dashboard,
  type ErrorCode,
  type ErrorResponse,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
} from './spec.js';
import { describeIssues, specValidator } from './validate.js';

/** The service token, or a function that reads it at request time (e.g. from the environment). */
export type TokenSource = string | (() => string | Promise<string>);

export interface DatabrainClientOptions {
  /** The service token (not a data-app API key). Sent as `Authorization: Bearer <token>`. */
  readonly token: TokenSource;
  /** Defaults to Databrain cloud; pass a self-hosted install's URL to use that instead. */
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

/** One page read by {@link DatabrainClient.pages}. */
export interface DashboardPage {
  readonly pageNumber: number;
  readonly dashboards: Dashboard[];
}

export interface DatabrainClient {
  /** The base URL this client sends to, without a trailing slash. */
  readonly baseUrl: string;
  /** Every dashboard of the workspace in one response (pagination off). */
  listDashboards(workspaceName: string, options?: CallOptions): Promise<Dashboard[]>;
  /** One page of 10 dashboards, counted from 1. A page past the end is an empty array. */
  listDashboardsPage(
    workspaceName: string,
    pageNumber: number,
    options?: CallOptions,
  ): Promise<Dashboard[]>;
  /** Reads page after page until one holds fewer than 10 dashboards (no total count exists). */
  pages(workspaceName: string, options?: PageOptions): AsyncGenerator<DashboardPage, void, void>;
  /** Every dashboard of the workspace, read a page at a time. */
  listAllDashboardsByPage(workspaceName: string, options?: PageOptions): Promise<Dashboard[]>;
  /** Sends one request body as it is and returns the parsed, spec-checked success body. */
  send(body: ListDashboardsRequest, options?: CallOptions): Promise<ListDashboardsResponse>;
}

const defaultTimeoutMs = 30_000;
const defaultMaxPages = 10_000;
const bodyPreviewLength = 200;

function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isErrorResponse(status: number, body: unknown): body is ErrorResponse {
  return specValidator().response(status)?.(body) === true && status !== 200;
}

export function createDatabrainClient(options: DatabrainClientOptions): DatabrainClient {
  const baseUrl = trimTrailingSlash(options.baseUrl ?? cloudBaseUrl);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const resolveToken = async (): Promise<string> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new TypeError(
        'No Databrain service token: pass `token` to createDatabrainClient (e.g. from DATABRAIN_SERVICE_TOKEN).',
      );
    }
    return token;
  };
  // The global fetch is looked up per request, so msw (or any other interceptor) installed after
  // the client was created still sees its requests.
  const api = createClient<paths>({
    baseUrl,
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });

  async function send(
    body: ListDashboardsRequest,
    callOptions: CallOptions = {},
  ): Promise<ListDashboardsResponse> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, options.signal, callOptions.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    const token = await resolveToken();
    const hide = (text: string): string => redact(text, token);
    let result;
    try {
      result = await api.POST(dashboardsPath, {
        body,
        headers: { Authorization: `Bearer ${token}` },
        parseAs: 'text',
        signal: AbortSignal.any(signals),
      });
    } catch (cause) {
      if (cause instanceof DatabrainError) throw cause;
      if (timeout.aborted) {
        throw new DatabrainError({
          kind: 'timeout',
          message: `Databrain did not answer within ${timeoutMs} ms (${baseUrl}${dashboardsPath}).`,
          cause,
        });
      }
      if (options.signal?.aborted || callOptions.signal?.aborted) {
        throw new DatabrainError({ kind: 'aborted', message: 'The request was aborted.', cause });
      }
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      throw new DatabrainError({
        kind: 'network',
        message: hide(`Could not reach Databrain at ${baseUrl}: ${reason}`),
        cause,
      });
    }
    // openapi-fetch hands back a success body as text (parseAs) and an error body already
    // parsed when it is JSON, as text when it is not.
    const raw: unknown = result.response.ok ? result.data : result.error;
    return interpret(result.response, raw ?? '', token);
  }

  /** The success body, or the DatabrainError that says what came instead; the token is hidden. */
  function interpret(response: Response, raw: unknown, token: string): ListDashboardsResponse {
    const hide = (text: string): string => redact(text, token);
    const status = response.status;
    let parsed: unknown = raw;
    if (typeof raw === 'string') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
    }
    if (parsed === undefined) {
      const text = typeof raw === 'string' ? raw : '';
      const type = response.headers.get('content-type') ?? 'no content type';
      const preview = text.length > bodyPreviewLength ? `${text.slice(0, bodyPreviewLength)}…` : text;
      throw new DatabrainError({
        kind: 'unexpected-response',
        status,
        body: hide(text),
        message: hide(`Databrain answered ${status} with a body that is not JSON (${type}): ${JSON.stringify(preview)}`),
      });
    }
    if (status === 200) {
      const validate = specValidator().response(200);
      if (validate?.(parsed)) return parsed as ListDashboardsResponse;
      throw new DatabrainError({
        kind: 'unexpected-response',
        status,
        body: redactValue(parsed, token),
        message: hide(
          `Databrain answered 200 with a body the spec does not allow: ${describeIssues(validate?.errors).join('; ')}`,
        ),
      });
    }
    if (isErrorResponse(status, parsed)) {
      const code: ErrorCode = parsed.error.code;
      throw new DatabrainError({
        kind: 'api',
        status,
        code,
        body: redactValue(parsed, token),
        message: hide(`Databrain answered ${status} ${code}: ${parsed.error.message}`),
      });
    }
    throw new DatabrainError({
      kind: 'unexpected-response',
      status,
      body: redactValue(parsed, token),
      message: hide(
        `Databrain answered ${status} with a body the spec does not document for that status: ${JSON.stringify(parsed).slice(0, bodyPreviewLength)}`,
      ),
    });
  }

  async function listDashboardsPage(
    workspaceName: string,
    pageNumber: number,
    callOptions?: CallOptions,
  ): Promise<Dashboard[]> {
    const body = await send({ workspaceName, isPagination: true, pageNumber }, callOptions);
    return body.data;
  }

  async function* pages(
    workspaceName: string,
    pageOptions: PageOptions = {},
  ): AsyncGenerator<DashboardPage, void, void> {
    const start = pageOptions.startPage ?? 1;
    const maxPages = pageOptions.maxPages ?? defaultMaxPages;
    const callOptions = pageOptions.signal ? { signal: pageOptions.signal } : {};
    for (let pageNumber = start; pageNumber < start + maxPages; pageNumber += 1) {
      const dashboards = await listDashboardsPage(workspaceName, pageNumber, callOptions);
      if (dashboards.length > pageSize) {
        throw new DatabrainError({
          kind: 'unexpected-response',
          status: 200,
          body: dashboards,
          message: `Page ${pageNumber} held ${dashboards.length} dashboards, more than the page size of ${pageSize}: the server did not paginate.`,
        });
      }
      yield { pageNumber, dashboards };
      if (dashboards.length < pageSize) return;
    }
    throw new DatabrainError({
      kind: 'unexpected-response',
      message: `Stopped after ${maxPages} full pages of workspace "${workspaceName}": raise maxPages to read further.`,
    });
  }

  return {
    baseUrl,
    send,
    listDashboardsPage,
    pages,
    async listDashboards(workspaceName, callOptions) {
      const body = await send({ workspaceName }, callOptions);
      return body.data;
    },
    async listAllDashboardsByPage(workspaceName, pageOptions) {
      const all: Dashboard[] = [];
      for await (const page of pages(workspaceName, pageOptions)) all.push(...page.dashboards);
      return all;
    },
  };
}
