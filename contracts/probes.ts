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
  jsonMediaType,
  missingWorkspaceName,
  pageSize,
  pastLastPage,
  redact,
  requestDefaults,
  successStatus,
  successValidator,
  workspacesPageSize,
  workspacesPath,
  workspacesQueryDefaults,
  type Dashboard,
  type ErrorCode,
  type ListDashboardsRequest,
  type ListWorkspacesQuery,
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

/** The first page: pages are counted from it, and a request without a page number reads it. */
const firstPage = requestDefaults.pageNumber;

/** A request for a page of a workspace's dashboards. */
const dashboardsPage = (workspaceName: string, pageNumber: number): ListDashboardsRequest => ({
  workspaceName,
  isPagination: true,
  pageNumber,
});

/** A query for a page of workspaces: List Workspaces reads the page number as a string, a malformed one too. */
const workspacesPage = (pageNumber: number | string): ListWorkspacesQuery => ({
  isPagination: 'true',
  pageNumber: String(pageNumber),
});

/** What a probe sends: a body to the dashboards endpoint (some leave fields out on purpose), or a query to List Workspaces. */
type ProbeRequest = { readonly body: Partial<ListDashboardsRequest> } | { readonly query: ListWorkspacesQuery };

/** Sends one request to the provider, with the configured token unless another is given. */
type Send = (request: ProbeRequest, token?: string) => Promise<Answer>;

/** What the spec documents for an error code: its status and the code. */
function documented(code: ErrorCode): Expectation {
  return { status: documentedErrors[code].status, code };
}

/** What the probes keep of their answers, for the probes and pagination checks after them. */
interface Kept {
  /** The workspace's unpaginated list of dashboards, when the provider gave a valid one. */
  readonly dashboards: readonly Dashboard[] | undefined;
  /** The unpaginated list of workspaces, when the provider gave a valid one. */
  readonly workspaces: readonly Workspace[] | undefined;
  /** Page 1 of the workspaces as the provider answered it, when valid. */
  readonly firstWorkspacePage: readonly Workspace[] | undefined;
}

/** What every probe may read: the configuration and what the probes before it kept. */
interface ProbeContext extends Kept {
  readonly config: ProbeConfig;
}

/** One documented scenario: the request to send, what the spec documents for it, and extra checks. */
type Probe = ProbeCommon &
  (
    | { readonly body: (context: ProbeContext) => Partial<ListDashboardsRequest> }
    /** List Workspaces probes send a query string instead of a body. */
    | { readonly operation: 'listWorkspaces'; readonly query: (context: ProbeContext) => ListWorkspacesQuery }
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
  /** What of its answer the probes after it build on. */
  readonly keeps?: (answer: Answer) => Partial<Kept>;
  /** A configuration problem this answer shows (not drift): the check cannot run. */
  readonly cannotRun?: (answer: Answer, context: ProbeContext) => string | undefined;
}

const validList = (answer: Answer): Dashboard[] | undefined =>
  answer.status === successStatus && successValidator('listWorkspaceDashboards')(answer.body)
    ? answer.body.data
    : undefined;

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
  answer.status === successStatus && successValidator('listWorkspaces')(answer.body) ? answer.body.data : undefined;

const pastLastWorkspaces = (context: ProbeContext): number =>
  context.workspaces ? pastLastPage(context.workspaces.length, workspacesPageSize) : unknownLastPage;

/** True when a list of workspaces names the workspace. */
const listsWorkspace = (workspaces: readonly Workspace[], name: string): boolean =>
  workspaces.some((workspace) => workspace.name === name);

/** The probe whose answer is the list of workspaces. */
const everyWorkspace = 'every workspace (the documented call, no query)';

