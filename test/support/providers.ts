/**
 * Test providers for the drift check: a clean one with other data than the fixtures, and drifted
 * ones, each a small HTTP server on loopback built on the mock behaviour plus one change.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabrainBehaviour } from '../../mocks/behaviour.js';
import { generatedWorkspace, type DatabrainMockWorld } from '../../mocks/fixtures.js';
import { invalidToken } from '../../contracts/states.js';
import { pageSize, workspacesPath, type Dashboard, type Workspace } from '../../src/kernel/index.js';

export const cleanToken = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const cleanWorkspace = 'finance-team';
export const cleanEmptyWorkspace = 'new-team';

/** Other names, a UUID token, 37 dashboards, 13 workspaces: nothing in common with the fixtures. */
export const cleanWorld: DatabrainMockWorld = {
  tokens: [cleanToken],
  workspaces: {
    ...Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`region-${index + 1}`, []])),
    [cleanWorkspace]: generatedWorkspace(37, 'Ledger View'),
    [cleanEmptyWorkspace]: [],
    ...Object.fromEntries(
      Array.from({ length: 5 }, (_, index) => [`project-${index + 1}`, generatedWorkspace(index, 'Board')]),
    ),
  },
};

export interface ProviderRequest {
  readonly body: Record<string, unknown>;
  /** The query string of a List Workspaces request. */
  readonly query: URLSearchParams;
  readonly authorization: string | null;
}

