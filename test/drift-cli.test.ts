/**
 * The drift check's command line and configuration: the flags and environment it reads, what it
 * refuses in one line (exit 2), and a whole run of `databrain-drift` against a provider that echoes
 * the token. Kept apart from test/drift.test.ts so the two run side by side.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftConfig, DriftConfigError } from '../contracts/drift.js';
import {
  cleanEmptyWorkspace,
  cleanToken,
  cleanWorkspace,
  echoes,
  startProvider,
  type RunningProvider,
} from './support/providers.js';
import { nodeArgsFor } from './support/command.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-drift-cli-'));
const started: RunningProvider[] = [];
afterAll(async () => {
  await Promise.all(started.map((provider) => provider.close()));
  rmSync(scratch, { recursive: true, force: true });
});

describe('the drift configuration', () => {
  const env = { DATABRAIN_SERVICE_TOKEN: cleanToken, DATABRAIN_WORKSPACE: cleanWorkspace };

  it('reads the token and workspaces from the environment and the rest from the flags', () => {
    expect(
      driftConfig(
        { baseUrl: 'http://127.0.0.1:9/', reportDir: 'reports', strict: true, timeout: '2500' },
        { ...env, DATABRAIN_EMPTY_WORKSPACE: ' new-team ' },
      ),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:9',
      token: cleanToken,
      workspace: cleanWorkspace,
      emptyWorkspace: 'new-team',
      strict: true,
      timeoutMs: 2500,
      reportDir: 'reports',
    });
  });

  it('defaults to DATABRAIN_BASE_URL, 10 000 ms, not strict and no empty workspace', () => {
    expect(
      driftConfig({}, { ...env, DATABRAIN_BASE_URL: 'https://bi.example.org', DATABRAIN_EMPTY_WORKSPACE: '  ' }),
    ).toEqual({
      baseUrl: 'https://bi.example.org',
      token: cleanToken,
      workspace: cleanWorkspace,
      emptyWorkspace: undefined,
      strict: false,
      timeoutMs: 10_000,
      reportDir: undefined,
    });
  });

  it('takes a plain-HTTP base URL beyond this machine when the user opts in, and one on this machine without', () => {
    const insecure = driftConfig({ baseUrl: 'http://bi.example.org', allowInsecureHttp: true }, env);
    const loopback = driftConfig({ baseUrl: 'http://127.0.0.1:4010/' }, env);
    expect([insecure.baseUrl, loopback.baseUrl]).toEqual(['http://bi.example.org', 'http://127.0.0.1:4010']);
  });

  it.each([
    [
      'no token',
      {},
      { DATABRAIN_WORKSPACE: cleanWorkspace },
      'DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.',
    ],
    [
      'a token of spaces',
      {},
      { DATABRAIN_SERVICE_TOKEN: ' \t ', DATABRAIN_WORKSPACE: cleanWorkspace },
      'DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.',
    ],
    [
      'no workspace',
      {},
      { DATABRAIN_SERVICE_TOKEN: cleanToken },
      'DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.',
    ],
    [
      'a base URL that is not a URL',
      { baseUrl: 'not a url' },
      env,
      '--base-url "not a url" is not a URL: pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'a base URL that is not HTTP',
      { baseUrl: 'ftp://example.org' },
      env,
      '--base-url must be an http or https URL, not "ftp://example.org": pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'a DATABRAIN_BASE_URL that is not a URL',
      {},
      { ...env, DATABRAIN_BASE_URL: 'nope' },
      'DATABRAIN_BASE_URL "nope" is not a URL: pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'a timeout under 100 ms',
      { timeout: '99' },
      env,
      '--timeout must be a whole number of milliseconds from 100 to 120000, not "99".',
    ],
    [
      'a timeout that is not a number',
      { timeout: '5s' },
      env,
      '--timeout must be a whole number of milliseconds from 100 to 120000, not "5s".',
    ],
    [
      'a plain-HTTP base URL beyond this machine',
      { baseUrl: 'http://bi.example.org/databrain' },
      env,
      '--base-url http://bi.example.org is plain HTTP beyond this machine: the service token would travel in clear text. Use https, or pass --allow-insecure-http if you accept that.',
    ],
    [
      'a one-character token, in words the token does not mangle',
      {},
      { ...env, DATABRAIN_SERVICE_TOKEN: 't' },
      'DATABRAIN_SERVICE_TOKEN is 1 character long, too short to be a service token (Databrain issues UUIDs): export the real token.',
    ],
  ])('refuses %s with a DriftConfigError that says what to set', (_name, flags, environment, message) => {
    expect(() => driftConfig(flags, environment)).toThrow(DriftConfigError);
    expect(() => driftConfig(flags, environment)).toThrow(new DriftConfigError(message));
  });
});

/** What the echoing provider's report says where each echo went, the token replaced. */
describe.concurrent('npm run drift', () => {
  const cli = nodeArgsFor('contracts/drift-cli.ts');

  async function runCli(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...cli, ...args],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 },
        (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });
  }

  const env = {
    DATABRAIN_SERVICE_TOKEN: cleanToken,
    DATABRAIN_WORKSPACE: cleanWorkspace,
    DATABRAIN_EMPTY_WORKSPACE: cleanEmptyWorkspace,
  };

  it('exits 1 with --strict against a provider that echoes the token in an added field, writes three reports, and prints the token nowhere', async () => {
    const provider = await startProvider(echoes['in an added field']);
    started.push(provider);
    const reportDir = join(scratch, 'cli');
    const result = await runCli(['--base-url', provider.url, '--report-dir', reportDir, '--strict'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-3)).toMatch(/^24 passed, 0 drift, 2 warnings, 1 not verifiable here \(\d+\.\d s\)$/);
    expect(lines.slice(-2)).toEqual([
      'Drift found (--strict: warnings count).',
      `Reports: ${['drift-report.json', 'drift-report.xml', 'drift-report.md'].map((file) => join(reportDir, file)).join(', ')}`,
    ]);
    expect(result.stdout).toContain('                         expected no such field; actual "[redacted]"');
    const written = Object.fromEntries(
      readdirSync(reportDir).map((file) => [file, readFileSync(join(reportDir, file), 'utf8')]),
    );
    expect(Object.keys(written).sort()).toEqual(['drift-report.json', 'drift-report.md', 'drift-report.xml']);
    for (const text of [result.stdout, result.stderr, ...Object.values(written)])
      expect(text).not.toContain(cleanToken);
    expect(JSON.parse(written['drift-report.json'] ?? '')).toMatchObject({
      exitCode: 1,
      strict: true,
      baseUrl: provider.url,
      summary: { passed: 24, drift: 0, warning: 2, notVerifiable: 1 },
    });
    expect(written['drift-report.xml']).toContain(
      '<testsuites name="databrain drift check" tests="27" failures="2" skipped="1"',
    );
    expect(written['drift-report.md']).toContain(
      '| every dashboard of the workspace | `$.echo` | no such field | "[redacted]" | $.echo is not declared in the spec (an additive change) |',
    );
  });

  it('exits 2 with one line for an unknown option', async () => {
    expect(await runCli(['--colour'], env)).toEqual({
      code: 2,
      stdout: '',
      stderr: "databrain-drift: Unknown option '--colour': see databrain-drift --help.\n",
    });
  });

  it('exits 2 with a readable line for a one-character token, the token nowhere in it', async () => {
    expect(await runCli([], { ...env, DATABRAIN_SERVICE_TOKEN: 't' })).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'databrain-drift: DATABRAIN_SERVICE_TOKEN is 1 character long, too short to be a service token (Databrain issues UUIDs): export the real token.\n',
    });
  });
});
