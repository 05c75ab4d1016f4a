/**
 * Spec conformance probes and pagination invariants, sent to any base URL. Each probe triggers one
 * documented scenario and checks the answer against the spec: status, content type, body schema,
 * error code. Fields the spec does not declare are warnings (an additive change is not drift).
 */
import {
  conformanceFindings,
  type CheckedAnswer as Answer,
  type Expectation,
  type Finding,
} from '../src/kernel/conformance.js';
import {
  dashboardsPath,
  documentedErrors,
  errorCodeOf,
  missingWorkspaceName,
  pageSize,
  pastLastPage,
  redact,
  workspacesPageSize,
  workspacesPath,
  successValidator,
  type Dashboard,
  type ErrorCode,
  type Workspace,
} from '../src/kernel/index.js';
import { checkOf, collapse, type CheckResult } from '../src/kernel/findings.js';
import { invalidToken } from './states.js';

export interface ProbeConfig {
  readonly baseUrl: string;
  readonly token: string;
  /** An existing workspace with at least one dashboard. */
  readonly workspace: string;
  /** An existing workspace without dashboards, when there is one. */
  readonly emptyWorkspace?: string | undefined;
  /** Per request. */
  readonly timeoutMs: number;
  /** Read at most this many pages for the pagination invariants. */
  readonly maxPages?: number;
}

/** The check cannot run: the message says why and what to do. */
export class CannotRunError extends Error {
  override readonly name: string = 'CannotRunError';
}

/** The provider could not be reached at all. */
export class ProviderUnreachableError extends CannotRunError {
  override readonly name = 'ProviderUnreachableError';
}

export interface ProbeOutcome {
  readonly checks: CheckResult[];
  /** The unpaginated list of the workspace, when the provider gave a valid one. */
  readonly dashboards: readonly Dashboard[] | undefined;
  /** The unpaginated list of workspaces, when the provider gave a valid one. */
  readonly workspaces: readonly Workspace[] | undefined;
}

const defaultMaxPages = 20;

/** The page to ask for past the end when the list could not be read: far past any real list. */
export const unknownLastPage = 100_000;

/** What the spec documents for an error code: its status and the code. */
function documented(code: ErrorCode): Expectation {
  return { status: documentedErrors[code].status, code };
}

/** What every probe may read: the configuration and, once listed, the workspace's dashboards. */
interface ProbeContext {
  readonly config: ProbeConfig;
  readonly dashboards: readonly Dashboard[] | undefined;
  readonly workspaces: readonly Workspace[] | undefined;
}

/** One documented scenario: the request to send, what the spec documents for it, and extra checks. */
type Probe = ProbeCommon &
  (
    | { readonly body: (context: ProbeContext) => unknown }
    /** List Workspaces probes send a query string instead of a body. */
    | { readonly operation: 'listWorkspaces'; readonly query: (context: ProbeContext) => string }
  );

interface ProbeCommon {
  readonly name: (context: ProbeContext) => string;
  readonly expected: Expectation;
  /** Send this token instead of the configured one. */
  readonly token?: string;
  /** The spec states this behaviour as an assumption where the docs are silent or disagree. */
  readonly assumption?: boolean;
  /** Only when this holds; otherwise the reason it could not be checked. */
  readonly skipUnless?: (context: ProbeContext) => string | undefined;
  readonly extra?: (answer: Answer, context: ProbeContext) => Finding[];
  /** Its answer is the workspace's whole list, which the probes after it build on. */
  readonly givesList?: boolean;
  /** Its answer is the whole list of workspaces, which the probes after it build on. */
  readonly givesWorkspaces?: boolean;
  /** A configuration problem this answer shows (not drift): the check cannot run. */
  readonly cannotRun?: (answer: Answer, context: ProbeContext) => string | undefined;
}

const validList = (answer: Answer): Dashboard[] | undefined =>
  answer.status === 200 && successValidator('listWorkspaceDashboards')(answer.body) ? answer.body.data : undefined;

/** A finding when a list that should be empty is not (`data` is undefined for an invalid answer). */
function expectEmpty<T>(why: string, data: readonly T[] | undefined, kind: ListKind<T>): Finding[] {
  return data && data.length > 0
    ? [
        {
          severity: 'drift',
          where: '$.data',
          expected: '[]',
          actual: countOf(data.length, kind),
          message: `${why} but holds ${countOf(data.length, kind)}`,
        },
      ]
    : [];
}