/** The probes of List Workspaces, after those of the dashboards endpoint. */
const workspaceProbes: readonly Probe[] = [
  {
    name: () => everyWorkspace,
    operation: 'listWorkspaces',
    query: () => ({}),
    expected: { status: successStatus },
    keeps: (answer) => ({ workspaces: validWorkspaces(answer) }),
    // The cross-endpoint invariant: a workspace whose dashboards can be listed is listed.
    extra: (answer, { config }) => {
      const data = validWorkspaces(answer);
      if (!data || listsWorkspace(data, config.workspace)) return [];
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
    // The default page number: the page a malformed one reads instead (the malformed probe compares with it).
    query: () => workspacesPage(workspacesQueryDefaults.pageNumber),
    expected: { status: successStatus },
    keeps: (answer) => ({ firstWorkspacePage: validWorkspaces(answer) }),
  },
  {
    name: (context) => `a page of workspaces past the end (page ${pastLastWorkspaces(context)})`,
    operation: 'listWorkspaces',
    query: (context) => workspacesPage(pastLastWorkspaces(context)),
    expected: { status: successStatus },
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
    query: () => workspacesPage('abc'),
    expected: { status: successStatus },
    assumption: true,
    // Compared with the provider's own first page, not the list's: whether page 1 is the list's
    // first slice is the pagination check's to say, once.
    extra: (answer, { firstWorkspacePage: first }) => {
      const data = validWorkspaces(answer);
      if (!data || !first || sameItems(data, first, workspacesKind)) return [];
      return [
        {
          severity: 'drift',
          where: '$.data',
          expected: ids(first, workspacesKind),
          actual: ids(data, workspacesKind),
          message: `a malformed page number did not read page ${workspacesQueryDefaults.pageNumber}`,
        },
      ];
    },
  },
  {
    name: () => 'workspaces with an invalid service token',
    operation: 'listWorkspaces',
    query: () => ({}),
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
    expected: { status: successStatus },
    keeps: (answer) => ({ dashboards: validList(answer) }),
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
    body: ({ config }) => dashboardsPage(config.workspace, firstPage),
    expected: { status: successStatus },
  },
  {
    name: (context) => `a page past the end (page ${pastLast(context)})`,
    body: (context) => dashboardsPage(context.config.workspace, pastLast(context)),
    expected: { status: successStatus },
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
    body: ({ config }) => dashboardsPage(config.workspace, 0),
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
    body: ({ config }) => (config.emptyWorkspace === undefined ? {} : { workspaceName: config.emptyWorkspace }),
    expected: { status: successStatus },
    skipUnless: ({ config }) =>
      config.emptyWorkspace ? undefined : 'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to check this',
    extra: (answer, { config }) =>
      expectEmpty(`workspace "${String(config.emptyWorkspace)}" should be empty`, validList(answer), dashboardsKind),
  },
];

const refutes = ' (refutes an x-assumptions entry of the spec: update spec/openapi.yaml if the API is right)';

/** The URL and fetch options of a request: a POST of a body, or a GET of List Workspaces with a query string. */
function requestOf(config: ProbeConfig, request: ProbeRequest, token: string): [string, RequestInit] {
  const headers = { authorization: `Bearer ${token}`, accept: jsonMediaType };
  const sent = { signal: AbortSignal.timeout(config.timeoutMs), redirect: 'manual' } as const;
  if ('query' in request) {
    const search = new URLSearchParams(request.query).toString();
    return [`${config.baseUrl}${workspacesPath}${search ? `?${search}` : ''}`, { ...sent, method: 'GET', headers }];
  }
  const body = JSON.stringify(request.body);
  return [
    `${config.baseUrl}${dashboardsPath}`,
    { ...sent, method: 'POST', headers: { ...headers, 'content-type': jsonMediaType }, body },
  ];
}

/** Why a request got no answer: the timeout, or the network's reason. */
function unreachableReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
}

/** The parsed JSON of a text; undefined when it is not JSON, and the checks read the text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends the probes' requests to the configured provider; throws ProviderUnreachableError when it does not answer. */
function senderFor(config: ProbeConfig): Send {
  const hide = (text: string): string => redact(text, config.token);
  return async (request, token = config.token) => {
    let response: Response;
    try {
      response = await fetch(...requestOf(config, request, token));
    } catch (error) {
      throw new ProviderUnreachableError(
        hide(`cannot reach ${config.baseUrl}: ${unreachableReason(error, config.timeoutMs)}`),
      );
    }
    // Everything the checks see has the token masked already, so no finding can quote a part of it.
    const text = hide(await response.text());
    const contentType = hide(response.headers.get('content-type') ?? '');
    return { status: response.status, contentType, body: parseJson(text), text };
  };
}

/** A probe that cannot run with this configuration: what to set to check it. */
function skippedCheck(name: string, reason: string): CheckResult {
  const where = 'DATABRAIN_EMPTY_WORKSPACE';
  return checkOf('probe', name, [
    { severity: 'not-verifiable', where, expected: 'a workspace name', actual: 'not set', message: reason },
  ]);
}

/** The findings of a probe's answer: conformance to the spec, then the probe's own checks. */
function probeFindings(probe: Probe, answer: Answer, context: ProbeContext): Finding[] {
  const conformance = conformanceFindings(answer, probe.expected, 'operation' in probe ? probe.operation : undefined);
  const own = probe.extra?.(answer, context) ?? [];
  if (!probe.assumption) return collapse([...conformance, ...own]);
  // Where the docs are silent the spec assumes the status, the code and what the probe's own checks
  // check; an answer that differs there refutes the assumption. Other drift of the body is drift alone.
  const refuted = (finding: Finding): Finding => ({ ...finding, message: `${finding.message}${refutes}` });
  const assumed = (finding: Finding): boolean => finding.where === 'status' || finding.where === '$.error.code';
  return collapse([
    ...conformance.map((finding) => (assumed(finding) ? refuted(finding) : finding)),
    ...own.map(refuted),
  ]);
}

