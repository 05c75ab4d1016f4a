/**
 * Scenario controls: force a documented response, add latency, or fail the network. Over HTTP they
 * come in a Prism-compatible `Prefer` header (`Prefer: code=500`, `Prefer: code=400,
 * example=workspaceIdError`) plus two extensions Prism does not know: `delay=<ms>` and
 * `fail=network`. In msw they come from the helpers in `handlers.ts`. Each is checked against the
 * operation it is for: its documented statuses, error codes and named examples.
 */
import {
  errorCodes,
  operationFacts,
  type AnyExampleName,
  type ErrorCode,
  type OperationFacts,
  type OperationId,
} from '../src/kernel/index.js';

export interface Scenario {
  /** Answer with this documented status, with `example` or the status's first spec example. */
  readonly status?: number;
  /** The name of a spec example to answer with. */
  readonly example?: AnyExampleName;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Drop the connection instead of answering. */
  readonly networkError?: boolean;
}

type MutableScenario = { -readonly [K in keyof Scenario]: Scenario[K] };

export type ScenarioCheck =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly message: string };

/** The longest delay a scenario may ask for. */
export const maxDelayMs = 60_000;

const refuse = (message: string): ScenarioCheck => ({ ok: false, message });

const operations: readonly OperationFacts[] = Object.values(operationFacts);
const allExampleNames = [...new Set(operations.flatMap((operation) => operation.exampleNames))];

/** Why an example name does not fit the operation: unknown, or another operation's. */
function unknownExample(name: string, facts: OperationFacts, source: string): ScenarioCheck {
  const owner = operations.find((operation) => operation.exampleNames.includes(name));
  return owner
    ? refuse(
        `${source}: example=${name} is an example of ${owner.facts.operationId}, not of ${facts.facts.operationId}`,
      )
    : refuse(`${source}: example=${name} names no example of the spec; use one of ${allExampleNames.join(', ')}`);
}

/** Checks the parts of a scenario for an operation, whatever they came from; the message names what is known. */
export function checkScenario(
  parts: {
    readonly status?: number | string;
    readonly example?: string;
    readonly error?: string;
    readonly delayMs?: number | string;
    readonly networkError?: boolean;
  },
  source: string,
  operation: OperationId = 'listWorkspaceDashboards',
): ScenarioCheck {
  const facts: OperationFacts = operationFacts[operation];
  const scenario: MutableScenario = {};
  if (parts.error !== undefined) {
    const documented = facts.errors[parts.error as ErrorCode];
    if (!documented) {
      return (errorCodes as readonly string[]).includes(parts.error)
        ? refuse(
            `${source}: error=${parts.error} is not documented for ${operation}; use one of ${Object.keys(facts.errors).join(', ')}`,
          )
        : refuse(`${source}: error=${parts.error} is not a documented error code; use one of ${errorCodes.join(', ')}`);
    }
    scenario.status = documented.status;
    scenario.example = documented.example as AnyExampleName;
  }
  if (parts.status !== undefined) {
    const status = Number(parts.status);
    if (!facts.facts.statuses.includes(status)) {
      return refuse(
        `${source}: code=${String(parts.status)} is not a documented status; use one of ${facts.facts.statuses.join(', ')}`,
      );
    }
    scenario.status = status;
  }
  if (parts.example !== undefined) {
    const name = parts.example;
    const named = facts.examples.filter((example) => example.name === name);
    if (named.length === 0) return unknownExample(name, facts, source);
    const example = named.find((candidate) => scenario.status === undefined || candidate.status === scenario.status);
    if (!example) {
      return refuse(`${source}: example=${name} is not an example of status ${String(scenario.status)}`);
    }
    scenario.example = example.name as AnyExampleName;
    scenario.status = example.status;
  }
  if (parts.delayMs !== undefined) {
    // Digits only: Number() would also read '1e3', '0x10', ' 5' or '10.0'.
    const delayMs = /^\d+$/.test(String(parts.delayMs)) ? Number(parts.delayMs) : Number.NaN;
    if (!Number.isInteger(delayMs) || delayMs > maxDelayMs) {
      return refuse(
        `${source}: delay=${String(parts.delayMs)} must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
      );
    }
    scenario.delayMs = delayMs;
  }
  if (parts.networkError === true) scenario.networkError = true;
  return { ok: true, scenario };
}

/** Parses a `Prefer` header for an operation. An absent header is an empty scenario. */
export function parsePrefer(header: string | null, operation: OperationId = 'listWorkspaceDashboards'): ScenarioCheck {
  if (header === null) return { ok: true, scenario: {} };
  const parts: { status?: string; example?: string; delayMs?: string; networkError?: boolean } = {};
  for (const part of header.split(/[,;]/)) {
    const [rawKey = '', ...rest] = part.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'code') parts.status = value;
    else if (key === 'example') parts.example = value;
    else if (key === 'delay') parts.delayMs = value;
    else if (key === 'fail') {
      if (value !== 'network') return refuse(`Prefer: fail=${value} is unknown; use fail=network`);
      parts.networkError = true;
    }
    // Other preferences (e.g. Prism's `dynamic`) are not ours to judge and are ignored.
  }
  return checkScenario(parts, 'Prefer', operation);
}

/** A scenario as users write it, for `databrainScenario` and the running mock's control API alike. */
export interface ScenarioOptions {
  /**
   * The operation to apply the scenario to. Default: every operation it fits (an error both
   * document, such as INTERNAL_SERVER_ERROR, applies to both; an example to its own operation).
   */
  readonly operation?: OperationId;
  /** Answer with this documented error (its status and spec example). */
  readonly error?: ErrorCode;
  /** Answer with this named spec example, e.g. `lastPartialPage` or `firstWorkspacePage`. */
  readonly example?: AnyExampleName;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Fail as a network error (the fetch rejects). */
  readonly networkError?: boolean;
  /** Answer only the next matching request, then serve as before. */
  readonly once?: boolean;
}

/** The behaviour's scenario for each operation a {@link ScenarioOptions} applies to. */
export type OperationScenarios = Partial<Record<OperationId, Scenario>>;

/**
 * The scenario of each operation the options fit, or why they fit none (the message of the first
 * operation tried, naming the known codes or examples).
 */
export function scenariosFor(
  options: ScenarioOptions,
  source: string,
): { readonly ok: true; readonly scenarios: OperationScenarios } | { readonly ok: false; readonly message: string } {
  const tried: readonly OperationId[] = options.operation
    ? [options.operation]
    : (Object.keys(operationFacts) as OperationId[]);
  const checks = tried.map((operation) => [operation, checkScenario(options, source, operation)] as const);
  const scenarios: OperationScenarios = Object.fromEntries(
    checks.flatMap(([operation, check]) => (check.ok ? [[operation, check.scenario]] : [])),
  );
  const first = checks[0]?.[1];
  if (Object.keys(scenarios).length === 0 && first && !first.ok) return { ok: false, message: first.message };
  return { ok: true, scenarios };
}