const pastLast = (context: ProbeContext): number =>
  context.dashboards ? pastLastPage(context.dashboards.length) : unknownLastPage;

const validWorkspaces = (answer: Answer): Workspace[] | undefined =>
  answer.status === 200 && successValidator('listWorkspaces')(answer.body) ? answer.body.data : undefined;

const pastLastWorkspaces = (context: ProbeContext): number =>
  context.workspaces ? pastLastPage(context.workspaces.length, workspacesPageSize) : unknownLastPage;

/** The probes of List Workspaces, after those of the dashboards endpoint. */
const workspaceProbes: readonly Probe[] = [
  {
    name: () => 'every workspace (the documented call, no query)',
    operation: 'listWorkspaces',
    query: () => '',
    expected: { status: 200 },
    givesWorkspaces: true,
    // The cross-endpoint invariant: a workspace whose dashboards can be listed is listed.
    extra: (answer, { config }) => {
      const data = validWorkspaces(answer);
      if (!data || data.some((workspace) => workspace.name === config.workspace)) return [];
      return [
        {
          severity: 'drift',
          where: '$.data',
          expected: `a workspace named "${config.workspace}"`,
          actual: `${data.length} workspaces without it`,
          message: `workspace "${config.workspace}" lists its dashboards but is missing from List Workspaces`,
        },
      ];
    },
  },
  {
    name: () => 'the first page of workspaces',
    operation: 'listWorkspaces',
    query: () => '?isPagination=true&pageNumber=1',
    expected: { status: 200 },
  },
  {
    name: (context) => `a page of workspaces past the end (page ${pastLastWorkspaces(context)})`,
    operation: 'listWorkspaces',
    query: (context) => `?isPagination=true&pageNumber=${pastLastWorkspaces(context)}`,
    expected: { status: 200 },
    extra: (answer, context) =>
      expectEmpty(
        `page ${pastLastWorkspaces(context)} of workspaces is past the last page`,
        validWorkspaces(answer),
        workspacesKind,
      ),
  },
  {
    name: () => 'workspaces with a malformed page number',
    operation: 'listWorkspaces',
    query: () => '?isPagination=true&pageNumber=abc',
    expected: { status: 200 },
    assumption: true,
    extra: (answer, { workspaces }) => {
      const data = validWorkspaces(answer);
      const first = workspaces?.slice(0, workspacesPageSize);
      if (!data || !first || sameItems(data, first, workspacesKind)) return [];
      return [
        {
          severity: 'drift',
          where: '$.data',
          expected: ids(first, workspacesKind),
          actual: ids(data, workspacesKind),
          message: 'a malformed page number did not read page 1',
        },
      ];
    },
  },
  {
    name: () => 'workspaces with an invalid service token',
    operation: 'listWorkspaces',
    query: () => '',
    expected: documented('INVALID_DATA_APP_API_KEY'),
    token: invalidToken,
    assumption: true,
  },
];