export interface ProviderReply {
  readonly status: number;
  readonly body: unknown;
  readonly contentType?: string;
  /** Sent as it is instead of the JSON of `body`. */
  readonly text?: string;
  /** More response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** One change to the clean provider's answers of the dashboards endpoint. */
export type Drift = (request: ProviderRequest, reply: ProviderReply, dashboards: readonly Dashboard[]) => ProviderReply;

/** One change to the clean provider's answers of List Workspaces. */
export type WorkspaceDrift = (
  request: ProviderRequest,
  reply: ProviderReply,
  workspaces: readonly Workspace[],
) => ProviderReply;

export interface RunningProvider {
  readonly url: string;
  readonly requests: () => number;
  /**
   * Every request received, in order, a line each: method, target, token (`clean`, `invalid`,
   * `other` or `none`), Accept, Content-Type and body.
   */
  readonly log: () => readonly string[];
  close(): Promise<void>;
}

function tokenName(authorization: string | undefined): string {
  if (authorization === `Bearer ${cleanToken}`) return 'clean';
  if (authorization === `Bearer ${invalidToken}`) return 'invalid';
  return authorization === undefined ? 'none' : 'other';
}

export async function startProvider(drift?: Drift, workspaceDrift?: WorkspaceDrift): Promise<RunningProvider> {
  const behaviour = createDatabrainBehaviour(cleanWorld);
  let count = 0;
  const log: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      count += 1;
      const raw = Buffer.concat(chunks);
      const { accept = '-', 'content-type': type = '-' } = request.headers;
      log.push(
        [request.method, request.url, tokenName(request.headers.authorization), accept, type, raw.toString()]
          .join(' ')
          .trimEnd(),
      );
      const [path = '', search = ''] = (request.url ?? '').split('?');
      const listsWorkspaces = request.method === 'GET' && path === workspacesPath;
      const outcome = behaviour.handle({
        operation: listsWorkspaces ? 'listWorkspaces' : 'listWorkspaceDashboards',
        query: search,
        authorization: request.headers.authorization ?? null,
        contentType: request.headers['content-type'] ?? null,
        body: raw,
      });
      if (outcome.kind !== 'reply') throw new Error('test providers always reply');
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(raw.toString() || '{}');
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
      } catch {
        body = {};
      }
      const workspace =
        typeof body['workspaceName'] === 'string' ? cleanWorld.workspaces[body['workspaceName']] : undefined;
      const seen: ProviderRequest = {
        body,
        query: new URLSearchParams(search),
        authorization: request.headers.authorization ?? null,
      };
      const listed = Object.keys(cleanWorld.workspaces).map((name) => ({ name }));
      const reply: ProviderReply = listsWorkspaces
        ? (workspaceDrift?.(seen, outcome.reply, listed) ?? outcome.reply)
        : (drift?.(seen, outcome.reply, workspace ?? []) ?? outcome.reply);
      const text = reply.text ?? JSON.stringify(reply.body);
      response.writeHead(reply.status, {
        ...reply.headers,
        'content-type': reply.contentType ?? 'application/json',
      });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    log: () => log,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

const isValidList = (reply: ProviderReply): reply is { status: 200; body: { data: Dashboard[]; error: null } } =>
  reply.status === 200 && Array.isArray((reply.body as { data?: unknown }).data);

const errorCode = (reply: ProviderReply): string | undefined =>
  (reply.body as { error?: { code?: string } | null }).error?.code ?? undefined;

/** Rewrites every dashboard of a successful answer. */
const eachDashboard =
  (change: (dashboard: Dashboard) => unknown): Drift =>
  (_request, reply) =>
    isValidList(reply) ? { ...reply, body: { ...reply.body, data: reply.body.data.map(change) } } : reply;

/** Pages of `size` counted from `first`, or the whole list when `paginate` is false. */
const paging =
  (size: number, first: number, paginate = true): Drift =>
  (request, reply, dashboards) => {
    if (!isValidList(reply) || request.body['isPagination'] !== true) return reply;
    if (!paginate) return { ...reply, body: { data: dashboards, error: null } };
    const page = typeof request.body['pageNumber'] === 'number' ? request.body['pageNumber'] : 1;
    const start = (page - first) * size;
    return { ...reply, body: { data: dashboards.slice(start, start + size), error: null } };
  };

/** Each drifted provider, named for what changed. */
export const drifts = {
  'a renamed field (name → title)': eachDashboard(({ name, externalDashboardId }) => ({
    title: name,
    externalDashboardId,
  })),
  'a field of another type (externalDashboardId as a number)': eachDashboard(({ name }) => ({
    name,
    externalDashboardId: 42,
  })),
  'another page size (5)': paging(5, 1),
  'pages counted from 0': paging(10, 0),
  'pagination ignored': paging(10, 1, false),
  'wrapped data ({ data: { dashboards } })': (_request, reply) =>
    isValidList(reply) ? { ...reply, body: { data: { dashboards: reply.body.data }, error: null } } : reply,
  'another status for an unknown workspace (404)': (_request, reply) =>
    errorCode(reply) === 'WORKSPACE_ID_ERROR'
      ? { status: 404, body: { error: { code: 'WORKSPACE_NOT_FOUND', message: 'Not found' } } }
      : reply,
  'another status for a bad token (400 AUTHENTICATION_ERROR)': (_request, reply) =>
    reply.status === 401
      ? { status: 400, body: { error: { code: 'AUTHENTICATION_ERROR', message: 'Invalid API key' } } }
      : reply,
  'a 422 for validation': (_request, reply) =>
    errorCode(reply) === 'INVALID_REQUEST_BODY' ? { ...reply, status: 422 } : reply,
  'an error without message': (_request, reply) =>
    errorCode(reply) !== undefined ? { ...reply, body: { error: { code: errorCode(reply) } } } : reply,
  'success without the error field': (_request, reply) =>
    isValidList(reply) ? { ...reply, body: { data: reply.body.data } } : reply,
  'an unknown workspace listed as empty (200 [])': (_request, reply) =>
    errorCode(reply) === 'WORKSPACE_ID_ERROR' ? { status: 200, body: { data: [], error: null } } : reply,
  'a success served as text/plain': (_request, reply) =>
    isValidList(reply) ? { ...reply, contentType: 'text/plain' } : reply,
  'page 0 accepted (200 instead of 400)': (request, reply, dashboards) =>
    request.body['pageNumber'] === 0 && errorCode(reply) === 'INVALID_REQUEST_BODY'
      ? { status: 200, body: { data: dashboards.slice(0, pageSize), error: null } }
      : reply,
  'a page past the end that repeats the last page': (request, reply, dashboards) => {
    const lastPage = Math.ceil(dashboards.length / pageSize);
    const page = request.body['pageNumber'];
    return isValidList(reply) && request.body['isPagination'] === true && typeof page === 'number' && page > lastPage
      ? { ...reply, body: { data: dashboards.slice((lastPage - 1) * pageSize), error: null } }
      : reply;
  },
  'pages in the reverse order of the list': (request, reply, dashboards) => {
    if (!isValidList(reply) || request.body['isPagination'] !== true) return reply;
    const page = typeof request.body['pageNumber'] === 'number' ? request.body['pageNumber'] : 1;
    return {
      ...reply,
      body: { data: [...dashboards].reverse().slice((page - 1) * pageSize, page * pageSize), error: null },
    };
  },
  'a dashboard listed twice (in the list and on two pages)': (request, reply, dashboards) => {
    if (!isValidList(reply)) return reply;
    const twice = [...dashboards.slice(0, 12), ...dashboards.slice(4, 5), ...dashboards.slice(12)];
    const page = typeof request.body['pageNumber'] === 'number' ? request.body['pageNumber'] : 1;
    const data = request.body['isPagination'] === true ? twice.slice((page - 1) * pageSize, page * pageSize) : twice;
    return { ...reply, body: { data, error: null } };
  },
} satisfies Record<string, Drift>;

const isWorkspaceList = (reply: ProviderReply): reply is { status: 200; body: { data: Workspace[]; error: null } } =>
  reply.status === 200 && Array.isArray((reply.body as { data?: unknown }).data);

/** Each provider whose List Workspaces drifted, named for what changed. */
export const workspaceDrifts = {
  'a renamed workspace field (name → title)': (_request, reply) =>
    isWorkspaceList(reply)
      ? { ...reply, body: { data: reply.body.data.map(({ name }) => ({ title: name })), error: null } }
      : reply,
  'workspace pagination ignored': (request, reply, workspaces) =>
    isWorkspaceList(reply) && request.query.get('isPagination') === 'true'
      ? { ...reply, body: { data: workspaces, error: null } }
      : reply,
  'a workspace page past the end that repeats the last page': (request, reply, workspaces) => {
    const page = Number(request.query.get('pageNumber'));
    const lastPage = Math.ceil(workspaces.length / pageSize);
    return isWorkspaceList(reply) && request.query.get('isPagination') === 'true' && page > lastPage
      ? { ...reply, body: { data: workspaces.slice((lastPage - 1) * pageSize), error: null } }
      : reply;
  },
  'a malformed page number refused with 400': (request, reply) =>
    request.query.get('pageNumber') !== null && !/^[1-9][0-9]*$/.test(request.query.get('pageNumber') ?? '')
      ? { status: 400, body: { error: { code: 'INVALID_REQUEST_BODY', message: '"pageNumber" must be a number' } } }
      : reply,
  'the configured workspace missing from the listing': (_request, reply) =>
    isWorkspaceList(reply)
      ? { ...reply, body: { data: reply.body.data.filter(({ name }) => name !== cleanWorkspace), error: null } }
      : reply,
} satisfies Record<string, WorkspaceDrift>;

/** An additive change: a field the spec does not declare. Not drift, a warning. */
export const additive: Drift = (_request, reply) =>
  isValidList(reply) ? { ...reply, body: { ...reply.body, totalCount: reply.body.data.length } } : reply;

/** The token a request carries, as the provider received it; not the invalid one the pact sends. */
const echoedToken = (request: ProviderRequest): string | undefined => {
  const token = /^Bearer[ \t]+(\S+)/i.exec(request.authorization ?? '')?.[1];
  return token === invalidToken ? undefined : token;
};

/** Providers that echo the token they receive, each in one place of one kind of answer. */
export const echoes = {
  /** The unknown-workspace error as `{ error: "<a message with the token>" }`. */
  'in an error message': (request, reply) => {
    const token = echoedToken(request);
    return token !== undefined && errorCode(reply) === 'WORKSPACE_ID_ERROR'
      ? { ...reply, body: { error: `No workspace of that name for token ${token}` } }
      : reply;
  },
  /** The first page with the token in its Content-Type header. */
  'in a response header': (request, reply) => {
    const token = echoedToken(request);
    return token !== undefined && isValidList(reply) && request.body['pageNumber'] === 1
      ? { ...reply, contentType: `text/plain; token=${token}` }
      : reply;
  },
  /** Every unpaginated list with an added field holding the token. */
  'in an added field': (request, reply) => {
    const token = echoedToken(request);
    return token !== undefined && isValidList(reply) && request.body['isPagination'] !== true
      ? { ...reply, body: { ...reply.body, echo: token } }
      : reply;
  },
  /** Every INVALID_REQUEST_BODY error as an HTML page that names the token. */
  'in a body that is not JSON': (request, reply) => {
    const token = echoedToken(request);
    return token !== undefined && errorCode(reply) === 'INVALID_REQUEST_BODY'
      ? { ...reply, contentType: 'text/html', text: `<html><body>400 Bad Request for token ${token}</body></html>` }
      : reply;
  },
} satisfies Record<string, Drift>;

/** Every echo of {@link echoes} at once: each changes another kind of answer. */
export const echoing: Drift = (request, reply) =>
  Object.values(echoes).reduce<ProviderReply>((changed, echo) => echo(request, changed), reply);
