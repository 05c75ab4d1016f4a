/**
 * What the validating proxy saw, turned into a world the mock can serve offline. Only what was
 * seen complete is recorded: a workspace's dashboards from an unpaginated answer, or from pages 1..n
 * ending with a page shorter than the page size. Anything seen only in part is left out, with the
 * reason; a workspace the API did not know stays unknown. Nothing is completed by guesswork.
 */
import {
  documentedErrors,
  errorCodeOf,
  successStatus,
  successValidator,
  pageSize,
  requestDefaults,
  workspacesPageSize,
  workspacesQueryValue,
  type Dashboard,
  type ListDashboardsRequest,
  type OperationId,
  type Workspace,
} from '../src/kernel/index.js';
import type { DatabrainMockWorld } from './fixtures.js';

/** One forwarded exchange: which operation, what was asked, what came back (parsed). */
export interface SeenExchange {
  readonly operation: OperationId;
  /** The parsed JSON body of a POST, or undefined. */
  readonly requestBody?: unknown;
  /** The query string of a GET. */
  readonly query?: URLSearchParams;
  readonly status: number;
  readonly body: unknown;
}

export interface Recording {
  readonly world: DatabrainMockWorld;
  /** One line per thing left out, saying which and why. */
  readonly leftOut: readonly string[];
}

export interface Recorder {
  seen(exchange: SeenExchange): void;
  /** The world seen so far, to be served with these (mock) tokens. */
  recording(tokens: readonly string[]): Recording;
}

/** Pages of a list, by page number, seen so far. */
type Pages<T> = Map<number, readonly T[]>;

/** The complete list from pages 1..n ending with a short page, or why there is none. */
function joinPages<T>(pages: Pages<T>, size: number): { readonly items: T[] } | { readonly reason: string } {
  const items: T[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = pages.get(pageNumber);
    if (!page) {
      const seenNumbers = [...pages.keys()].sort((a, b) => a - b).join(', ');
      return { reason: `page ${pageNumber} was not seen (seen: ${seenNumbers})` };
    }
    items.push(...page);
    if (page.length < size) return { items };
  }
}

function isDashboardsRequest(body: unknown): body is ListDashboardsRequest {
  return (
    typeof body === 'object' && body !== null && typeof (body as { workspaceName?: unknown }).workspaceName === 'string'
  );
}

/** What a recorder has seen so far, by kind of answer. */
interface SeenSoFar {
  /** Each workspace's dashboards from an unpaginated answer. */
  readonly unpaginatedLists: Map<string, readonly Dashboard[]>;
  /** Each workspace's pages of dashboards. */
  readonly dashboardPages: Map<string, Pages<Dashboard>>;
  /** The workspaces the API answered WORKSPACE_ID_ERROR for. */
  readonly unknownWorkspaces: Set<string>;
  /** The workspace listing from an unpaginated answer. */
  workspaceListing: readonly Workspace[] | undefined;
  readonly workspacePages: Pages<Workspace>;
}

/** True for the API's answer that the workspace asked for does not exist. */
function isUnknownWorkspace(exchange: SeenExchange): boolean {
  const { status } = documentedErrors.WORKSPACE_ID_ERROR;
  return exchange.status === status && errorCodeOf(exchange.body) === 'WORKSPACE_ID_ERROR';
}

/** Notes an answer of List dashboards: an unknown workspace, a whole list or one page of it. */
function noteDashboards(seen: SeenSoFar, exchange: SeenExchange): void {
  if (!isDashboardsRequest(exchange.requestBody)) return;
  const request = { ...requestDefaults, ...exchange.requestBody };
  if (isUnknownWorkspace(exchange)) {
    seen.unknownWorkspaces.add(request.workspaceName);
    return;
  }
  const { body } = exchange;
  if (exchange.status !== successStatus || !successValidator('listWorkspaceDashboards')(body)) return;
  if (!request.isPagination) {
    seen.unpaginatedLists.set(request.workspaceName, body.data);
    return;
  }
  const pages = seen.dashboardPages.get(request.workspaceName) ?? new Map<number, readonly Dashboard[]>();
  pages.set(request.pageNumber, body.data);
  seen.dashboardPages.set(request.workspaceName, pages);
}