/** The probes, in the order they run. The first lists the workspace, which the others build on. */
const probes: readonly Probe[] = [
  {
    name: () => 'every dashboard of the workspace',
    body: ({ config }) => ({ workspaceName: config.workspace }),
    expected: { status: 200 },
    givesList: true,
    extra: (answer, { config }) => {
      const data = validList(answer);
      return data?.length === 0
        ? [
            {
              severity: 'drift',
              where: '$.data',
              expected: 'at least one dashboard',
              actual: '[]',
              message: `workspace "${config.workspace}" listed no dashboards: set DATABRAIN_WORKSPACE to a workspace that has some`,
            },
          ]
        : [];
    },
    cannotRun: (answer, { config }) => {
      if (answer.status === documentedErrors.INVALID_DATA_APP_API_KEY.status) {
        const code = errorCodeOf(answer.body);
        return `${config.baseUrl} refused the service token (${answer.status}${code ? ` ${code}` : ''}): check DATABRAIN_SERVICE_TOKEN.`;
      }
      if (errorCodeOf(answer.body) === 'WORKSPACE_ID_ERROR') {
        return `workspace "${config.workspace}" does not exist at ${config.baseUrl}: set DATABRAIN_WORKSPACE to an existing workspace.`;
      }
      return undefined;
    },
  },
  {
    name: () => 'the first page',
    body: ({ config }) => ({ workspaceName: config.workspace, isPagination: true, pageNumber: 1 }),
    expected: { status: 200 },
  },
  {
    name: (context) => `a page past the end (page ${pastLast(context)})`,
    body: (context) => ({ workspaceName: context.config.workspace, isPagination: true, pageNumber: pastLast(context) }),
    expected: { status: 200 },
    extra: (answer, context) =>
      expectEmpty(`page ${pastLast(context)} is past the last page`, validList(answer), dashboardsKind),
  },
  {
    name: () => 'a body without workspaceName',
    body: () => ({}),
    expected: documented('INVALID_REQUEST_BODY'),
  },
  {
    name: () => 'a page number of 0',
    body: ({ config }) => ({ workspaceName: config.workspace, isPagination: true, pageNumber: 0 }),
    expected: documented('INVALID_REQUEST_BODY'),
    assumption: true,
  },
  {
    name: () => 'an unknown workspace',
    body: () => ({ workspaceName: missingWorkspaceName() }),
    expected: documented('WORKSPACE_ID_ERROR'),
  },
  {
    name: () => 'an invalid service token',
    body: ({ config }) => ({ workspaceName: config.workspace }),
    expected: documented('INVALID_DATA_APP_API_KEY'),
    token: invalidToken,
    assumption: true,
  },
  {
    name: () => 'an empty workspace',
    body: ({ config }) => ({ workspaceName: config.emptyWorkspace }),
    expected: { status: 200 },
    skipUnless: ({ config }) =>
      config.emptyWorkspace ? undefined : 'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to check this',
    extra: (answer, { config }) =>
      expectEmpty(`workspace "${String(config.emptyWorkspace)}" should be empty`, validList(answer), dashboardsKind),
  },
];

const refutes = ' (refutes an x-assumptions entry of the spec: update spec/openapi.yaml if the API is right)';

