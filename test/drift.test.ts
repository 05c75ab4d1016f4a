/**
 * The drift check has teeth: against each deliberately drifted provider it fails, and its findings,
 * each asserted whole, name that drift and nothing else; against a clean provider with other data
 * it passes; the token it is given never reaches a report, even from a provider that echoes it. All
 * over real HTTP on loopback, with the real Pact core. The checks share one Pact child
 * (runDriftCheckIn); runDatabrainDriftCheck, which starts its own, runs where that child's life is
 * tested. A drift the probes name is run through the probes alone,
 * and the whole list asserted is then the probes' list: the pact may name the same drift too (see
 * "fails the whole check on a drift only a probe sees" for one run whole). The command line and
 * the configuration are in test/drift-cli.test.ts.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runDatabrainDriftCheck, runDriftCheckIn, type DatabrainDriftOptions } from '../contracts/drift.js';
import { PactVerifier } from '../contracts/pact-verifier.js';
import { writeDriftReports } from '../src/kernel/report-files.js';
import { renderDriftTable, type CheckResult, type DatabrainDriftReport, type Finding } from '../src/kernel/findings.js';
import {
  additive,
  cleanToken,
  drifts,
  echoing,
  startProvider,
  type Drift,
  type RunningProvider,
} from './support/providers.js';
import { driftFindingsOf, driftOptions, probesReport, refutes } from './support/drift.js';

// The pact-against-spec check does not depend on the provider (test/spec-check.test.ts tests it):
// each drift check here gets its real result, computed once per pact and spec file.
vi.mock('../contracts/spec-check.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../contracts/spec-check.js')>();
  const kept = new Map<string, ReturnType<typeof real.checkPactAgainstSpec>>();
  const checkPactAgainstSpec: typeof real.checkPactAgainstSpec = (pactFile, spec) => {
    const key = `${pactFile ?? ''}\u0000${spec ?? ''}`;
    let check = kept.get(key);
    if (!check) {
      check = real.checkPactAgainstSpec(pactFile, spec);
      kept.set(key, check);
    }
    return check;
  };
  return { ...real, checkPactAgainstSpec };
});

// Every Pact child of this file (the one the checks below share, and the one runDatabrainDriftCheck
// starts for its run) is the built worker when the build is current, else the source
// (support/command.ts): the same code either way, in half the CPU.
vi.mock('../contracts/pact-verifier.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../contracts/pact-verifier.js')>();
  const { kitFile } = await import('./support/command.js');
  class PactVerifier extends real.PactVerifier {
    constructor(workerFile = kitFile('contracts/pact-worker.ts')) {
      super(workerFile);
    }
  }
  return { ...real, PactVerifier };
});

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-drift-'));

/** One provider per drift (undefined: the clean one), started on first use and shared. */
const providers = new Map<Drift | undefined, Promise<RunningProvider>>();
function providerFor(drift: Drift | undefined): Promise<RunningProvider> {
  let provider = providers.get(drift);
  if (!provider) {
    provider = startProvider(drift);
    providers.set(drift, provider);
  }
  return provider;
}

/** The Pact child the drift checks of this file share, started on first use; runDatabrainDriftCheck starts one per run. */
let sharedVerifier: PactVerifier | undefined;
const checkIn = (config: DatabrainDriftOptions): Promise<DatabrainDriftReport> => {
  sharedVerifier ??= new PactVerifier();
  return runDriftCheckIn(sharedVerifier, config);
};
afterAll(async () => {
  await sharedVerifier?.close();
  await Promise.all([...providers.values()].map(async (provider) => (await provider).close()));
  rmSync(scratch, { recursive: true, force: true });
});

async function driftAgainst(
  drift: Drift | undefined,
  config: Partial<DatabrainDriftOptions> = {},
): Promise<DatabrainDriftReport> {
  return checkIn(driftOptions((await providerFor(drift)).url, config));
}

/** The report of one run with the default options against each provider, shared by the tests that read it. */
const reports = new Map<Drift | undefined, Promise<DatabrainDriftReport>>();
function reportOf(drift: Drift | undefined): Promise<DatabrainDriftReport> {
  let report = reports.get(drift);
  if (!report) {
    report = driftAgainst(drift);
    reports.set(drift, report);
  }
  return report;
}

