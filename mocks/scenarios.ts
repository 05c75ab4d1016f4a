/**
 * Scenario controls: force a documented response, add latency, or fail the network. Over HTTP they
 * come in a Prism-compatible `Prefer` header (`Prefer: code=500`, `Prefer: code=400,
 * example=workspaceIdError`) plus two extensions Prism does not know: `delay=<ms>` and
 * `fail=network`. In msw they come from the helpers in `handlers.ts`.
 */
import { documentedStatuses, errorCodes, findResponseExample, responseExamples, type ErrorCode } from '../src/spec.js';

export interface Scenario {
  /** Answer with this documented status, with `example` or the status's first spec example. */
  readonly status?: number;
  /** The name of a spec example to answer with. */
  readonly example?: string;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Drop the connection instead of answering. */
  readonly networkError?: boolean;
}

export type PreferCheck = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly message: string };

/** The longest delay a scenario may ask for. */
export const maxDelayMs = 60_000;

const exampleNames = responseExamples.map((example) => example.name);

/** Parses a `Prefer` header. An absent header is an empty scenario. */
export function parsePrefer(header: string | null): PreferCheck {
  if (header === null || header.trim() === '') return { ok: true, scenario: {} };
  const scenario: { status?: number; example?: string; delayMs?: number; networkError?: boolean } = {};
  for (const part of header.split(/[,;]/)) {
    if (part.trim() === '') continue;
    const [rawKey = '', ...rest] = part.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    if (key === 'code') {
      const status = Number(value);
      if (!documentedStatuses.includes(status)) {
        return { ok: false, message: `Prefer: code=${value} is not a documented status; use one of ${documentedStatuses.join(', ')}` };
      }
      scenario.status = status;
    } else if (key === 'example') {
      if (!exampleNames.includes(value)) {
        return { ok: false, message: `Prefer: example=${value} names no example of the spec; use one of ${exampleNames.join(', ')}` };
      }
      scenario.example = value;
    } else if (key === 'delay') {
      const delayMs = Number(value);
      if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > maxDelayMs) {
        return { ok: false, message: `Prefer: delay=${value} must be a whole number of milliseconds from 0 to ${maxDelayMs}` };
      }
      scenario.delayMs = delayMs;
    } else if (key === 'fail') {
      if (value !== 'network') return { ok: false, message: `Prefer: fail=${value} is unknown; use fail=network` };
      scenario.networkError = true;
    }
    // Other preferences (e.g. Prism's `dynamic`) are not ours to judge and are ignored.
  }
  if (scenario.example !== undefined) {
    const example = findResponseExample(scenario.status ?? exampleStatus(scenario.example), scenario.example);
    if (!example) {
      return { ok: false, message: `Prefer: example=${scenario.example} is not an example of status ${String(scenario.status)}` };
    }
    scenario.status = example.status;
  }
  return { ok: true, scenario };
}

function exampleStatus(name: string): number {
  return responseExamples.find((example) => example.name === name)?.status ?? 200;
}

/** The documented status of an error code, and the message of its spec example. */
export function documentedError(code: ErrorCode): { readonly status: number; readonly message: string; readonly example: string } {
  for (const example of responseExamples) {
    const value = example.value as { error?: { code?: string; message?: string } };
    if (value.error?.code === code) {
      return { status: example.status, message: value.error.message ?? code, example: example.name };
    }
  }
  throw new Error(`The spec has no example for ${code}; known codes: ${errorCodes.join(', ')}`);
}
