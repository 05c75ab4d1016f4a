/**
 * What the validating proxy saw, turned into a world the mock can serve offline. Only what was
 * seen whole is recorded: a workspace's dashboards from an unpaginated answer, or from pages 1..n
 * ending with a page shorter than the page size. Anything seen only in part is left out, with the
 * reason; a workspace the API did not know stays unknown. Nothing is completed by guesswork.
 */
import {
  documentedErrors,
  errorCodeOf,
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
  /** The world seen so far, served with the given (mock) tokens. */
  recording(tokens: readonly string[]): Recording;
}

/** Pages of a list, by page number, seen so far. */
type Pages<T> = Map<number, readonly T[]>;

/** The whole list from pages 1..n ending with a short page, or why there is none. */
function joinPages<T>(pages: Pages<T>, size: number): { readonly items: T[] } | { readonly reason: string } {
  const items: T[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = pages.get(pageNumber);
    if (!page) {
      const seen = [...pages.keys()].sort((a, b) => a - b).join(', ');
      return { reason: `page ${pageNumber} was not seen (seen: ${seen})` };
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

export function createRecorder(): Recorder {
  const wholeLists = new Map<string, readonly Dashboard[]>();
  const dashboardPages = new Map<string, Pages<Dashboard>>();
  const unknown = new Set<string>();
  let workspaceList: readonly Workspace[] | undefined;
  const workspacePages: Pages<Workspace> = new Map();

  function seenDashboards(exchange: SeenExchange): void {
    if (!isDashboardsRequest(exchange.requestBody)) return;
    const request = { ...requestDefaults, ...exchange.requestBody };
    if (
      exchange.status === documentedErrors.WORKSPACE_ID_ERROR.status &&
      errorCodeOf(exchange.body) === 'WORKSPACE_ID_ERROR'
    ) {
      unknown.add(request.workspaceName);
      return;
    }
    const { body } = exchange;
    if (exchange.status !== 200 || !successValidator('listWorkspaceDashboards')(body)) return;
    const { data } = body;
    if (!request.isPagination) {
      wholeLists.set(request.workspaceName, data);
      return;
    }
    const pages = dashboardPages.get(request.workspaceName) ?? new Map<number, readonly Dashboard[]>();
    pages.set(request.pageNumber, data);
    dashboardPages.set(request.workspaceName, pages);
  }

  function seenWorkspaces(exchange: SeenExchange): void {
    const { body } = exchange;
    if (exchange.status !== 200 || !successValidator('listWorkspaces')(body)) return;
    const { data } = body;
    // The query read as the API reads it (the spec's assumptions), so a page is kept under its number.
    const query = exchange.query ?? new URLSearchParams();
    if (workspacesQueryValue(query, 'isPagination') !== 'true') {
      workspaceList = data;
      return;
    }
    workspacePages.set(Number(workspacesQueryValue(query, 'pageNumber')), data);
  }

  return {
    seen(exchange) {
      if (exchange.operation === 'listWorkspaces') seenWorkspaces(exchange);
      else seenDashboards(exchange);
    },
    recording(tokens) {
      const leftOut: string[] = [];
      const recorded = new Map<string, readonly Dashboard[]>();
      const names = new Set([...wholeLists.keys(), ...dashboardPages.keys()]);
      for (const name of names) {
        const whole = wholeLists.get(name);
        if (whole) {
          recorded.set(name, whole);
          continue;
        }
        const joined = joinPages<Dashboard>(
          dashboardPages.get(name) ?? new Map<number, readonly Dashboard[]>(),
          pageSize,
        );
        if ('items' in joined) recorded.set(name, joined.items);
        else leftOut.push(`workspace "${name}" left out: ${joined.reason}, so its list was not seen whole`);
      }
      for (const name of unknown)
        leftOut.push(`workspace "${name}" stays unknown: the API answered WORKSPACE_ID_ERROR`);

      // The workspace listing, when it was seen whole, gives the order; the rest follow as first seen.
      const listed =
        workspaceList ??
        (() => {
          if (workspacePages.size === 0) return undefined;
          const joined = joinPages(workspacePages, workspacesPageSize);
          if ('items' in joined) return joined.items;
          leftOut.push(`the workspace listing was not used for the order: ${joined.reason}`);
          return undefined;
        })();
      const order = [
        ...(listed ?? []).map((workspace) => workspace.name).filter((name) => recorded.has(name)),
        ...recorded.keys(),
      ];
      const notAsked = (listed ?? [])
        .map((workspace) => workspace.name)
        .filter((name) => !recorded.has(name) && !names.has(name));
      if (notAsked.length > 0) {
        leftOut.push(
          `${notAsked.length} listed workspace(s) left out, their dashboards never asked for: ${notAsked.join(', ')}`,
        );
      }
      // fromEntries defines own keys, so even a workspace named "__proto__" is kept as data.
      const workspaces = Object.fromEntries([...new Set(order)].map((name) => [name, recorded.get(name) ?? []]));
      return { world: { tokens: [...tokens], workspaces }, leftOut };
    },
  };
}