/** A finding as the drift tests expect it; a pattern where the provider's answer is long. */
type Named = Pick<CheckResult, 'source' | 'name'> &
  Pick<Finding, 'where'> &
  Readonly<Record<'expected' | 'actual' | 'message', string | RegExp>>;

/** A finding of a probe, as the drift tests expect it. */
const byProbe = (
  name: string,
  where: string,
  expected: string | RegExp,
  actual: string | RegExp,
  message: string,
): Named => ({
  source: 'probe',
  name,
  where,
  expected,
  actual,
  message,
});

/** A finding of the pact verification; a pattern where the provider's answer is long. */
const byPactOf = (
  name: string,
  where: string,
  expected: string,
  actual: string | RegExp,
  message: string | RegExp,
): Named => ({
  source: 'pact',
  name,
  where,
  expected,
  actual,
  message,
});

/** A finding of the dashboards' pagination check. */
const byPages = (where: string, expected: string, actual: string, message: string): Named => ({
  source: 'pagination',
  name: 'pages concatenate to the list',
  where,
  expected,
  actual,
  message,
});

/** The pagination check's finding when the unpaginated list failed its probe. */
const noList = byPages(
  'list',
  'a valid list',
  'none',
  'the unpaginated list of dashboards failed its probe, so pages cannot be compared with it',
);

const everyDashboard = 'every dashboard of the workspace';
const firstPage = 'the first page';
const pastTheEnd = 'a page past the end (page 5)';
/** The page past the end when the list could not be read. */
const farPastTheEnd = 'a page past the end (page 100000)';
const emptyWorkspace = 'an empty workspace';
const unknownWorkspace = 'an unknown workspace';
const pageZero = 'a page number of 0';
const noWorkspaceName = 'a body without workspaceName';
const invalidToken = 'an invalid service token';

