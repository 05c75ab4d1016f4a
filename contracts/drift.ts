/**
 * The drift check: the committed pact verified against a base URL (the token put in at request
 * time), spec conformance probes, pagination invariants, and the pact checked against the spec.
 * `databrain-drift` (drift-cli.ts) runs it; `databrain-contract-kit/drift` exports it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  cloudBaseUrl,
  insecureUrlProblem,
  missingWorkspaceName,
  pastLastPage,
  redact,
  redactValue,
  shortTokenProblem,
  trimTrailingSlash,
} from '../src/kernel/index.js';
import { requirePeerInstalled } from '../src/kernel/peers.js';
import { summarize, type CheckResult, type DatabrainDriftReport } from '../src/kernel/findings.js';
import { pactInteractions, verifierFailed } from './pact-verify.js';
import type { WorkerRequest } from './pact-worker.js';
import { runProbes, unknownLastPage } from './probes.js';
import { checkPactAgainstSpec } from './spec-check.js';
import { states } from './states.js';

export interface DatabrainDriftOptions {
  /** The API to check: Databrain cloud's URL or a self-hosted install's. */
  readonly baseUrl: string;
  /** The service token; it is put into requests only, and removed from everything reported. */
  readonly token: string;
  /** An existing workspace with at least one dashboard. */
  readonly workspace: string;
  /** An existing workspace without dashboards, if there is one (otherwise two checks are not verifiable). */
  readonly emptyWorkspace?: string | undefined;
  /** Count warnings (fields the spec does not declare) as drift. */
  readonly strict: boolean;
  /** Per request, ms. */
  readonly timeoutMs: number;
  /** Where the CLI writes the reports. */
  readonly reportDir?: string | undefined;
  /** Another pact file than the committed one. */
  readonly pactFile?: string | undefined;
  /** Send the token over plain HTTP to a host beyond this machine; refused otherwise. */
  readonly allowInsecureHttp?: boolean | undefined;
}

/** The configuration could not be read: the message says what to set. */
export class DriftConfigError extends Error {
  override readonly name = 'DriftConfigError';
}

