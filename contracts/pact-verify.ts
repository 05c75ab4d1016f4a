/**
 * Verifies the committed pact against a provider with the real Pact core, and turns its JSON
 * results into checks. Interactions the provider cannot be put in the state of are left out of the
 * run and reported as not verifiable, never passed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifierOptions } from '@pact-foundation/pact';
import { packageFile } from '../src/kernel/files.js';
import { firstLine } from '../src/kernel/helpers.js';
import { importPeer } from '../src/kernel/peers.js';
import { checkOf, collapse, type CheckResult, type Finding } from '../src/kernel/findings.js';
import { defaultTimeoutMs } from '../src/kernel/timeouts.js';
import { pactFileName } from './states.js';

export const committedPactFile = packageFile(`contracts/pacts/${pactFileName}`);

type StateFunc = (params?: unknown) => Promise<Record<string, unknown> | undefined>;
/** Provider-state handlers: a function, or setup/teardown functions, per state name. */
export type StateHandlers = Readonly<
  Record<string, StateFunc | { readonly setup?: StateFunc; readonly teardown?: StateFunc }>
>;
/** Changes each request before it is sent to the provider (e.g. to put the real token in). */
export type ProviderRequestFilter = (
  request: { headers: Record<string, unknown> },
  response: unknown,
  next: () => void,
) => void;

export interface PactVerification {
  readonly providerBaseUrl: string;
  readonly stateHandlers: StateHandlers;
  readonly requestFilter?: ProviderRequestFilter;
  /** Interactions to leave out, by description, with the reason shown in the report. */
  readonly notVerifiable?: Readonly<Record<string, string>>;
  readonly pactFile?: string;
  /** Per request, ms. */
  readonly timeoutMs?: number;
}

interface PactInteraction {
  readonly description: string;
  readonly providerStates?: readonly { readonly name: string }[];
}

interface PactMismatch {
  readonly type?: string;
  readonly path?: string;
  readonly key?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly mismatch?: string;
}

interface PactResults {
  readonly interactionResults?: readonly {
    readonly description: string;
    readonly result: string;
    readonly duration?: string;
  }[];
  readonly errors?: readonly {
    readonly interaction: string;
    readonly mismatch?: {
      readonly mismatches?: readonly PactMismatch[];
      readonly message?: string;
      readonly type?: string;
    };
  }[];
}

