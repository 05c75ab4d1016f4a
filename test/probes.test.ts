/**
 * The probes alone (no Pact), against test providers over real HTTP on loopback: exactly what they
 * send to an API, what they conclude from a clean one, and every finding, whole, against each
 * drifted List Workspaces (the pact adds nothing to these). test/drift.test.ts runs them inside the
 * whole drift check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CannotRunError, runProbes } from '../contracts/probes.js';
import type { CheckResult, DatabrainDriftReport } from '../src/kernel/findings.js';
import { driftFindingsOf, probeConfig, probesReport, refutes, type NamedFinding } from './support/drift.js';
import {
  cleanEmptyWorkspace,
  cleanWorkspace,
  startProvider,
  workspaceDrifts,
  type RunningProvider,
} from './support/providers.js';

const opened: RunningProvider[] = [];
afterAll(async () => {
  await Promise.all(opened.map((provider) => provider.close()));
});

async function provider(...drifts: Parameters<typeof startProvider>): Promise<RunningProvider> {
  const started = await startProvider(...drifts);
  opened.push(started);
  return started;
}

const dashboards = 'POST /api/v2/workspace/dashboards';
const json = 'application/json application/json';
const body = (value: object) => JSON.stringify({ workspaceName: cleanWorkspace, ...value });

describe('the probes against a clean provider', () => {
  it('send the documented calls, with the token only where it belongs, then read the pages', async () => {
    const clean = await provider();
    await runProbes(probeConfig(clean.url));
    expect(
      clean.log().map((line) => line.replace(/no-such-workspace-[0-9a-f-]{36}/, 'no-such-workspace-<uuid>')),
    ).toEqual([
      `${dashboards} clean ${json} ${body({})}`,
      `${dashboards} clean ${json} ${body({ isPagination: true, pageNumber: 1 })}`,
      `${dashboards} clean ${json} ${body({ isPagination: true, pageNumber: 5 })}`,
      `${dashboards} clean ${json} {}`,
      `${dashboards} clean ${json} ${body({ isPagination: true, pageNumber: 0 })}`,
      `${dashboards} clean ${json} {"workspaceName":"no-such-workspace-<uuid>"}`,
      `${dashboards} invalid ${json} ${body({})}`,
      `${dashboards} clean ${json} {"workspaceName":"${cleanEmptyWorkspace}"}`,
      'GET /api/v2/workspace clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=1 clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=3 clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=abc clean application/json -',
      'GET /api/v2/workspace invalid application/json -',
      ...[1, 2, 3, 4].map((n) => `${dashboards} clean ${json} ${body({ isPagination: true, pageNumber: n })}`),
      'GET /api/v2/workspace?isPagination=true&pageNumber=1 clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=2 clean application/json -',
    ]);
  });

  it('pass every check, each named for what it sent, timed within the run', async () => {
    const clean = await provider();
    const before = performance.now();
    const { checks, dashboards: listed, workspaces } = await runProbes(probeConfig(clean.url));
    const took = performance.now() - before;
    expect(checks.map(({ source, name, status, findings }) => [source, name, status, findings.length])).toEqual([
      ['probe', 'every dashboard of the workspace', 'passed', 0],
      ['probe', 'the first page', 'passed', 0],
      ['probe', 'a page past the end (page 5)', 'passed', 0],
      ['probe', 'a body without workspaceName', 'passed', 0],
      ['probe', 'a page number of 0', 'passed', 0],
      ['probe', 'an unknown workspace', 'passed', 0],
      ['probe', 'an invalid service token', 'passed', 0],
      ['probe', 'an empty workspace', 'passed', 0],
      ['probe', 'every workspace (the documented call, no query)', 'passed', 0],
      ['probe', 'the first page of workspaces', 'passed', 0],
      ['probe', 'a page of workspaces past the end (page 3)', 'passed', 0],
      ['probe', 'workspaces with a malformed page number', 'passed', 0],
      ['probe', 'workspaces with an invalid service token', 'passed', 0],
      ['pagination', 'pages concatenate to the list', 'passed', 0],
      ['pagination', 'workspace pages concatenate to the workspace list', 'passed', 0],
    ]);
    expect([listed?.length, workspaces?.length]).toEqual([37, 13]);
    // Each check sent at least one request over loopback: it took some time, and less than the run.
    for (const check of checks) {
      expect(check.durationMs).toBeGreaterThan(0);
      expect(check.durationMs).toBeLessThanOrEqual(took);
    }
  });

  it('say what to set, and send nothing, for an empty workspace that was not named', async () => {
    const clean = await provider();
    const { checks } = await runProbes(probeConfig(clean.url, { emptyWorkspace: undefined }));
    expect(checks.find((check) => check.name === 'an empty workspace')).toEqual({
      source: 'probe',
      name: 'an empty workspace',
      status: 'not-verifiable',
      durationMs: 0,
      findings: [
        {
          severity: 'not-verifiable',
          where: 'DATABRAIN_EMPTY_WORKSPACE',
          expected: 'a workspace name',
          actual: 'not set',
          message: 'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to check this',
        },
      ],
    });
    expect(clean.log().filter((line) => line.includes(cleanEmptyWorkspace))).toEqual([]);
  });

  it('say so when the configured workspace has no dashboards to list', async () => {
    const clean = await provider();
    const { checks } = await runProbes(probeConfig(clean.url, { workspace: cleanEmptyWorkspace }));
    expect(checks[0]?.findings).toEqual([
      {
        severity: 'drift',
        where: '$.data',
        expected: 'at least one dashboard',
        actual: '[]',
        message: `workspace "${cleanEmptyWorkspace}" listed no dashboards: set DATABRAIN_WORKSPACE to a workspace that has some`,
      },
    ]);
  });

  it('do not take a list answered with another status than 200 as the list to compare pages with', async () => {
    const whole = (request: { body: Record<string, unknown>; query: URLSearchParams }) =>
      request.body['isPagination'] !== true && request.query.get('isPagination') !== 'true';
    const other = await provider(
      (request, reply) => (whole(request) && reply.status === 200 ? { ...reply, status: 203 } : reply),
      (request, reply) => (whole(request) && reply.status === 200 ? { ...reply, status: 203 } : reply),
    );
    const { checks, dashboards: listed, workspaces } = await runProbes(probeConfig(other.url));
    expect([listed, workspaces]).toEqual([undefined, undefined]);
    expect(checks.filter((check) => check.source === 'pagination').map((check) => check.findings)).toEqual(
      ['dashboards', 'workspaces'].map((plural) => [
        {
          severity: 'drift',
          where: 'list',
          expected: 'a valid list',
          actual: 'none',
          message: `the unpaginated list of ${plural} failed its probe, so pages cannot be compared with it`,
        },
      ]),
    );
  });

  it('name the empty workspace that is not empty', async () => {
    const filled = await provider((request, reply, listed) =>
      request.body['workspaceName'] === cleanEmptyWorkspace && reply.status === 200
        ? {
            ...reply,
            body: { data: listed.length > 0 ? listed : [{ name: 'Stray', externalDashboardId: 'stray' }], error: null },
          }
        : reply,
    );
    const { checks } = await runProbes(probeConfig(filled.url));
    expect(checks.find((check) => check.name === 'an empty workspace')?.findings).toEqual([
      {
        severity: 'drift',
        where: '$.data',
        expected: '[]',
        actual: '1 dashboard',
        message: `workspace "${cleanEmptyWorkspace}" should be empty but holds 1 dashboard`,
      },
    ]);
  });

  it('say that a refused token answered with another status refutes an assumption of the spec', async () => {
    const forbidding = await provider(undefined, (_request, reply) =>
      reply.status === 401 ? { ...reply, status: 403 } : reply,
    );
    expect(await probeFindings(forbidding.url)).toEqual([
      probe(
        'workspaces with an invalid service token',
        'status',
        '401 INVALID_DATA_APP_API_KEY',
        '403 INVALID_DATA_APP_API_KEY',
        `answered 403 INVALID_DATA_APP_API_KEY instead of 401 INVALID_DATA_APP_API_KEY${refutes}`,
      ),
    ]);
  });

  it('cannot run when the token is refused with a body that is not the documented error', async () => {
    const refusing = await provider((_request, reply) =>
      reply.status === 401 ? { status: 401, body: null, text: 'Unauthorized', contentType: 'text/plain' } : reply,
    );
    await expect(runProbes(probeConfig(refusing.url, { token: 'not-the-clean-token' }))).rejects.toThrow(
      new CannotRunError(`${refusing.url} refused the service token (401): check DATABRAIN_SERVICE_TOKEN.`),
    );
  });
});

/** Every drift finding of a run of the probes alone. */
async function probeFindings(url: string): Promise<NamedFinding[]> {
  return driftFindingsOf(await probesReport(url));
}

