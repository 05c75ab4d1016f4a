/**
 * Scenario controls: force a documented response, add latency, or fail the network. Over HTTP they
 * come in a Prism-compatible `Prefer` header (`Prefer: code=500`, `Prefer: code=400,
 * example=workspaceIdError`) plus two extensions Prism does not know: `delay=<ms>` and
 * `fail=network`. In msw they come from the helpers in `handlers.ts`.
 */
import {
  documentedErrors,
  documentedStatuses,
  errorCodes,
  exampleNames,
  findResponseExample,
  isExampleName,
  responseExamples,
  type ErrorCode,
  type ExampleName,
} from '../src/spec/index.js';

export interface Scenario {
  /** Answer with this documented status, with `example` or the status's first spec example. */
  readonly status?: number;
  /** The name of a spec example to answer with. */
  readonly example?: ExampleName;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Drop the connection instead of answering. */
  readonly networkError?: boolean;
}

type MutableScenario = { -readonly [K in keyof Scenario]: Scenario[K] };

export type ScenarioCheck =
  { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly message: string };

/** The longest delay a scenario may ask for. */
export const maxDelayMs = 60_000;

const refuse = (message: string): ScenarioCheck => ({ ok: false, message });

/** Checks the parts of a scenario, whatever it came from; the message names what is known. */
export function checkScenario(
  parts: {
    readonly status?: number | string;
    readonly example?: string;
    readonly error?: string;
    readonly delayMs?: number | string;
    readonly networkError?: boolean;
  },
  source: string,
): ScenarioCheck {
  const scenario: MutableScenario = {};
  if (parts.error !== undefined) {
    if (!(errorCodes as readonly string[]).includes(parts.error)) {
      return refuse(
        `${source}: error=${parts.error} is not a documented error code; use one of ${errorCodes.join(', ')}`,
      );
    }
    const documented = documentedErrors[parts.error as ErrorCode];
    scenario.status = documented.status;
    scenario.example = documented.example;
  }
  if (parts.status !== undefined) {
    const status = Number(parts.status);
    if (!documentedStatuses.includes(status)) {
      return refuse(
        `${source}: code=${String(parts.status)} is not a documented status; use one of ${documentedStatuses.join(', ')}`,
      );
    }
    scenario.status = status;
  }
  if (parts.example !== undefined) {
    if (!isExampleName(parts.example)) {
      return refuse(
        `${source}: example=${parts.example} names no example of the spec; use one of ${exampleNames.join(', ')}`,
      );
    }
    const example = findResponseExample(scenario.status ?? exampleStatus(parts.example), parts.example);
    if (!example) {
      return refuse(`${source}: example=${parts.example} is not an example of status ${String(scenario.status)}`);
    }
    scenario.example = example.name;
    scenario.status = example.status;
  }
  if (parts.delayMs !== undefined) {
    const delayMs = Number(parts.delayMs);
    if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > maxDelayMs) {
      return refuse(
        `${source}: delay=${String(parts.delayMs)} must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
      );
    }
    scenario.delayMs = delayMs;
  }
  if (parts.networkError === true) scenario.networkError = true;
  return { ok: true, scenario };
}

function exampleStatus(name: ExampleName): number {
  return responseExamples.find((example) => example.name === name)?.status ?? 200;
}

/** Parses a `Prefer` header. An absent header is an empty scenario. */
export function parsePrefer(header: string | null): ScenarioCheck {
  if (header === null || header.trim() === '') return { ok: true, scenario: {} };
  const parts: { status?: string; example?: string; delayMs?: string; networkError?: boolean } = {};
  for (const part of header.split(/[,;]/)) {
    if (part.trim() === '') continue;
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
  return checkScenario(parts, 'Prefer');
}