/** Runs one probe: its check, and the context with what it keeps for the probes after it. */
async function runProbe(
  probe: Probe,
  context: ProbeContext,
  send: Send,
): Promise<{ check: CheckResult; context: ProbeContext }> {
  const name = probe.name(context);
  const skipped = probe.skipUnless?.(context);
  if (skipped !== undefined) return { check: skippedCheck(name, skipped), context };
  const started = performance.now();
  const request = 'query' in probe ? { query: probe.query(context) } : { body: probe.body(context) };
  const answer = await send(request, probe.token);
  const problem = probe.cannotRun?.(answer, context);
  if (problem !== undefined) throw new CannotRunError(problem);
  const check = checkOf('probe', name, probeFindings(probe, answer, context), performance.now() - started);
  return { check, context: { ...context, ...probe.keeps?.(answer) } };
}

/**
 * The workspace pagination check when the list lacks the configured workspace. The probe of every
 * workspace names that drift; pages compared with a list without it would name it again, as
 * another cause (a page size one short, a page 1 that is not page 1), so they are not compared.
 */
function pagesNotComparedWithout(workspace: string): CheckResult {
  return checkOf('pagination', workspacesKind.check, [
    {
      severity: 'not-verifiable',
      where: 'list',
      expected: `a list with workspace "${workspace}"`,
      actual: 'a list without it',
      message: `the unpaginated list of workspaces lacks workspace "${workspace}" (see "${everyWorkspace}"), so pages cannot be compared with it`,
    },
  ]);
}

/** The pagination invariants of the dashboards, then of the workspaces, read page by page. */
async function paginationChecks(context: ProbeContext, send: Send): Promise<CheckResult[]> {
  const { config, dashboards, workspaces } = context;
  const maxPages = config.maxPages ?? defaultMaxPages;
  const readDashboards = async (pageNumber: number) =>
    validList(await send({ body: dashboardsPage(config.workspace, pageNumber) }));
  const readWorkspaces = async (pageNumber: number) =>
    validWorkspaces(await send({ query: workspacesPage(pageNumber) }));
  const dashboardPages = await paginationCheck(dashboards, readDashboards, maxPages, dashboardsKind);
  const workspacePages =
    workspaces && !listsWorkspace(workspaces, config.workspace)
      ? pagesNotComparedWithout(config.workspace)
      : await paginationCheck(workspaces, readWorkspaces, maxPages, workspacesKind);
  return [dashboardPages, workspacePages];
}

/**
 * Runs every probe in order, each building on what the ones before it kept, then the pagination
 * invariants. Throws CannotRunError when an answer shows the configuration is wrong.
 */