const probe = (name: string, where: string, expected: string, actual: string, message: string): NamedFinding => ({
  source: 'probe',
  name,
  where,
  expected,
  actual,
  message,
});

const pages = 'workspace pages concatenate to the workspace list';
const malformed = 'workspaces with a malformed page number';

describe('the probes against a drifted List Workspaces', () => {
  it.each<[keyof typeof workspaceDrifts, NamedFinding[]]>([
    [
      'a renamed workspace field (name → title)',
      [
        probe(
          'every workspace (the documented call, no query)',
          '$.data[*].name',
          'present',
          'missing',
          '$.data[*].name is required by the spec but missing (in 13 items)',
        ),
        probe(
          'the first page of workspaces',
          '$.data[*].name',
          'present',
          'missing',
          '$.data[*].name is required by the spec but missing (in 10 items)',
        ),
        probe(
          malformed,
          '$.data[*].name',
          'present',
          'missing',
          `$.data[*].name is required by the spec but missing (in 10 items)`,
        ),
        {
          source: 'pagination',
          name: pages,
          where: 'list',
          expected: 'a valid list',
          actual: 'none',
          message: 'the unpaginated list of workspaces failed its probe, so pages cannot be compared with it',
        },
      ],
    ],
    [
      'workspace pagination ignored',
      [
        probe(
          'a page of workspaces past the end (page 3)',
          '$.data',
          '[]',
          '13 workspaces',
          'page 3 of workspaces is past the last page but holds 13 workspaces',
        ),
        {
          source: 'pagination',
          name: pages,
          where: 'page 1',
          expected: 'at most 10 workspaces',
          actual: '13 workspaces',
          message: 'pagination is ignored: page 1 holds the whole list of 13',
        },
      ],
    ],
    [
      'a workspace page past the end that repeats the last page',
      [
        probe(
          'a page of workspaces past the end (page 3)',
          '$.data',
          '[]',
          '3 workspaces',
          'page 3 of workspaces is past the last page but holds 3 workspaces',
        ),
      ],
    ],
    [
      'a malformed page number refused with 400',
      [
        probe(
          malformed,
          'status',
          '200',
          '400 INVALID_REQUEST_BODY',
          `answered 400 INVALID_REQUEST_BODY instead of 200${refutes}`,
        ),
      ],
    ],
  ])('%s: exit 1, and every finding, whole', async (drift, findings) => {
    const drifted = await provider(undefined, workspaceDrifts[drift]);
    const report = await probesReport(drifted.url);
    expect(report.exitCode).toBe(1);
    expect(driftFindingsOf(report)).toEqual(findings);
  });

  it('name the configured workspace missing from the listing once, and compare no page with that list', async () => {
    const drifted = await provider(undefined, workspaceDrifts['the configured workspace missing from the listing']);
    const report = await probesReport(drifted.url);
    expect(report.exitCode).toBe(1);
    expect(unpassed(report)).toEqual([
      {
        source: 'probe',
        name: 'every workspace (the documented call, no query)',
        status: 'drift',
        findings: [
          {
            severity: 'drift',
            where: '$.data',
            expected: `a workspace named "${cleanWorkspace}"`,
            actual: '12 workspaces without it',
            message: `workspace "${cleanWorkspace}" lists its dashboards but is missing from List Workspaces`,
          },
        ],
      },
      {
        source: 'pagination',
        name: pages,
        status: 'not-verifiable',
        findings: [
          {
            severity: 'not-verifiable',
            where: 'list',
            expected: `a list with workspace "${cleanWorkspace}"`,
            actual: 'a list without it',
            message: `the unpaginated list of workspaces lacks workspace "${cleanWorkspace}" (see "every workspace (the documented call, no query)"), so pages cannot be compared with it`,
          },
        ],
      },
    ]);
    // The probes' own requests of List Workspaces, and no page read to compare with the list.
    expect(drifted.log().filter((line) => line.startsWith('GET '))).toEqual([
      'GET /api/v2/workspace clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=1 clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=3 clean application/json -',
      'GET /api/v2/workspace?isPagination=true&pageNumber=abc clean application/json -',
      'GET /api/v2/workspace invalid application/json -',
    ]);
  });

  it('name a malformed page number that does not read what page 1 reads', async () => {
    const drifted = await provider(undefined, (request, reply, workspaces) =>
      request.query.get('pageNumber') === 'abc'
        ? { ...reply, body: { data: workspaces.slice(10), error: null } }
        : reply,
    );
    expect(driftFindingsOf(await probesReport(drifted.url))).toEqual([
      probe(
        malformed,
        '$.data',
        '10 workspaces, region-1 … project-2',
        '3 workspaces, project-3 … project-5',
        `a malformed page number did not read page 1${refutes}`,
      ),
    ]);
  });
});

/** Every check of a report that did not pass, whole but for its duration. */
function unpassed(report: DatabrainDriftReport): Omit<CheckResult, 'durationMs'>[] {
  return report.checks
    .filter((check) => check.status !== 'passed')
    .map(({ source, name, status, findings }) => ({ source, name, status, findings }));
}