/** The descriptions and states of the interactions of a pact file. */
export function pactInteractions(pactFile = committedPactFile): PactInteraction[] {
  return (JSON.parse(readFileSync(pactFile, 'utf8')) as { interactions: PactInteraction[] }).interactions;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toFinding(mismatch: PactMismatch): Finding {
  const where =
    mismatch.type === 'StatusMismatch'
      ? 'status'
      : mismatch.type === 'HeaderMismatch'
        ? `header ${mismatch.key ?? ''}`
        : (mismatch.path ?? mismatch.type ?? 'response');
  return {
    severity: 'drift',
    where,
    expected: text(mismatch.expected),
    actual: text(mismatch.actual),
    message: mismatch.mismatch ?? `${where} differs from the pact`,
  };
}

function durationMs(duration: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(duration ?? '');
  if (!match) return 0;
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** Parses the verifier's JSON results into one check per interaction. */
export function checksFromResults(results: PactResults, verified: readonly string[]): CheckResult[] {
  return verified.map((description) => {
    const errors = (results.errors ?? []).filter(
      (error) => error.interaction.endsWith(` - ${description}`) || error.interaction === description,
    );
    const findings = collapse(
      errors.flatMap((error) =>
        error.mismatch?.mismatches?.length
          ? error.mismatch.mismatches.map(toFinding)
          : [
              {
                severity: 'drift' as const,
                where: 'request',
                expected: 'an answer',
                actual: 'an error',
                message: error.mismatch?.message ?? 'the interaction failed',
              },
            ],
      ),
    );
    const outcome = results.interactionResults?.find((result) => result.description === description);
    if (findings.length === 0 && outcome && outcome.result !== 'OK') {
      findings.push({
        severity: 'drift',
        where: 'interaction',
        expected: 'OK',
        actual: outcome.result,
        message: `the verifier reported ${outcome.result}`,
      });
    }
    if (!outcome && findings.length === 0) {
      findings.push({
        severity: 'drift',
        where: 'interaction',
        expected: 'verified',
        actual: 'not run',
        message: 'the verifier did not run this interaction',
      });
    }
    return checkOf('pact', description, findings, durationMs(outcome?.duration));
  });
}

function parseResults(raw: unknown): PactResults | undefined {
  const source = raw instanceof Error ? raw.message : raw;
  if (typeof source !== 'string') return undefined;
  try {
    return JSON.parse(source) as PactResults;
  } catch {
    return undefined;
  }
}

/** One drift check per interaction, when the verifier gave no results at all. */
export function verifierFailed(interactions: readonly PactInteraction[], reason: string): CheckResult[] {
  return interactions.map((interaction) =>
    checkOf('pact', interaction.description, [
      { severity: 'drift', where: 'verifier', expected: 'results', actual: 'none', message: reason },
    ]),
  );
}

/** The interactions left out of the run, each a check that says why it is not verifiable. */
function notVerifiableChecks(
  interactions: readonly PactInteraction[],
  skipped: Readonly<Record<string, string>>,
): CheckResult[] {
  return interactions
    .filter((interaction) => skipped[interaction.description] !== undefined)
    .map((interaction) =>
      checkOf('pact', interaction.description, [
        {
          severity: 'not-verifiable',
          where: 'provider state',
          expected: interaction.providerStates?.[0]?.name ?? 'none',
          actual: 'cannot be set up',
          message: skipped[interaction.description] ?? '',
        },
      ]),
    );
}

/** The verifier's JSON results, or why it gave none: the first line of its failure. */
export async function verifierResults(verifier: {
  verifyProvider: () => Promise<unknown>;
}): Promise<{ readonly results: PactResults } | { readonly reason: string }> {
  let results: PactResults | undefined;
  let failure: unknown;
  try {
    results = parseResults(await verifier.verifyProvider());
  } catch (error) {
    results = parseResults(error);
    failure = error;
  }
  if (results) return { results };
  return { reason: failure instanceof Error || typeof failure === 'string' ? firstLine(failure) : 'no results' };
}

/** Runs the Pact core verifier in this process. Its own report goes to this process's stdout. */
export async function verifyPact(options: PactVerification): Promise<CheckResult[]> {
  const source = options.pactFile ?? committedPactFile;
  const pact = JSON.parse(readFileSync(source, 'utf8')) as { interactions: PactInteraction[] };
  const skipped = options.notVerifiable ?? {};
  const included = pact.interactions.filter((interaction) => skipped[interaction.description] === undefined);
  const notVerifiable = notVerifiableChecks(pact.interactions, skipped);
  if (included.length === 0) return notVerifiable;

  const { Verifier } = await importPeer(
    '@pact-foundation/pact',
    'The Pact verification',
    () => import('@pact-foundation/pact'),
  );
  const scratch = mkdtempSync(join(tmpdir(), 'dck-verify-'));
  const pactFile = join(scratch, 'pact.json');
  writeFileSync(pactFile, JSON.stringify({ ...pact, interactions: included }));
  try {
    const outcome = await verifierResults(
      new Verifier({
        providerBaseUrl: options.providerBaseUrl,
        pactUrls: [pactFile],
        // Pact's declared type intersects HTTP and message state handlers, which no object satisfies.
        stateHandlers: options.stateHandlers as NonNullable<VerifierOptions['stateHandlers']>,
        ...(options.requestFilter ? { requestFilter: options.requestFilter } : {}),
        logLevel: 'error',
        timeout: options.timeoutMs ?? defaultTimeoutMs,
      }),
    );
    const checks =
      'results' in outcome
        ? checksFromResults(
            outcome.results,
            included.map((interaction) => interaction.description),
          )
        : verifierFailed(included, `the Pact verifier could not run: ${outcome.reason}`);
    return [...checks, ...notVerifiable];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