export async function runProbes(config: ProbeConfig): Promise<ProbeOutcome> {
  const hide = (text: string): string => redact(text, config.token);

  /** POSTs a body to the dashboards endpoint, or GETs List Workspaces with a query string. */
  async function send(request: { body: unknown } | { query: string }, token = config.token): Promise<Answer> {
    let response: Response;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    try {
      response = await fetch(
        'query' in request
          ? `${config.baseUrl}${workspacesPath}${request.query}`
          : `${config.baseUrl}${dashboardsPath}`,
        {
          ...('query' in request
            ? { method: 'GET', headers }
            : {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify(request.body),
              }),
          signal: AbortSignal.timeout(config.timeoutMs),
          redirect: 'manual',
        },
      );
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${config.timeoutMs} ms` : cause;
      throw new ProviderUnreachableError(hide(`cannot reach ${config.baseUrl}: ${reason}`));
    }
    // Everything the checks see has the token masked already, so no finding can quote a part of it.
    const text = hide(await response.text());
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the body stays undefined, and the checks read the text.
    }
    return {
      status: response.status,
      contentType: hide(response.headers.get('content-type') ?? ''),
      body: parsed,
      text,
    };
  }

  const checks: CheckResult[] = [];
  let context: ProbeContext = { config, dashboards: undefined, workspaces: undefined };
  for (const probe of [...probes, ...workspaceProbes]) {
    const name = probe.name(context);
    const skipped = probe.skipUnless?.(context);
    if (skipped !== undefined) {
      const where = 'DATABRAIN_EMPTY_WORKSPACE';
      checks.push(
        checkOf('probe', name, [
          { severity: 'not-verifiable', where, expected: 'a workspace name', actual: 'not set', message: skipped },
        ]),
      );
      continue;
    }
    const started = performance.now();
    const answer = await send(
      'query' in probe ? { query: probe.query(context) } : { body: probe.body(context) },
      probe.token,
    );
    const problem = probe.cannotRun?.(answer, context);
    if (problem !== undefined) throw new CannotRunError(problem);
    const found = collapse([
      ...conformanceFindings(answer, probe.expected, 'operation' in probe ? probe.operation : undefined),
      ...(probe.extra?.(answer, context) ?? []),
    ]);
    // Where the docs are silent the spec states an assumption; a live answer that differs refutes it.
    const findings = probe.assumption
      ? found.map((finding) => ({ ...finding, message: `${finding.message}${refutes}` }))
      : found;
    checks.push(checkOf('probe', name, findings, performance.now() - started));
    if (probe.givesList) context = { ...context, dashboards: validList(answer) };
    if (probe.givesWorkspaces) context = { ...context, workspaces: validWorkspaces(answer) };
  }

  const { dashboards, workspaces } = context;
  const maxPages = config.maxPages ?? defaultMaxPages;
  const readDashboards = async (pageNumber: number) =>
    validList(await send({ body: { workspaceName: config.workspace, isPagination: true, pageNumber } }));
  const readWorkspaces = async (pageNumber: number) =>
    validWorkspaces(await send({ query: `?isPagination=true&pageNumber=${pageNumber}` }));
  checks.push(await paginationCheck(dashboards, readDashboards, maxPages, dashboardsKind));
  checks.push(await paginationCheck(workspaces, readWorkspaces, maxPages, workspacesKind));
  return { checks, dashboards, workspaces };
}

/** What the pagination invariants need to know of the items of a list. */
export interface ListKind<T> {
  readonly plural: string;
  readonly singular: string;
  readonly pageSize: number;
  /** What tells two items apart. */
  readonly idOf: (item: T) => string;
  /** All an item holds, as text: two items are the same when these are equal. */
  readonly whole: (item: T) => string;
  /** The name of the check. */
  readonly check: string;
}

export const dashboardsKind: ListKind<Dashboard> = {
  plural: 'dashboards',
  singular: 'dashboard',
  pageSize,
  idOf: (dashboard) => dashboard.externalDashboardId,
  whole: ({ externalDashboardId, name }) => JSON.stringify([externalDashboardId, name]),
  check: 'pages concatenate to the list',
};

export const workspacesKind: ListKind<Workspace> = {
  plural: 'workspaces',
  singular: 'workspace',
  pageSize: workspacesPageSize,
  idOf: (workspace) => workspace.name,
  whole: (workspace) => workspace.name,
  check: 'workspace pages concatenate to the workspace list',
};

/** The first and last ids of some items: `[]`, `[a]` or `12 dashboards, a … l`. */
function ids<T>(items: readonly T[], kind: ListKind<T>): string {
  const shown = items.map(kind.idOf);
  if (shown.length < 2) return `[${shown.join()}]`;
  return `${shown.length} ${kind.plural}, ${shown.slice(0, 1).join()} … ${shown.slice(-1).join()}`;
}

/** The same items in the same order. */
const sameItems = <T>(a: readonly T[], b: readonly T[], kind: ListKind<T>): boolean =>
  JSON.stringify(a.map(kind.whole)) === JSON.stringify(b.map(kind.whole));

/** The items that come again after their first appearance, by id. */
function repeatsOf<T>(items: readonly T[], kind: ListKind<T>): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(kind.idOf(item)) ? true : (seen.add(kind.idOf(item)), false)));
}

/** `1 dashboard` or `3 dashboards`. */
const countOf = <T>(count: number, kind: ListKind<T>): string =>
  count === 1 ? `1 ${kind.singular}` : `${count} ${kind.plural}`;

const appear = <T>(count: number, kind: ListKind<T>): string =>
  `${countOf(count, kind)} ${count === 1 ? 'appears' : 'appear'}`;

/**
 * Why a page is not its slice of the list, as far as the page and the list tell. The pages before it
 * matched their slices, which rules some causes out: pages counted from 0 or a smaller page size
 * show on page 1.
 */
function pageMismatch<T>(page: readonly T[], pageNumber: number, list: readonly T[], kind: ListKind<T>): string {
  const size = kind.pageSize;
  const slice = (n: number) => list.slice((n - 1) * size, n * size);
  const expected = slice(pageNumber);
  const whole = `the list of ${countOf(list.length, kind)}`;
  // The list's page this page holds instead of its own (an empty page is none of them).
  const other = Array.from({ length: Math.ceil(list.length / size) }, (_, index) => index + 1).find((n) =>
    sameItems(page, slice(n), kind),
  );
  if (expected.length === 0) {
    return other === undefined
      ? `page ${pageNumber} holds ${countOf(page.length, kind)} past the end of ${whole}`
      : `page ${pageNumber} repeats page ${other} past the end of ${whole}`;
  }
  const first = (pageNumber - 1) * size + 1;
  if (page.length === 0) {
    return `page ${pageNumber} is empty, though ${whole} should fill it from ${kind.singular} ${first}: the pages end early`;
  }
  if (other !== undefined) {
    const cause =
      other === 1
        ? ': the page number seems to be ignored'
        : pageNumber === 1 && other === 2
          ? ': pages seem to be counted from 0'
          : '';
    return `page ${pageNumber} holds the ${kind.plural} of page ${other}${cause}`;
  }
  // A prefix of the list that is not page 1 whole is shorter than page 1.
  if (pageNumber === 1 && sameItems(page, list.slice(0, page.length), kind)) {
    return `page 1 holds ${countOf(page.length, kind)} though the list continues: the page size seems to be ${page.length}, not ${size}`;
  }
  // Another order: the page holds as many items as its slice, each from the list, none read before.
  const unread = new Set(list.slice((pageNumber - 1) * size).map(kind.whole));
  const reordered =
    page.length === expected.length &&
    new Set(page.map(kind.whole)).size === page.length &&
    page.every((item) => unread.has(kind.whole(item)));
  const items =
    expected.length === 1 ? `${kind.singular} ${first}` : `${kind.plural} ${first} to ${first + expected.length - 1}`;
  return (
    `page ${pageNumber} is not ${items} of the list` +
    (reordered ? `: the pages list the ${kind.plural} in another order than the list` : '')
  );
}

/**
 * Reads pages until one holds fewer than the page size, and checks that they concatenate to the
 * unpaginated list, in order, without duplicates, with at most a page size each. Each page is
 * compared with its slice of the list, so pages that end early or run on are named by page. Without a valid
 * unpaginated list there is nothing to compare the pages with: that is drift too.
 */
export async function paginationCheck<T = Dashboard>(
  list: readonly T[] | undefined,
  readPage: (pageNumber: number) => Promise<T[] | undefined>,
  maxPages: number,
  kind: ListKind<T>,
): Promise<CheckResult> {
  if (list === undefined) {
    return checkOf('pagination', kind.check, [
      {
        severity: 'drift',
        where: 'list',
        expected: 'a valid list',
        actual: 'none',
        message: `the unpaginated list of ${kind.plural} failed its probe, so pages cannot be compared with it`,
      },
    ]);
  }
  const size = kind.pageSize;
  const started = performance.now();
  const findings: Finding[] = [];
  /** How many items the pages read so far held. */
  let read = 0;
  let complete = false;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
    const page = await readPage(pageNumber);
    if (!page) {
      findings.push({
        severity: 'drift',
        where: `page ${pageNumber}`,
        expected: 'a valid 200 page',
        actual: 'an invalid answer',
        message: `page ${pageNumber} did not answer a valid list`,
      });
      break;
    }
    read += page.length;
    const expected = list.slice((pageNumber - 1) * size, pageNumber * size);
    if (page.length > size) {
      const ignored = page.length === list.length;
      findings.push({
        severity: 'drift',
        where: `page ${pageNumber}`,
        expected: `at most ${size} ${kind.plural}`,
        actual: `${page.length} ${kind.plural}`,
        message: ignored
          ? `pagination is ignored: page ${pageNumber} holds the whole list of ${list.length}`
          : `page ${pageNumber} holds ${page.length} ${kind.plural}: the page size is no longer ${size}`,
      });
      break;
    }
    if (!sameItems(page, expected, kind)) {
      findings.push({
        severity: 'drift',
        where: `page ${pageNumber}`,
        expected: ids(expected, kind),
        actual: ids(page, kind),
        message: pageMismatch(page, pageNumber, list, kind),
      });
      break;
    }
    if (page.length < size) {
      complete = true;
      break;
    }
  }
  // Every page read equals its slice of the list, so the pages can only repeat what the list repeats.
  const repeated = findings.length === 0 ? repeatsOf(list.slice(0, read), kind) : [];
  if (repeated.length > 0) {
    findings.push({
      severity: 'drift',
      where: 'pages',
      expected: 'no repeats',
      actual: ids(repeated, kind),
      message: `${appear(repeated.length, kind)} more than once across the pages`,
    });
  }
  const repeatedInList = repeatsOf(list, kind);
  if (repeatedInList.length > 0) {
    findings.push({
      severity: 'drift',
      where: 'list',
      expected: 'no repeats',
      actual: ids(repeatedInList, kind),
      message: `${appear(repeatedInList.length, kind)} more than once in the unpaginated list`,
    });
  }
  const name = complete || findings.length > 0 ? kind.check : `${kind.check} (first ${maxPages} pages)`;
  return checkOf('pagination', name, findings, performance.now() - started);
}