export async function runProbes(config: ProbeConfig): Promise<ProbeOutcome> {
  const send = senderFor(config);
  const checks: CheckResult[] = [];
  let context: ProbeContext = { config, dashboards: undefined, workspaces: undefined, firstWorkspacePage: undefined };
  for (const probe of [...probes, ...workspaceProbes]) {
    const ran = await runProbe(probe, context, send);
    checks.push(ran.check);
    context = ran.context;
  }
  checks.push(...(await paginationChecks(context, send)));
  return { checks, dashboards: context.dashboards, workspaces: context.workspaces };
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

/** The items of a list that page `pageNumber` should hold. */
const sliceOf = <T>(list: readonly T[], pageNumber: number, kind: ListKind<T>): T[] =>
  list.slice((pageNumber - firstPage) * kind.pageSize, (pageNumber - firstPage + 1) * kind.pageSize);

/**
 * Why a page is not its slice of the list, as far as the page and the list tell. The pages before it
 * matched their slices, which rules some causes out: pages counted from 0 or a smaller page size
 * show on page 1.
 */
function pageMismatch<T>(page: readonly T[], pageNumber: number, list: readonly T[], kind: ListKind<T>): string {
  const size = kind.pageSize;
  const expected = sliceOf(list, pageNumber, kind);
  const whole = `the list of ${countOf(list.length, kind)}`;
  // The list's page this page holds instead of its own (an empty page is none of them).
  const other = Array.from({ length: Math.ceil(list.length / size) }, (_, index) => index + firstPage).find((n) =>
    sameItems(page, sliceOf(list, n, kind), kind),
  );
  if (expected.length === 0) {
    return other === undefined
      ? `page ${pageNumber} holds ${countOf(page.length, kind)} past the end of ${whole}`
      : `page ${pageNumber} repeats page ${other} past the end of ${whole}`;
  }
  const first = (pageNumber - firstPage) * size + 1;
  if (page.length === 0) {
    return `page ${pageNumber} is empty, though ${whole} should fill it from ${kind.singular} ${first}: the pages end early`;
  }
  if (other !== undefined) {
    const cause =
      other === firstPage
        ? ': the page number seems to be ignored'
        : pageNumber === firstPage && other === firstPage + 1
          ? ': pages seem to be counted from 0'
          : '';
    return `page ${pageNumber} holds the ${kind.plural} of page ${other}${cause}`;
  }
  // A prefix of the list that is not the first page whole is shorter than the first page.
  if (pageNumber === firstPage && sameItems(page, list.slice(0, page.length), kind)) {
    return `page ${pageNumber} holds ${countOf(page.length, kind)} though the list continues: the page size seems to be ${page.length}, not ${size}`;
  }
  // Another order: the page holds as many items as its slice, each from the list, none read before.
  const unread = new Set(list.slice(first - 1).map(kind.whole));
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

/** Nothing to compare the pages with: the unpaginated list failed its probe. That is drift too. */
function noListCheck<T>(kind: ListKind<T>): CheckResult {
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

/** What is wrong with a page, if anything: more items than the page size, or not its slice of the list. */
function pageProblem<T>(
  page: readonly T[],
  pageNumber: number,
  list: readonly T[],
  kind: ListKind<T>,
): Finding | undefined {
  const size = kind.pageSize;
  const where = `page ${pageNumber}`;
  if (page.length > size) {
    const message =
      page.length === list.length
        ? `pagination is ignored: page ${pageNumber} holds the whole list of ${list.length}`
        : `page ${pageNumber} holds ${page.length} ${kind.plural}: the page size is no longer ${size}`;
    return {
      severity: 'drift',
      where,
      expected: `at most ${size} ${kind.plural}`,
      actual: `${page.length} ${kind.plural}`,
      message,
    };
  }
  const expected = sliceOf(list, pageNumber, kind);
  if (sameItems(page, expected, kind)) return undefined;
  return {
    severity: 'drift',
    where,
    expected: ids(expected, kind),
    actual: ids(page, kind),
    message: pageMismatch(page, pageNumber, list, kind),
  };
}

/** How reading the pages went: the first page that was wrong, or how far the pages went. */
interface PagesRead {
  readonly problem: Finding | undefined;
  /** How many items the pages read held. */
  readonly read: number;
  /** A page with fewer items than the page size ended the list. */
  readonly complete: boolean;
}

/** Reads pages until one holds fewer than the page size or is wrong, at most `maxPages`. */
async function readPages<T>(
  list: readonly T[],
  readPage: (pageNumber: number) => Promise<T[] | undefined>,
  maxPages: number,
  kind: ListKind<T>,
): Promise<PagesRead> {
  let read = 0;
  for (let pageNumber = firstPage; pageNumber < firstPage + maxPages; pageNumber += 1) {
    const page = await readPage(pageNumber);
    const problem = page ? pageProblem(page, pageNumber, list, kind) : invalidPage(pageNumber);
    if (problem !== undefined || !page) return { problem, read, complete: false };
    read += page.length;
    if (page.length < kind.pageSize) return { problem: undefined, read, complete: true };
  }
  return { problem: undefined, read, complete: false };
}

const invalidPage = (pageNumber: number): Finding => ({
  severity: 'drift',
  where: `page ${pageNumber}`,
  expected: `a valid ${successStatus} page`,
  actual: 'an invalid answer',
  message: `page ${pageNumber} did not answer a valid list`,
});

/** The items that come more than once, across the pages read and in the unpaginated list. */
function repeatFindings<T>(list: readonly T[], pages: PagesRead, kind: ListKind<T>): Finding[] {
  // Every page read equals its slice of the list, so the pages can only repeat what the list repeats.
  const acrossPages = pages.problem ? [] : repeatsOf(list.slice(0, pages.read), kind);
  const inList = repeatsOf(list, kind);
  const repeated = (where: string, items: readonly T[], place: string): Finding => ({
    severity: 'drift',
    where,
    expected: 'no repeats',
    actual: ids(items, kind),
    message: `${appear(items.length, kind)} more than once ${place}`,
  });
  return [
    ...(acrossPages.length > 0 ? [repeated('pages', acrossPages, 'across the pages')] : []),
    ...(inList.length > 0 ? [repeated('list', inList, 'in the unpaginated list')] : []),
  ];
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
  if (list === undefined) return noListCheck(kind);
  const started = performance.now();
  const pages = await readPages(list, readPage, maxPages, kind);
  const findings = [...(pages.problem ? [pages.problem] : []), ...repeatFindings(list, pages, kind)];
  const name = pages.complete || findings.length > 0 ? kind.check : `${kind.check} (first ${maxPages} pages)`;
  return checkOf('pagination', name, findings, performance.now() - started);
}
