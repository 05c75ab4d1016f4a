/**
 * The drift check has teeth: against each deliberately drifted provider it exits 1 with a finding
 * that names the drift; against a clean provider with other data it exits 0. All over real HTTP on
 * loopback, with the real Pact core.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDatabrainDriftCheck, type DatabrainDriftOptions } from '../contracts/drift.js';
import type { CheckResult, DatabrainDriftReport, Finding } from '../contracts/findings.js';
import { additive, cleanEmptyWorkspace, cleanToken, cleanWorkspace, drifts, startProvider, type Drift } from './support/providers.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-drift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function driftAgainst(drift: Drift | undefined, config: Partial<DatabrainDriftOptions> = {}): Promise<{ report: DatabrainDriftReport; requests: number }> {
  const provider = await startProvider(drift);
  try {
    const report = await runDatabrainDriftCheck({
      baseUrl: provider.url,
      token: cleanToken,
      workspace: cleanWorkspace,
      emptyWorkspace: cleanEmptyWorkspace,
      strict: false,
      timeoutMs: 5_000,
      ...config,
    });
    return { report, requests: provider.requests() };
  } finally {
    await provider.close();
  }
}

type Named = Pick<CheckResult, 'source' | 'name'> & Pick<Finding, 'where'> & { readonly message: string | RegExp };

function findingsOf(report: DatabrainDriftReport): { source: string; name: string; where: string; message: string }[] {
  return report.checks.flatMap((check) =>
    check.findings.filter((finding) => finding.severity === 'drift').map((finding) => ({ source: check.source, name: check.name, where: finding.where, message: finding.message })),
  );
}

/** For each drifted provider, one finding that must name it precisely. */
const expectedFindings: Record<keyof typeof drifts, Named> = {
  'a renamed field (name → title)': { source: 'probe', name: 'every dashboard of the workspace', where: '$.data[*].name', message: '$.data[*].name is required by the spec but missing (in 37 items)' },
  'a field of another type (externalDashboardId as a number)': { source: 'probe', name: 'every dashboard of the workspace', where: '$.data[*].externalDashboardId', message: '$.data[*].externalDashboardId must be string (in 37 items)' },
  'another page size (5)': { source: 'pagination', name: 'pages concatenate to the list', where: 'page 1', message: 'page 1 holds 5 dashboards though the list continues: the page size seems to be 5, not 10' },
  'pages counted from 0': { source: 'pagination', name: 'pages concatenate to the list', where: 'page 1', message: 'page 1 holds the dashboards of page 2: pages seem to be counted from 0' },
  'pagination ignored': { source: 'pagination', name: 'pages concatenate to the list', where: 'page 1', message: 'pagination is ignored: page 1 holds the whole list of 37' },
  'wrapped data ({ data: { dashboards } })': { source: 'pact', name: 'a request for every dashboard of a workspace', where: '$.data', message: /^Type mismatch: Expected \{"dashboards":\[.*\(Object\) to be the same type as/ },
  'another status for an unknown workspace (404)': { source: 'probe', name: 'an unknown workspace', where: 'status', message: 'answered 404 WORKSPACE_NOT_FOUND instead of 400 WORKSPACE_ID_ERROR' },
  'another status for a bad token (400 AUTHENTICATION_ERROR)': {
    source: 'probe',
    name: 'an invalid service token',
    where: 'status',
    message: 'answered 400 AUTHENTICATION_ERROR instead of 401 INVALID_DATA_APP_API_KEY (refutes an x-assumptions entry of the spec: update spec/openapi.yaml if the API is right)',
  },
  'a 422 for validation': { source: 'pact', name: 'a request without workspaceName', where: 'status', message: 'expected 400 but was 422' },
  'an error without message': { source: 'probe', name: 'an unknown workspace', where: '$.error.message', message: '$.error.message is required by the spec but missing' },
  'success without the error field': { source: 'pact', name: 'a request for every dashboard of a workspace', where: '$', message: 'Actual map is missing the following keys: error' },
  'an unknown workspace listed as empty (200 [])': { source: 'probe', name: 'an unknown workspace', where: 'status', message: 'answered 200 instead of 400 WORKSPACE_ID_ERROR' },
  'a success served as text/plain': { source: 'probe', name: 'every dashboard of the workspace', where: 'content-type', message: 'the content type is text/plain, not JSON' },
};

describe.concurrent('the drift check', () => {
  it('passes a clean provider with other data, a UUID token and 37 dashboards', async () => {
    const { report, requests } = await driftAgainst(undefined);
    expect(findingsOf(report)).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.summary).toEqual({ passed: 17, drift: 0, warning: 0, notVerifiable: 1 });
    expect(requests).toBeLessThanOrEqual(40);
  });

  it('reports the interactions a live API cannot be put in the state of as not verifiable', async () => {
    const { report } = await driftAgainst(undefined, { emptyWorkspace: undefined });
    const notVerifiable = report.checks.filter((check) => check.status === 'not-verifiable').map((check) => `${check.source}: ${check.name}`);
    expect(notVerifiable).toEqual([
      'pact: a request for every dashboard of an empty workspace',
      'pact: a request while the server fails',
      'probe: an empty workspace',
    ]);
    expect(report.exitCode).toBe(0);
  });

  it.each(Object.entries(drifts))('exits 1 against a provider with %s, naming it', async (name, drift) => {
    const { report, requests } = await driftAgainst(drift);
    expect(report.exitCode).toBe(1);
    const expected = expectedFindings[name as keyof typeof drifts];
    expect(findingsOf(report)).toContainEqual({ ...expected, message: expect.stringMatching(expected.message instanceof RegExp ? expected.message : `^${escape(expected.message)}$`) });
    expect(requests).toBeLessThanOrEqual(40);
  });

  it('warns about an added field without failing, and fails on it with --strict', async () => {
    const relaxed = (await driftAgainst(additive)).report;
    expect(relaxed.exitCode).toBe(0);
    expect(relaxed.checks.find((check) => check.name === 'every dashboard of the workspace')?.findings).toEqual([
      { severity: 'warning', where: '$.totalCount', expected: 'no such field', actual: '37', message: '$.totalCount is not declared in the spec (an additive change)' },
    ]);
    const strict = (await driftAgainst(additive, { strict: true })).report;
    expect(strict.exitCode).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('npm run drift', () => {
  const cli = ['--import', 'tsx', join(root, 'contracts/drift-cli.ts')];

  async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [...cli, ...args], { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  const env = { DATABRAIN_SERVICE_TOKEN: cleanToken, DATABRAIN_WORKSPACE: cleanWorkspace, DATABRAIN_EMPTY_WORKSPACE: cleanEmptyWorkspace };

  it('exits 0 against a clean provider, writes three reports, and never prints the token', async () => {
    const provider = await startProvider();
    const reportDir = join(scratch, 'clean');
    try {
      const result = await runCli(['--base-url', provider.url, '--report-dir', reportDir], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('17 passed, 0 drift, 0 warnings, 1 not verifiable here');
      expect(result.stdout).toContain('No drift.');
      expect(readdirSync(reportDir).sort()).toEqual(['drift-report.json', 'drift-report.md', 'drift-report.xml']);
      const written = ['drift-report.json', 'drift-report.md', 'drift-report.xml'].map((file) => readFileSync(join(reportDir, file), 'utf8'));
      for (const text of [result.stdout, result.stderr, ...written]) expect(text).not.toContain(cleanToken);
      expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ exitCode: 0, baseUrl: provider.url, summary: { drift: 0 } });
      expect(written[2]).toContain('<testsuites name="databrain drift check" tests="18" failures="0" skipped="1"');
    } finally {
      await provider.close();
    }
  });

  it('exits 1 against a drifted provider and names the drift in its table', async () => {
    const provider = await startProvider(drifts['pages counted from 0']);
    try {
      const result = await runCli(['--base-url', provider.url], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/DRIFT\s+pagination\s+pages concatenate to the list/);
      expect(result.stdout).toContain('page 1: page 1 holds the dashboards of page 2: pages seem to be counted from 0');
      expect(result.stdout).toContain('Drift found.');
      expect(result.stdout + result.stderr).not.toContain(cleanToken);
    } finally {
      await provider.close();
    }
  });

  it.each([
    [{ DATABRAIN_WORKSPACE: cleanWorkspace }, [], 'databrain-drift: DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.'],
    [{ DATABRAIN_SERVICE_TOKEN: cleanToken }, [], 'databrain-drift: DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.'],
    [env, ['--base-url', 'not a url'], 'databrain-drift: --base-url "not a url" is not a URL: pass e.g. https://api.usedatabrain.com.'],
    [env, ['--colour'], "databrain-drift: Unknown option '--colour': see databrain-drift --help."],
  ])('exits 2 with one line when it cannot run (%j %j)', async (environment, args, message) => {
    const result = await runCli(args, environment);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 for an unreachable host, and for a refused token, without printing the token', async () => {
    const provider = await startProvider();
    const url = provider.url;
    try {
      const refused = await runCli(['--base-url', url], { ...env, DATABRAIN_SERVICE_TOKEN: 'a-token-the-provider-refuses' });
      expect(refused).toEqual({
        code: 2,
        stdout: '',
        stderr: `databrain-drift: ${url} refused the service token (401 INVALID_DATA_APP_API_KEY): check DATABRAIN_SERVICE_TOKEN.\n`,
      });
    } finally {
      await provider.close();
    }
    const unreachable = await runCli(['--base-url', url], env);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(new RegExp(`^databrain-drift: cannot reach ${escape(url)}: .*ECONNREFUSED.*\\. Check --base-url and your network\\.\\n$`));
    expect(unreachable.stderr).not.toContain(cleanToken);
  });
});