/** The wrapped list of a page of Ledger View dashboards, as a pact finding quotes it. */
const wrapped = /^\{"dashboards":\[\{"externalDashboardId":"ledger_view_1","name":"Ledger View 1"\}/;
/** The wrapped list of dashboards as a probe finding shows it, cut short. */
const wrappedShown = /^\{"dashboards":\[\{"name":"Ledger View 1","externalDashboardId":"ledger_view_1"\}.*…$/;
const sameType = (actual: string, expected: string): string =>
  `Type mismatch: Expected ${actual} (Object) to be the same type as ${expected} (Array)`;

/** For each drifted provider, every drift finding, whole: the drift named, and nothing else. */
const expectedFindings: Record<keyof typeof drifts, Named[]> = {
  'a renamed field (name → title)': [
    byProbe(
      everyDashboard,
      '$.data[*].name',
      'present',
      'missing',
      '$.data[*].name is required by the spec but missing (in 37 items)',
    ),
    byProbe(
      firstPage,
      '$.data[*].name',
      'present',
      'missing',
      '$.data[*].name is required by the spec but missing (in 10 items)',
    ),
    noList,
  ],
  'a field of another type (externalDashboardId as a number)': [
    byProbe(
      everyDashboard,
      '$.data[*].externalDashboardId',
      'type "string"',
      '42',
      '$.data[*].externalDashboardId must be string (in 37 items)',
    ),
    byProbe(
      firstPage,
      '$.data[*].externalDashboardId',
      'type "string"',
      '42',
      '$.data[*].externalDashboardId must be string (in 10 items)',
    ),
    noList,
  ],
  'another page size (5)': [
    byProbe(pastTheEnd, '$.data', '[]', '5 dashboards', 'page 5 is past the last page but holds 5 dashboards'),
    byPages(
      'page 1',
      '10 dashboards, ledger_view_1 … ledger_view_10',
      '5 dashboards, ledger_view_1 … ledger_view_5',
      'page 1 holds 5 dashboards though the list continues: the page size seems to be 5, not 10',
    ),
  ],
  'pages counted from 0': [
    byPages(
      'page 1',
      '10 dashboards, ledger_view_1 … ledger_view_10',
      '10 dashboards, ledger_view_11 … ledger_view_20',
      'page 1 holds the dashboards of page 2: pages seem to be counted from 0',
    ),
  ],
  'pagination ignored': [
    byProbe(pastTheEnd, '$.data', '[]', '37 dashboards', 'page 5 is past the last page but holds 37 dashboards'),
    byPages(
      'page 1',
      'at most 10 dashboards',
      '37 dashboards',
      'pagination is ignored: page 1 holds the whole list of 37',
    ),
  ],
  'wrapped data ({ data: { dashboards } })': [
    byPactOf(
      'a request for a page past the last one',
      '$.data',
      '[]',
      '{"dashboards":[]}',
      sameType('{"dashboards":[]}', '[]'),
    ),
    byPactOf(
      'a request for every dashboard of a workspace',
      '$.data',
      '[{"externalDashboardId":"sales_dash_123","name":"Sales Dashboard"}]',
      wrapped,
      /^Type mismatch: Expected \{"dashboards":\[.*\(Object\) to be the same type as \[\{"externalDashboardId":"sales_dash_123","name":"Sales Dashboard"\}\] \(Array\)$/,
    ),
    byPactOf(
      'a request for every dashboard of an empty workspace',
      '$.data',
      '[]',
      '{"dashboards":[]}',
      sameType('{"dashboards":[]}', '[]'),
    ),
    byPactOf(
      'a request for the first page of a workspace',
      '$.data',
      '[{"externalDashboardId":"sales_dash_123","name":"Sales Dashboard"},{"externalDashboardId":"sales_dash_123","name":"Sales Dashboard"}]',
      wrapped,
      /^Type mismatch: Expected \{"dashboards":\[.*"ledger_view_10".*\(Object\) to be the same type as \[.*\] \(Array\)$/,
    ),
    byProbe(everyDashboard, '$.data', 'type "array"', wrappedShown, '$.data must be array'),
    byProbe(firstPage, '$.data', 'type "array"', wrappedShown, '$.data must be array'),
    byProbe(farPastTheEnd, '$.data', 'type "array"', '{"dashboards":[]}', '$.data must be array'),
    byProbe(emptyWorkspace, '$.data', 'type "array"', '{"dashboards":[]}', '$.data must be array'),
    noList,
  ],
  'another status for an unknown workspace (404)': [
    byProbe(
      unknownWorkspace,
      'status',
      '400 WORKSPACE_ID_ERROR',
      '404 WORKSPACE_NOT_FOUND',
      'answered 404 WORKSPACE_NOT_FOUND instead of 400 WORKSPACE_ID_ERROR',
    ),
  ],
  'another status for a bad token (400 AUTHENTICATION_ERROR)': [
    byProbe(
      invalidToken,
      'status',
      '401 INVALID_DATA_APP_API_KEY',
      '400 AUTHENTICATION_ERROR',
      `answered 400 AUTHENTICATION_ERROR instead of 401 INVALID_DATA_APP_API_KEY${refutes}`,
    ),
    // A 400 answer is checked against what the spec documents for 400, which has no such code.
    byProbe(
      invalidToken,
      '$.error.code',
      'enum ["INVALID_REQUEST_BODY","WORKSPACE_ID_ERROR"]',
      '"AUTHENTICATION_ERROR"',
      `$.error.code must be equal to one of the allowed values${refutes}`,
    ),
  ],
  'a 422 for validation': [
    byPactOf('a request without workspaceName', 'status', '400', '422', 'expected 400 but was 422'),
    byProbe(
      noWorkspaceName,
      'status',
      '400 INVALID_REQUEST_BODY',
      '422 INVALID_REQUEST_BODY',
      'answered 422 INVALID_REQUEST_BODY instead of 400 INVALID_REQUEST_BODY',
    ),
    byProbe(
      pageZero,
      'status',
      '400 INVALID_REQUEST_BODY',
      '422 INVALID_REQUEST_BODY',
      `answered 422 INVALID_REQUEST_BODY instead of 400 INVALID_REQUEST_BODY${refutes}`,
    ),
  ],
  // No probe assumes the error's message: missing, it is drift, and refutes no assumption.
  'an error without message': [noWorkspaceName, pageZero, unknownWorkspace, invalidToken].map((name) =>
    byProbe(name, '$.error.message', 'present', 'missing', '$.error.message is required by the spec but missing'),
  ),
  'success without the error field': [
    ...[
      'a request for a page past the last one',
      'a request for every dashboard of a workspace',
      'a request for every dashboard of an empty workspace',
      'a request for the first page of a workspace',
    ].map((name) =>
      byPactOf(name, '$', '["data","error"]', '["data"]', 'Actual map is missing the following keys: error'),
    ),
    ...[everyDashboard, firstPage, farPastTheEnd, emptyWorkspace].map((name) =>
      byProbe(name, '$.error', 'present', 'missing', '$.error is required by the spec but missing'),
    ),
    noList,
  ],
  'an unknown workspace listed as empty (200 [])': [
    byProbe(
      unknownWorkspace,
      'status',
      '400 WORKSPACE_ID_ERROR',
      '200',
      'answered 200 instead of 400 WORKSPACE_ID_ERROR',
    ),
  ],
  'a success served as text/plain': [everyDashboard, firstPage, pastTheEnd, emptyWorkspace].map((name) =>
    byProbe(name, 'content-type', 'application/json', 'text/plain', 'the content type is text/plain, not JSON'),
  ),
  'page 0 accepted (200 instead of 400)': [
    byProbe(
      pageZero,
      'status',
      '400 INVALID_REQUEST_BODY',
      '200',
      `answered 200 instead of 400 INVALID_REQUEST_BODY${refutes}`,
    ),
  ],
  'a page past the end that repeats the last page': [
    byProbe(pastTheEnd, '$.data', '[]', '7 dashboards', 'page 5 is past the last page but holds 7 dashboards'),
  ],
  'pages in the reverse order of the list': [
    byPages(
      'page 1',
      '10 dashboards, ledger_view_1 … ledger_view_10',
      '10 dashboards, ledger_view_37 … ledger_view_28',
      'page 1 is not dashboards 1 to 10 of the list: the pages list the dashboards in another order than the list',
    ),
  ],
  'a dashboard listed twice (in the list and on two pages)': [
    byPages('pages', 'no repeats', '[ledger_view_5]', '1 dashboard appears more than once across the pages'),
    byPages('list', 'no repeats', '[ledger_view_5]', '1 dashboard appears more than once in the unpaginated list'),
  ],
};

/** A finding as toEqual matches it, its patterns as asymmetric matchers. */
function named({ expected, actual, message, ...place }: Named): Record<string, unknown> {
  const text = (value: string | RegExp): unknown => (value instanceof RegExp ? expect.stringMatching(value) : value);
  return { ...place, expected: text(expected), actual: text(actual), message: text(message) };
}

const entries = Object.entries(expectedFindings) as [keyof typeof drifts, Named[]][];
/** The drifts the pact names too: their findings are those of the whole drift check. */
const byPact = entries.filter(([, findings]) => findings.some((finding) => finding.source === 'pact'));
/** The drifts asserted through the probes alone: their findings are the probes' whole list (the pact's are not run). */
const byProbes = entries.filter(([, findings]) => findings.every((finding) => finding.source !== 'pact'));

/** How many requests the pact's verification sends. */
const pactInteractions = (
  JSON.parse(readFileSync(join(root, 'contracts/pacts/databrain-contract-kit-databrain-api.json'), 'utf8')) as {
    interactions: unknown[];
  }
).interactions.length;

/** The name and message of the error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return { name: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The pids of this process's Pact workers. */
function pactWorkers(): Promise<string[]> {
  return existsSync('/proc/self/stat') ? Promise.resolve(pactWorkersInProc()) : pactWorkersByPs();
}

/** From Linux's /proc: a look costs no process, so the run can be looked at often. */
function pactWorkersInProc(): string[] {
  const workers: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // pid (name) state ppid …: the name may hold spaces and parentheses, the fields after it do not.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (ppid === String(process.pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pact-worker')) {
        workers.push(pid);
      }
    } catch {
      // The process ended between the listing and the read: it is no worker now.
    }
  }
  return workers;
}

/** From ps, where there is no /proc (macOS). */
function pactWorkersByPs(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,args='], (error, stdout) => {
      if (error) return reject(error);
      const rows = stdout.split('\n').map((line) => line.trim().split(/\s+/));
      const children = rows.filter(
        ([, ppid, ...args]) => ppid === String(process.pid) && args.join(' ').includes('pact-worker'),
      );
      resolve(children.map(([pid]) => pid ?? ''));
    });
  });
}

// Its tests run one at a time: the children that appear are those of the run under test.
describe('the Pact worker of a drift check', () => {
  it('is one child of the run, alive while it runs and gone when it ends', async () => {
    // A child already about (the one the checks below share, had they run first) is not the run's.
    const before = new Set(await pactWorkers());
    const seen = new Set<string>();
    let running = true;
    const run = runDatabrainDriftCheck(driftOptions((await providerFor(undefined)).url)).finally(() => {
      running = false;
    });
    while (running) {
      for (const pid of await pactWorkers()) if (!before.has(pid)) seen.add(pid);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { exitCode, summary } = await run;
    expect({ exitCode, summary }).toEqual({
      exitCode: 0,
      summary: { passed: 26, drift: 0, warning: 0, notVerifiable: 1 },
    });
    expect({ during: seen.size, after: await pactWorkers() }).toEqual({ during: 1, after: [...before] });
  });

  it('is gone after a run the provider refuses the token of, which says so without the token', async () => {
    const before = await pactWorkers();
    const { url } = await providerFor(undefined);
    expect(
      await rejection(runDatabrainDriftCheck(driftOptions(url, { token: 'a-token-the-provider-refuses' }))),
    ).toEqual({
      name: 'CannotRunError',
      message: `${url} refused the service token (401 INVALID_DATA_APP_API_KEY): check DATABRAIN_SERVICE_TOKEN.`,
    });
    expect(await pactWorkers()).toEqual(before);
  });
});

describe.concurrent('the drift check', () => {
  it('passes a clean provider with other data, a UUID token and 37 dashboards', async () => {
    const report = await reportOf(undefined);
    expect(driftFindingsOf(report)).toEqual([]);
    expect({ exitCode: report.exitCode, summary: report.summary }).toEqual({
      exitCode: 0,
      summary: { passed: 26, drift: 0, warning: 0, notVerifiable: 1 },
    });
    // The run's duration fits between its start and now (a ms of rounding allowed).
    expect(report.durationMs).toBeGreaterThan(0);
    expect(report.durationMs).toBeLessThanOrEqual(Date.now() - Date.parse(report.startedAt) + 1);
  });

  it('reports the interactions a live API cannot be put in the state of as not verifiable', async () => {
    const report = await driftAgainst(undefined, { emptyWorkspace: undefined });
    const notVerifiable = report.checks
      .filter((check) => check.status === 'not-verifiable')
      .map((check) => `${check.source}: ${check.name}`);
    expect(notVerifiable).toEqual([
      'pact: a request for every dashboard of an empty workspace',
      'pact: a request while the server fails',
      'probe: an empty workspace',
    ]);
    expect(report.exitCode).toBe(0);
  });

  it.each(byPact)('exits 1 against a provider with %s, naming it in at most 40 requests', async (name, findings) => {
    const report = await reportOf(drifts[name]);
    expect(report.exitCode).toBe(1);
    expect(driftFindingsOf(report)).toEqual(findings.map(named));
    expect((await providerFor(drifts[name])).requests()).toBeLessThanOrEqual(40);
  });

  // The probes find these without the pact: they run alone here, within the 40 requests less the pact's own.
  it.each(byProbes)('exits 1 against a provider with %s, the probes naming exactly these', async (name, findings) => {
    const provider = await startProvider(drifts[name]);
    try {
      const report = await probesReport(provider.url);
      expect(report.exitCode).toBe(1);
      expect(driftFindingsOf(report)).toEqual(findings.map(named));
      expect(provider.requests()).toBeLessThanOrEqual(40 - pactInteractions);
    } finally {
      await provider.close();
    }
  });

  it('fails the whole check on a drift only a probe sees, with every pact interaction verified, in at most 40 requests', async () => {
    const drift = drifts['page 0 accepted (200 instead of 400)'];
    const report = await reportOf(drift);
    expect(report.exitCode).toBe(1);
    expect(report.checks.filter((check) => check.source === 'pact').map((check) => check.status)).toEqual(
      Array.from({ length: pactInteractions }, () => expect.stringMatching(/^(passed|not-verifiable)$/)),
    );
    expect(driftFindingsOf(report)).toEqual(expectedFindings['page 0 accepted (200 instead of 400)'].map(named));
    expect((await providerFor(drift)).requests()).toBeLessThanOrEqual(40);
  });

  it('cannot compare the pages with a list that failed its probe, and says so', async () => {
    const report = await probesReport((await providerFor(drifts['a renamed field (name → title)'])).url);
    expect(
      report.checks.find((check) => check.source === 'pagination' && check.name === 'pages concatenate to the list'),
    ).toEqual({
      source: 'pagination',
      name: 'pages concatenate to the list',
      status: 'drift',
      durationMs: 0,
      findings: [
        {
          severity: 'drift',
          where: 'list',
          expected: 'a valid list',
          actual: 'none',
          message: 'the unpaginated list of dashboards failed its probe, so pages cannot be compared with it',
        },
      ],
    });
  });

  it('names both the list and the pages when a dashboard is listed twice', async () => {
    const report = await probesReport(
      (await providerFor(drifts['a dashboard listed twice (in the list and on two pages)'])).url,
    );
    expect(report.checks.find((check) => check.source === 'pagination')?.findings).toEqual([
      {
        severity: 'drift',
        where: 'pages',
        expected: 'no repeats',
        actual: '[ledger_view_5]',
        message: '1 dashboard appears more than once across the pages',
      },
      {
        severity: 'drift',
        where: 'list',
        expected: 'no repeats',
        actual: '[ledger_view_5]',
        message: '1 dashboard appears more than once in the unpaginated list',
      },
    ]);
  });

  it('warns about an added field without failing', async () => {
    const report = await reportOf(additive);
    expect({ exitCode: report.exitCode, summary: report.summary }).toEqual({
      exitCode: 0,
      summary: { passed: 22, drift: 0, warning: 4, notVerifiable: 1 },
    });
    expect(report.checks.find((check) => check.name === 'every dashboard of the workspace')?.findings).toEqual([
      {
        severity: 'warning',
        where: '$.totalCount',
        expected: 'no such field',
        actual: '37',
        message: '$.totalCount is not declared in the spec (an additive change)',
      },
    ]);
    expect(renderDriftTable(report).split('\n').at(-1)).toBe(
      'No drift (warnings are additive changes; --strict fails on them).',
    );
  });

  it('fails with --strict because of the added field alone', async () => {
    const report = await driftAgainst(additive, { strict: true });
    expect({ exitCode: report.exitCode, summary: report.summary }).toEqual({
      exitCode: 1,
      summary: { passed: 22, drift: 0, warning: 4, notVerifiable: 1 },
    });
    expect(renderDriftTable(report).split('\n').at(-1)).toBe('Drift found (--strict: warnings count).');
  });

  it('cannot run when the workspace does not exist, and names it', async () => {
    const { url } = await providerFor(undefined);
    expect(await rejection(checkIn(driftOptions(url, { workspace: 'no-such-team' })))).toEqual({
      name: 'CannotRunError',
      message: `workspace "no-such-team" does not exist at ${url}: set DATABRAIN_WORKSPACE to an existing workspace.`,
    });
  });

  it('cannot run against a host nothing listens on', async () => {
    const gone = await startProvider();
    await gone.close();
    const port = new URL(gone.url).port;
    expect(await rejection(checkIn(driftOptions(gone.url)))).toEqual({
      name: 'ProviderUnreachableError',
      message: `cannot reach ${gone.url}: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });
  it('cannot run against a host that never answers, and names the timeout', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${String((silent.address() as AddressInfo).port)}`;
    try {
      expect(await rejection(checkIn(driftOptions(url, { timeoutMs: 200 })))).toEqual({
        name: 'ProviderUnreachableError',
        message: `cannot reach ${url}: no answer within 200 ms`,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

const echoFindings = [
  {
    source: 'pact',
    name: 'a request for a workspace that does not exist',
    severity: 'drift',
    where: '$.error',
    expected: '{"code":"WORKSPACE_ID_ERROR","message":"a readable explanation"}',
    actual: 'No workspace of that name for token [redacted]',
    message: `Type mismatch: Expected 'No workspace of that name for token [redacted]' (String) to be the same type as {"code":"WORKSPACE_ID_ERROR","message":"a readable explanation"} (Object)`,
  },
  {
    source: 'pact',
    name: 'a request for the first page of a workspace',
    severity: 'drift',
    where: 'BodyTypeMismatch',
    expected: 'application/json',
    actual: 'text/plain;token=[redacted]',
    message: "Expected a body of 'application/json' but the actual content type was 'text/plain;token=[redacted]'",
  },
  {
    source: 'pact',
    name: 'a request for the first page of a workspace',
    severity: 'drift',
    where: 'header Content-Type',
    expected: 'application/json',
    actual: 'text/plain; token=[redacted]',
    message:
      "Mismatch with header 'Content-Type': Expected header 'Content-Type' to have value 'application/json' but was 'text/plain; token=[redacted]'",
  },
  {
    source: 'probe',
    name: 'every dashboard of the workspace',
    severity: 'warning',
    where: '$.echo',
    expected: 'no such field',
    actual: '"[redacted]"',
    message: '$.echo is not declared in the spec (an additive change)',
  },
  {
    source: 'probe',
    name: 'the first page',
    severity: 'drift',
    where: 'content-type',
    expected: 'application/json',
    actual: 'text/plain; token=[redacted]',
    message: 'the content type is text/plain; token=[redacted], not JSON',
  },
  {
    source: 'probe',
    name: 'a body without workspaceName',
    severity: 'drift',
    where: 'body',
    expected: 'JSON',
    actual: '"<html><body>400 Bad Request for token [redacted]</body></html>"',
    message: 'the body is not JSON',
  },
  {
    source: 'probe',
    name: 'a page number of 0',
    severity: 'drift',
    where: 'body',
    expected: 'JSON',
    actual: '"<html><body>400 Bad Request for token [redacted]</body></html>"',
    message: 'the body is not JSON',
  },
  {
    source: 'probe',
    name: 'an unknown workspace',
    severity: 'drift',
    where: '$.error',
    expected: 'type "object"',
    actual: '"No workspace of that name for token [redacted]"',
    message: '$.error must be object',
  },
  {
    source: 'probe',
    name: 'an empty workspace',
    severity: 'warning',
    where: '$.echo',
    expected: 'no such field',
    actual: '"[redacted]"',
    message: '$.echo is not declared in the spec (an additive change)',
  },
];

/** How often the table and the Markdown show [redacted]: once in each message and each actual value that held the token. */
const shownRedacted = echoFindings
  .flatMap((finding) => [finding.message, finding.actual])
  .filter((text) => text.includes('[redacted]')).length;

describe.concurrent('the drift check against a provider that echoes the token', () => {
  /** One run against the provider that echoes the token everywhere, its reports written once. */
  let echoed: Promise<{ report: DatabrainDriftReport; files: Record<string, string> }> | undefined;
  function echoedRun() {
    echoed ??= reportOf(echoing).then((report) => {
      const dir = join(scratch, 'echo');
      writeDriftReports(report, dir);
      const files = Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
      return { report, files };
    });
    return echoed;
  }

  it('names each place the token was echoed, the token replaced by [redacted]', async () => {
    const { report } = await echoedRun();
    const redacted = report.checks.flatMap((check) =>
      check.findings
        .filter((finding) => JSON.stringify(finding).includes('[redacted]'))
        .map((finding) => ({ source: check.source, name: check.name, ...finding })),
    );
    expect(redacted).toEqual(echoFindings);
    expect(report.exitCode).toBe(1);
  });

  it('keeps the token out of the rendered table', async () => {
    const table = renderDriftTable((await echoedRun()).report);
    expect(table).not.toContain(cleanToken);
    expect(table.split('[redacted]')).toHaveLength(shownRedacted + 1);
  });

  it('keeps the token out of the JSON report', async () => {
    const { report, files } = await echoedRun();
    expect(files['drift-report.json']).not.toContain(cleanToken);
    expect(JSON.parse(files['drift-report.json'] ?? '')).toEqual(report);
  });

  it('keeps the token out of the JUnit XML report', async () => {
    const xml = (await echoedRun()).files['drift-report.xml'] ?? '';
    expect(xml).not.toContain(cleanToken);
    // Also in the failure message of the three checks whose first finding held it.
    expect(xml.split('[redacted]')).toHaveLength(shownRedacted + 3 + 1);
  });

  it('keeps the token out of the Markdown report', async () => {
    const markdown = (await echoedRun()).files['drift-report.md'] ?? '';
    expect(markdown).not.toContain(cleanToken);
    expect(markdown.split('[redacted]')).toHaveLength(shownRedacted + 1);
  });
});
