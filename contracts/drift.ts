/**
 * The drift check: the committed pact verified against a base URL (the token put in at request
 * time), spec conformance probes, pagination invariants, and the pact checked against the spec.
 * `databrain-drift` (drift-cli.ts) runs it; `databrain-contract-kit/drift` exports it.
 */
import { createRequire } from 'node:module';
import {
  cloudBaseUrl,
  insecureUrlProblem,
  missingWorkspaceName,
  pastLastPage,
  redactValue,
  shortTokenProblem,
  trimTrailingSlash,
} from '../src/kernel/index.js';
import { requirePeerInstalled } from '../src/kernel/peers.js';
import { summarize, type DatabrainDriftReport } from '../src/kernel/findings.js';
import { defaultTimeoutMs, timeoutProblem } from '../src/kernel/timeouts.js';
import { pactInteractions } from './pact-verify.js';
import type { WorkerRequest } from './verification-request.js';
import { PactVerifier } from './pact-verifier.js';
import { runProbes, unknownLastPage, type ProbeOutcome } from './probes.js';
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
  const timeoutMs = flags.timeout === undefined ? defaultTimeoutMs : Number(flags.timeout);
  const badTimeout = timeoutProblem(timeoutMs, flags.timeout);
  if (badTimeout) throw new DriftConfigError(badTimeout);
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

const peerResolver = createRequire(import.meta.url);

/** Throws a MissingPeerError unless the drift check's optional peers are installed (where `resolve` finds them). */
export function requireDriftPeers(resolve: (name: string) => string = (name) => peerResolver.resolve(name)): void {
  requirePeerInstalled('@pact-foundation/pact', 'The drift check', resolve);
  requirePeerInstalled('@pactflow/swagger-mock-validator', 'The drift check', resolve);
}

/** The interactions a live API cannot be put in the state of, each with the reason. */
function notVerifiableHere(config: DatabrainDriftOptions): Record<string, string> {
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
  return notVerifiable;
}

/** The pact verification of a run: each provider state's values, from the configuration and the probes. */
export function verificationOf(
  config: DatabrainDriftOptions,
  probes: ProbeOutcome,
): Omit<WorkerRequest, 'id' | 'token'> {
  const count = probes.dashboards?.length;
  return {
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
    notVerifiable: notVerifiableHere(config),
    timeoutMs: config.timeoutMs,
    ...(config.pactFile ? { pactFile: config.pactFile } : {}),
  };
}

/** How long the whole Pact verification may take: twelve requests' timeouts, and at least a minute. */
export const verificationLimitMs = (timeoutMs: number): number => Math.max(60_000, timeoutMs * 12);

/**
 * Throws unless a check can start: a DriftConfigError for a token too short to be one or for plain
 * HTTP beyond this machine, a MissingPeerError for a missing peer. Before anything is sent or started.
 */
function checkCanStart(config: DatabrainDriftOptions): void {
  const refused =
    shortTokenProblem(config.token, 'The token') ??
    (config.allowInsecureHttp
      ? undefined
      : insecureUrlProblem(new URL(config.baseUrl), 'The base URL', 'allowInsecureHttp'));
  if (refused) throw new DriftConfigError(refused);
  requireDriftPeers();
}

/**
 * The probes, then the pact verified in `verifier`, then the pact checked against the spec: the
 * report, its secrets removed.
 */
async function driftReport(verifier: PactVerifier, config: DatabrainDriftOptions): Promise<DatabrainDriftReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const probes = await runProbes({
    baseUrl: config.baseUrl,
    token: config.token,
    workspace: config.workspace,
    emptyWorkspace: config.emptyWorkspace,
    timeoutMs: config.timeoutMs,
  });
  const pact = await verifier.verify(
    verificationOf(config, probes),
    config.token,
    verificationLimitMs(config.timeoutMs),
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

/**
 * Runs every check against `baseUrl` and returns the report, its secrets already removed. Throws
 * a DriftConfigError for a token too short to be one or for plain HTTP beyond this machine (unless
 * allowInsecureHttp), a MissingPeerError when Pact or swagger-mock-validator is not installed, and
 * a CannotRunError when the API refuses the token or does not know the workspace (its subclass
 * ProviderUnreachableError when the API cannot be reached). The Pact verification runs in a child
 * process of its own, closed whatever happens.
 */
export async function runDatabrainDriftCheck(config: DatabrainDriftOptions): Promise<DatabrainDriftReport> {
  checkCanStart(config);
  // Started before the probes, so that the child has loaded by the time they are done.
  const verifier = new PactVerifier();
  try {
    return await driftReport(verifier, config);
  } finally {
    await verifier.close();
  }
}

/**
 * The drift check with its Pact verification in `verifier`, a child the caller started and closes,
 * so that many checks in one process share one (the drift tests do). The child verifies one
 * request after another: a check's time limit counts its wait behind the others, and a check that
 * runs out of time kills the child, failing every check still waiting on it. Not part of the
 * package's API: runDatabrainDriftCheck is.
 */
export async function runDriftCheckIn(
  verifier: PactVerifier,
  config: DatabrainDriftOptions,
): Promise<DatabrainDriftReport> {
  checkCanStart(config);
  return driftReport(verifier, config);
}