/** Notes an answer of List Workspaces: the whole listing or one page of it. */
function noteWorkspaces(seen: SeenSoFar, exchange: SeenExchange): void {
  const { body } = exchange;
  if (exchange.status !== successStatus || !successValidator('listWorkspaces')(body)) return;
  // The query read as the API reads it (the spec's assumptions), so a page is noted under its number.
  const query = exchange.query ?? new URLSearchParams();
  if (workspacesQueryValue(query, 'isPagination') !== 'true') {
    seen.workspaceListing = body.data;
    return;
  }
  seen.workspacePages.set(Number(workspacesQueryValue(query, 'pageNumber')), body.data);
}

/** The workspaces whose dashboards were seen in a success answer, in the order first seen. */
function askedWorkspaces(seen: SeenSoFar): Set<string> {
  return new Set([...seen.unpaginatedLists.keys(), ...seen.dashboardPages.keys()]);
}

/** Each workspace whose dashboards were seen complete; each other one is left out, saying why. */
function completeLists(seen: SeenSoFar, leftOut: string[]): Map<string, readonly Dashboard[]> {
  const complete = new Map<string, readonly Dashboard[]>();
  for (const name of askedWorkspaces(seen)) {
    const unpaginated = seen.unpaginatedLists.get(name);
    if (unpaginated) {
      complete.set(name, unpaginated);
      continue;
    }
    const joined = joinPages(seen.dashboardPages.get(name) ?? new Map<number, readonly Dashboard[]>(), pageSize);
    if ('items' in joined) complete.set(name, joined.items);
    else leftOut.push(`workspace "${name}" left out: ${joined.reason}, so its list was not seen whole`);
  }
  return complete;
}

/** The workspace listing when it was seen complete, or undefined (saying why, when pages were seen). */
function completeListing(seen: SeenSoFar, leftOut: string[]): readonly Workspace[] | undefined {
  if (seen.workspaceListing) return seen.workspaceListing;
  if (seen.workspacePages.size === 0) return undefined;
  const joined = joinPages(seen.workspacePages, workspacesPageSize);
  if ('items' in joined) return joined.items;
  leftOut.push(`the workspace listing was not used for the order: ${joined.reason}`);
  return undefined;
}

/** The recorded world: the listing gives the order, and the workspaces it does not name follow as first seen. */
function orderedWorld(seen: SeenSoFar, tokens: readonly string[], leftOut: string[]): DatabrainMockWorld {
  const complete = completeLists(seen, leftOut);
  for (const name of seen.unknownWorkspaces)
    leftOut.push(`workspace "${name}" stays unknown: the API answered WORKSPACE_ID_ERROR`);
  const listedNames = (completeListing(seen, leftOut) ?? []).map((workspace) => workspace.name);
  const asked = askedWorkspaces(seen);
  const notAsked = listedNames.filter((name) => !asked.has(name));
  if (notAsked.length > 0) {
    leftOut.push(
      `${notAsked.length} listed workspace(s) left out, their dashboards never asked for: ${notAsked.join(', ')}`,
    );
  }
  const order = new Set([...listedNames.filter((name) => complete.has(name)), ...complete.keys()]);
  // fromEntries defines own keys, so even a workspace named "__proto__" is recorded as data.
  const workspaces = Object.fromEntries([...order].map((name) => [name, complete.get(name) ?? []]));
  return { tokens: [...tokens], workspaces };
}

export function createRecorder(): Recorder {
  const seen: SeenSoFar = {
    unpaginatedLists: new Map(),
    dashboardPages: new Map(),
    unknownWorkspaces: new Set(),
    workspaceListing: undefined,
    workspacePages: new Map(),
  };
  return {
    seen(exchange) {
      if (exchange.operation === 'listWorkspaces') noteWorkspaces(seen, exchange);
      else noteDashboards(seen, exchange);
    },
    recording(tokens) {
      const leftOut: string[] = [];
      const world = orderedWorld(seen, tokens, leftOut);
      return { world, leftOut };
    },
  };
}
