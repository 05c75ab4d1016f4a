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
} from '../src/spec/conformance.js';
import {
  dashboardsPath,
  documentedErrors,
  errorCodeOf,
  missingWorkspaceName,
  pageSize,
  pastLastPage,
  redact,
  responseValidator,
  type Dashboard,
  type ErrorCode,
} from '../src/spec/index.js';
import { checkOf, collapse, type CheckResult } from '../src/spec/findings.js';
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
}

const defaultMaxPages = 20;

/** What the spec documents for an error code: its status and the code. */
function documented(code: ErrorCode): Expectation {
  return { status: documentedErrors[code].status, code };
}

/** What every probe may read: the configuration and, once listed, the workspace's dashboards. */
interface ProbeContext {
  readonly config: ProbeConfig;
  readonly dashboards: readonly Dashboard[] | undefined;
}

/** One documented scenario: the body to send, what the spec documents for it, and extra checks. */
interface Probe {
  readonly name: (context: ProbeContext) => string;
  readonly body: (context: ProbeContext) => unknown;
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
  /** A configuration problem this answer shows (not drift): the check cannot run. */
  readonly cannotRun?: (answer: Answer, context: ProbeContext) => string | undefined;
}

const validList = (answer: Answer): Dashboard[] | undefined =>
  answer.status === 200 && responseValidator(200)?.(answer.body)
    ? (answer.body as { data: Dashboard[] }).data
    : undefined;

/** A finding when a valid list that should be empty is not. */
const expectEmpty =
  (why: string) =>
  (answer: Answer): Finding[] => {
    const data = validList(answer);
    return data && data.length > 0
      ? [
          {
            severity: 'drift',
            where: '$.data',
            expected: '[]',
            actual: `${data.length} dashboards`,
            message: `${why} but holds ${data.length} dashboards`,
          },
        ]
      : [];
  };

const pastLast = (context: ProbeContext): number =>
  context.dashboards ? pastLastPage(context.dashboards.length) : 100_000;

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
    extra: (answer, context) => expectEmpty(`page ${pastLast(context)} is past the last page`)(answer),
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
    extra: (answer, { config }) => expectEmpty(`workspace "${config.emptyWorkspace ?? ''}" should be empty`)(answer),
  },
];

const refutes = ' (refutes an x-assumptions entry of the spec: update spec/openapi.yaml if the API is right)';

