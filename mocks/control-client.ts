/**
 * `connectDatabrainMock(url)`: the running mock's control API (see control-api.ts), typed, for test
 * code in another process than the mock (a Playwright or Cypress test, a global setup). Plain
 * `fetch`; it needs neither msw nor anything else.
 */
import { trimTrailingSlash } from '../src/kernel/index.js';
import type { DatabrainMockWorld } from './fixtures.js';
import type { JournalEntry } from './journal.js';
import type { ScenarioOptions } from './scenarios.js';

export interface DatabrainMockControl {
  /** Answers the mock's next requests (or the next one, with `once`) with this scenario, until cleared. */
  use(scenario: ScenarioOptions): Promise<void>;
  /** Clears every scenario: the world answers again. */
  clear(): Promise<void>;
  /** What the mock was asked since it started or was last reset, oldest first. */
  requests(): Promise<JournalEntry[]>;
  /** Empties the request journal. */
  clearRequests(): Promise<void>;
  /** Serves another world (tokens and workspaces) from now on. */
  world(world: DatabrainMockWorld): Promise<void>;
  /** Back to the start-up world, with no scenario and an empty journal. */
  reset(): Promise<void>;
}

/** A control request the mock refused; the message is the mock's, naming what it knows. */
export class DatabrainMockControlError extends Error {
  override readonly name = 'DatabrainMockControlError';
}

/** How long one control call may take; the mock answers at once, so longer means it is not there. */
const controlTimeoutMs = 10_000;

/** The control API of the mock running at `url` (e.g. `http://127.0.0.1:4010`). */
export function connectDatabrainMock(url: string): DatabrainMockControl {
  const base = `${trimTrailingSlash(url)}/__databrain`;
  async function call(method: string, route: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${base}/${route}`, {
      method,
      signal: AbortSignal.timeout(controlTimeoutMs),
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!response.ok) {
      throw new DatabrainMockControlError(
        answer.error?.message ??
          `${method} ${base}/${route} answered ${response.status}, not as databrain-mock answers: is the mock running at ${url}?`,
      );
    }
    return answer;
  }
  return {
    use: async (scenario) => {
      await call('PUT', 'scenario', scenario);
    },
    clear: async () => {
      await call('DELETE', 'scenario');
    },
    requests: async () => ((await call('GET', 'requests')) as { requests: JournalEntry[] }).requests,
    clearRequests: async () => {
      await call('DELETE', 'requests');
    },
    world: async (world) => {
      await call('PUT', 'world', world);
    },
    reset: async () => {
      await call('POST', 'reset');
    },
  };
}