/** Reads the configuration from parsed flags and the environment; throws DriftConfigError. */
export function driftConfig(
  flags: {
    baseUrl?: string | undefined;
    reportDir?: string | undefined;
    strict?: boolean | undefined;
    timeout?: string | undefined;
    /** Send the token over plain HTTP to a host beyond this machine (`--allow-insecure-http`). */
    allowInsecureHttp?: boolean | undefined;
  },
  env: NodeJS.ProcessEnv,
): DatabrainDriftOptions {
  const token = env['DATABRAIN_SERVICE_TOKEN']?.trim();
  if (!token)
    throw new DriftConfigError('DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.');
  const short = shortTokenProblem(token, 'DATABRAIN_SERVICE_TOKEN');
  if (short) throw new DriftConfigError(short);
  const workspace = env['DATABRAIN_WORKSPACE']?.trim();
  if (!workspace)
    throw new DriftConfigError('DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.');
  const rawBaseUrl = flags.baseUrl ?? (env['DATABRAIN_BASE_URL']?.trim() || cloudBaseUrl);
  const source = flags.baseUrl === undefined ? 'DATABRAIN_BASE_URL' : '--base-url';
  let url: URL;
  try {
    url = new URL(rawBaseUrl);
  } catch {
    throw new DriftConfigError(`${source} "${rawBaseUrl}" is not a URL: pass e.g. ${cloudBaseUrl}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DriftConfigError(
      `${source} must be an http or https URL, not "${rawBaseUrl}": pass e.g. ${cloudBaseUrl}.`,
    );
  }
  const insecure = flags.allowInsecureHttp ? undefined : insecureUrlProblem(url, source, '--allow-insecure-http');
  if (insecure) throw new DriftConfigError(insecure);
  const timeoutMs = flags.timeout === undefined ? 10_000 : Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
    throw new DriftConfigError(
      `--timeout must be a whole number of milliseconds from 100 to 120000, not "${flags.timeout}".`,
    );
  }
  return {
    baseUrl: trimTrailingSlash(rawBaseUrl),
    token,
    workspace,
    emptyWorkspace: env['DATABRAIN_EMPTY_WORKSPACE']?.trim() || undefined,
    strict: flags.strict ?? false,
    timeoutMs,
    reportDir: flags.reportDir,
  };
}

const workerFile = fileURLToPath(
  new URL(`./pact-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

interface WorkerReply {
  readonly id: number;
  readonly checks?: CheckResult[];
  readonly error?: string;
}

interface PactWorker {
  readonly child: ChildProcess;
  readonly pending: Map<number, (reply: WorkerReply | { readonly exited: string }) => void>;
  output: string;
  /** Stops the child once it has had nothing to do for a while. */
  idle: NodeJS.Timeout | undefined;
}

/** How long the worker child waits for another verification before it is stopped. */
const workerIdleMs = 2_000;

let worker: PactWorker | undefined;
let nextId = 0;

/** The child that runs Pact verifications (see pact-worker.ts), started on first use. */
function pactWorker(): PactWorker {
  if (worker) return worker;
  const args = workerFile.endsWith('.ts') ? ['--import', 'tsx', workerFile] : [workerFile];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const started: PactWorker = { child, pending: new Map(), output: '', idle: undefined };
  const keep = (chunk: Buffer): void => {
    started.output = (started.output + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('message', (reply: WorkerReply) => {
    started.pending.get(reply.id)?.(reply);
    started.pending.delete(reply.id);
    if (started.pending.size === 0) {
      child.channel?.unref();
      started.idle = setTimeout(() => {
        // Forgotten first, so a verification asked for from now on starts a new child.
        if (worker === started) worker = undefined;
        child.kill();
      }, workerIdleMs);
      started.idle.unref();
    }
  });
  child.once('exit', (code) => {
    if (worker === started) worker = undefined;
    const last = started.output.trim().split('\n').pop() ?? '';
    for (const settle of started.pending.values()) settle({ exited: `exit ${code ?? 'signal'}: ${last}` });
    started.pending.clear();
  });
  // Neither the child, its pipes nor its channel keeps this process alive once no verification is pending.
  child.unref();
  (child.stdout as Socket | null)?.unref();
  (child.stderr as Socket | null)?.unref();
  worker = started;
  return started;
}

/** Runs one Pact verification in the worker child and returns its checks. */
function verifyInChild(
  request: Omit<WorkerRequest, 'id' | 'token'>,
  token: string,
  limitMs: number,
): Promise<CheckResult[]> {
  const running = pactWorker();
  clearTimeout(running.idle);
  const id = (nextId += 1);
  return new Promise((resolve) => {
    const failed = (reason: string): void => {
      resolve(verifierFailed(pactInteractions(request.pactFile), redact(reason, token)));
    };
    const timer = setTimeout(() => {
      running.child.kill('SIGKILL');
      failed(`the Pact verification took longer than ${limitMs} ms`);
    }, limitMs);
    running.pending.set(id, (reply) => {
      clearTimeout(timer);
      if ('exited' in reply) failed(`the Pact verification stopped (${reply.exited})`);
      else if (reply.checks) resolve(reply.checks);
      else failed(`the Pact verification failed: ${reply.error ?? 'no reason given'}`);
    });
    running.child.channel?.ref();
    running.child.send({ ...request, id, token } satisfies WorkerRequest);
  });
}

const peerResolver = createRequire(import.meta.url);

/** Throws a MissingPeerError unless the drift check's optional peers are installed. */
function requireDriftPeers(): void {
  requirePeerInstalled('@pact-foundation/pact', 'The drift check', (name) => peerResolver.resolve(name));
  requirePeerInstalled('@pactflow/swagger-mock-validator', 'The drift check', (name) => peerResolver.resolve(name));
}

/**
 * Runs every check against `baseUrl` and returns the report, its secrets already removed. Throws
 * a MissingPeerError when Pact or swagger-mock-validator is not installed, and a CannotRunError
 * when the API refuses the token, does not know the workspace or cannot be reached.
 */
export async function runDatabrainDriftCheck(config: DatabrainDriftOptions): Promise<DatabrainDriftReport> {
  const refused =
    shortTokenProblem(config.token, 'The token') ??
    (config.allowInsecureHttp
      ? undefined
      : insecureUrlProblem(new URL(config.baseUrl), 'The base URL', 'allowInsecureHttp'));
  if (refused) throw new DriftConfigError(refused);
  requireDriftPeers();
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
    if (state === states.serverFails)
      notVerifiable[interaction.description] = 'a live API cannot be made to fail on request';
    if (state === states.emptyWorkspace && !config.emptyWorkspace) {
      notVerifiable[interaction.description] =
        'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to verify this';
    }
  }
  const pact = await verifyInChild(
    {
      providerBaseUrl: config.baseUrl,
      stateValues: {
        [states.workspaceWithDashboards]: {
          workspaceName: config.workspace,
          pastLastPage: count === undefined ? unknownLastPage : pastLastPage(count),
        },
        ...(config.emptyWorkspace ? { [states.emptyWorkspace]: { workspaceName: config.emptyWorkspace } } : {}),
        [states.noSuchWorkspace]: { workspaceName: missingWorkspaceName() },
        [states.workspacesExist]: {},
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
  return redactValue(report, config.token) as DatabrainDriftReport;
}