export async function runProbes(config: ProbeConfig): Promise<ProbeOutcome> {
  const hide = (text: string): string => redact(text, config.token);

  async function send(body: unknown, token = config.token): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl}${dashboardsPath}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${config.timeoutMs} ms` : cause;
      throw new ProviderUnreachableError(hide(`cannot reach ${config.baseUrl}: ${reason}`));
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed, text };
  }

  const checks: CheckResult[] = [];
  let context: ProbeContext = { config, dashboards: undefined };
  for (const probe of probes) {
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
    const answer = await send(probe.body(context), probe.token);
    const problem = probe.cannotRun?.(answer, context);
    if (problem !== undefined) throw new CannotRunError(problem);
    const found = collapse([...conformanceFindings(answer, probe.expected), ...(probe.extra?.(answer, context) ?? [])]);
    // Where the docs are silent the spec states an assumption; a live answer that differs refutes it.
    const findings = probe.assumption
      ? found.map((finding) => ({ ...finding, message: `${finding.message}${refutes}` }))
      : found;
    checks.push(checkOf('probe', name, findings, performance.now() - started));
    if (probe.givesList) context = { config, dashboards: validList(answer) };
  }

  const { dashboards } = context;
  if (dashboards) {
    const readPage = async (pageNumber: number) =>
      validList(await send({ workspaceName: config.workspace, isPagination: true, pageNumber }));
    checks.push(await paginationCheck(dashboards, readPage, config.maxPages ?? defaultMaxPages));
  } else {
    checks.push(
      checkOf('pagination', 'pages concatenate to the list', [
        {
          severity: 'drift',
          where: 'list',
          expected: 'a valid list',
          actual: 'none',
          message: 'the unpaginated list failed its probe, so pages cannot be compared with it',
        },
      ]),
    );
  }
  return { checks, dashboards };
}

function ids(dashboards: readonly Dashboard[]): string {
  if (dashboards.length === 0) return '[]';
  const first = dashboards[0]?.externalDashboardId ?? '?';
  const last = dashboards[dashboards.length - 1]?.externalDashboardId ?? '?';
  return dashboards.length === 1 ? `[${first}]` : `${dashboards.length} dashboards, ${first} … ${last}`;
}

const sameDashboard = (a: Dashboard, b: Dashboard | undefined): boolean =>
  a.externalDashboardId === b?.externalDashboardId && a.name === b.name;

const sameDashboards = (a: readonly Dashboard[], b: readonly Dashboard[]): boolean =>
  a.length === b.length && a.every((d, i) => sameDashboard(d, b[i]));

/** The dashboards that come again after their first appearance, by id. */
function repeatsOf(dashboards: readonly Dashboard[]): Dashboard[] {
  const seen = new Set<string>();
  return dashboards.filter((d) => (seen.has(d.externalDashboardId) ? true : (seen.add(d.externalDashboardId), false)));
}

const appear = (count: number): string => (count === 1 ? '1 dashboard appears' : `${count} dashboards appear`);

/**
 * Reads pages until one holds fewer than the page size, and checks that they concatenate to the
 * unpaginated list, in order, without duplicates, with at most a page size each.
 */
export async function paginationCheck(
  list: readonly Dashboard[],
  readPage: (pageNumber: number) => Promise<Dashboard[] | undefined>,
  maxPages: number,
): Promise<CheckResult> {
  const started = performance.now();
  const findings: Finding[] = [];
  const pages: Dashboard[][] = [];
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
    pages.push(page);
    const expected = list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    if (page.length > pageSize) {
      const ignored = page.length === list.length;
      findings.push({
        severity: 'drift',
        where: `page ${pageNumber}`,
        expected: `at most ${pageSize} dashboards`,
        actual: `${page.length} dashboards`,
        message: ignored
          ? `pagination is ignored: page ${pageNumber} holds the whole list of ${list.length}`
          : `page ${pageNumber} holds ${page.length} dashboards: the page size is no longer ${pageSize}`,
      });
      break;
    }
    if (!sameDashboards(page, expected)) {
      const fromZero = sameDashboards(page, list.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize));
      const smaller =
        page.length < pageSize && page.length < expected.length && sameDashboards(page, list.slice(0, page.length));
      const listed = new Set(list.map((d) => d.externalDashboardId));
      const reordered = page.every((d) => listed.has(d.externalDashboardId));
      findings.push({
        severity: 'drift',
        where: `page ${pageNumber}`,
        expected: ids(expected),
        actual: ids(page),
        message: fromZero
          ? `page ${pageNumber} holds the dashboards of page ${pageNumber + 1}: pages seem to be counted from 0`
          : smaller
            ? `page ${pageNumber} holds ${page.length} dashboards though the list continues: the page size seems to be ${page.length}, not ${pageSize}`
            : `page ${pageNumber} is not dashboards ${(pageNumber - 1) * pageSize + 1} to ${(pageNumber - 1) * pageSize + expected.length} of the list` +
              (reordered ? ': the pages list the dashboards in another order than the list' : ''),
      });
      break;
    }
    if (page.length < pageSize) {
      complete = true;
      break;
    }
  }
  if (findings.length === 0) {
    const all = pages.flat();
    const repeated = repeatsOf(all);
    if (repeated.length > 0) {
      findings.push({
        severity: 'drift',
        where: 'pages',
        expected: 'no repeats',
        actual: ids(repeated),
        message: `${appear(repeated.length)} more than once across the pages`,
      });
    }
    if (complete && all.length !== list.length) {
      findings.push({
        severity: 'drift',
        where: 'pages',
        expected: `${list.length} dashboards`,
        actual: `${all.length} dashboards`,
        message: 'the pages together do not hold the whole list',
      });
    }
  }
  const repeatedInList = repeatsOf(list);
  if (repeatedInList.length > 0) {
    findings.push({
      severity: 'drift',
      where: 'list',
      expected: 'no repeats',
      actual: ids(repeatedInList),
      message: `${appear(repeatedInList.length)} more than once in the unpaginated list`,
    });
  }
  const name =
    complete || findings.length > 0
      ? 'pages concatenate to the list'
      : `pages concatenate to the list (first ${maxPages} pages)`;
  return checkOf('pagination', name, findings, performance.now() - started);
}
