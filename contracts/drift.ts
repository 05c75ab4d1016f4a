/**
 * The drift check: the committed pact verified against a base URL (the token put in at request
 * time), spec conformance probes, pagination invariants, and the pact checked against the spec.
 * Used by `npm run drift` (drift-cli.ts); exported for programmatic use.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redact, redactValue } from '../src/errors.js';
import { cloudBaseUrl, pageSize } from '../src/spec.js';
import { renderJunit, renderMarkdown, renderTable, summarize, type CheckResult, type DriftReport } from './findings.js';
import { pactInteractions, verifierFailed } from './pact-verify.js';
import type { WorkerRequest } from './pact-worker.js';
import { runProbes } from './probes.js';
import { checkPactAgainstSpec } from './spec-check.js';
import { states } from './states.js';

export interface DriftConfig {
  readonly baseUrl: string;
  readonly token: string;
  readonly workspace: string;
  readonly emptyWorkspace?: string | undefined;
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly reportDir?: string | undefined;
  /** Another pact file than the committed one. */
  readonly pactFile?: string | undefined;
}

/** The configuration could not be read: the message says what to set. */
export class DriftConfigError extends Error {
  override readonly name = 'DriftConfigError';
}

export const usage =
  'Usage: DATABRAIN_SERVICE_TOKEN=… DATABRAIN_WORKSPACE=… npm run drift -- [--base-url URL] [--report-dir DIR] [--strict] [--timeout MS]';

/** Reads the configuration from parsed flags and the environment; throws DriftConfigError. */
export function driftConfig(
  flags: { baseUrl?: string | undefined; reportDir?: string | undefined; strict?: boolean | undefined; timeout?: string | undefined },
  env: NodeJS.ProcessEnv,
): DriftConfig {
  const token = env['DATABRAIN_SERVICE_TOKEN']?.trim();
  if (!token) throw new DriftConfigError('DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.');
  const workspace = env['DATABRAIN_WORKSPACE']?.trim();
  if (!workspace) throw new DriftConfigError('DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.');
  const rawBaseUrl = flags.baseUrl ?? (env['DATABRAIN_BASE_URL']?.trim() || cloudBaseUrl);
  let url: URL;
  try {
    url = new URL(rawBaseUrl);
  } catch {
    throw new DriftConfigError(`--base-url "${rawBaseUrl}" is not a URL: pass e.g. https://api.usedatabrain.com.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DriftConfigError(`--base-url must be http or https, not ${url.protocol}`);
  }
  const timeoutMs = flags.timeout === undefined ? 10_000 : Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
    throw new DriftConfigError(`--timeout must be a whole number of milliseconds from 100 to 120000, not "${flags.timeout}".`);
  }
  return {
    baseUrl: rawBaseUrl.replace(/\/+$/, ''),
    token,
    workspace,
    emptyWorkspace: env['DATABRAIN_EMPTY_WORKSPACE']?.trim() || undefined,
    strict: flags.strict ?? false,
    timeoutMs,
    reportDir: flags.reportDir,
  };
}

const workerFile = fileURLToPath(new URL(`./pact-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Runs the Pact verification in a child process (see pact-worker.ts) and returns its checks. */
function verifyInChild(request: WorkerRequest, token: string, limitMs: number): Promise<CheckResult[]> {
  const args = workerFile.endsWith('.ts') ? ['--import', 'tsx', workerFile] : [workerFile];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, DATABRAIN_SERVICE_TOKEN: token },
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((resolve) => {
    const failed = (reason: string): void => resolve(verifierFailed(pactInteractions(request.pactFile), redact(reason, token)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      failed(`the Pact verification took longer than ${limitMs} ms`);
    }, limitMs);
    child.once('message', (message: { checks?: CheckResult[]; error?: string }) => {
      clearTimeout(timer);
      if (message.checks) resolve(message.checks);
      else failed(`the Pact verification failed: ${message.error ?? 'no reason given'}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(`the Pact verification stopped (exit ${code ?? 'signal'}): ${output.trim().split('\n').pop() ?? ''}`);
    });
    child.send(request);
  });
}

/** Runs every check and returns the report, its secrets already removed. */
export async function runDrift(config: DriftConfig): Promise<DriftReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const probes = await runProbes({
    baseUrl: config.baseUrl,
    token: config.token,
    workspace: config.workspace,
    emptyWorkspace: config.emptyWorkspace,
    timeoutMs: config.timeoutMs,
  });
  const count = probes.dashboards?.length;
  const notVerifiable: Record<string, string> = {};
  for (const interaction of pactInteractions(config.pactFile)) {
    const state = interaction.providerStates?.[0]?.name;
    if (state === states.serverFails) notVerifiable[interaction.description] = 'a live API cannot be made to fail on request';
    if (state === states.emptyWorkspace && !config.emptyWorkspace) {
      notVerifiable[interaction.description] = 'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to verify this';
    }
  }
  const pact = await verifyInChild(
    {
      providerBaseUrl: config.baseUrl,
      stateValues: {
        [states.workspaceWithDashboards]: {
          workspaceName: config.workspace,
          pastLastPage: count === undefined ? 100_000 : Math.floor(count / pageSize) + 2,
        },
        ...(config.emptyWorkspace ? { [states.emptyWorkspace]: { workspaceName: config.emptyWorkspace } } : {}),
        [states.noSuchWorkspace]: { workspaceName: `drift-check-missing-${randomUUID()}` },
      },
      notVerifiable,
      timeoutMs: config.timeoutMs,
      ...(config.pactFile ? { pactFile: config.pactFile } : {}),
    },
    config.token,
    Math.max(60_000, config.timeoutMs * 12),
  );
  const specCheck = await checkPactAgainstSpec(config.pactFile);
  const report = summarize({
    baseUrl: config.baseUrl,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    strict: config.strict,
    checks: [...pact, ...probes.checks, specCheck],
  });
  return redactValue(report, config.token) as DriftReport;
}

/** Writes drift-report.json, drift-report.xml (JUnit) and drift-report.md into a folder. */
export function writeReports(report: DriftReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    'drift-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'drift-report.xml': renderJunit(report),
    'drift-report.md': renderMarkdown(report),
  };
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  });
}

export { renderTable };
