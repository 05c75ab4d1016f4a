/**
 * What the running mock server holds between requests: the behaviour of its world, the scenarios
 * in force, the request journal and its fixed settings. The API routes read it; `configure()` and
 * the control API change it.
 */
import type { OperationId } from '../src/kernel/index.js';
import { createDatabrainBehaviour, type DatabrainBehaviour } from './behaviour.js';
import type { DatabrainMockWorld } from './fixtures.js';
import type { Journal } from './journal.js';
import type { Proxy } from './proxy.js';
import type { Scenario } from './scenarios.js';

/** A scenario set through the control API for one operation. */
export interface ControlledScenario {
  readonly scenario: Scenario;
  /** Applies to the next request of the operation only. */
  readonly once: boolean;
}

export interface MockServerState {
  behaviour: DatabrainBehaviour;
  /** The scenario `configure()` set for every request, if any. */
  configured: Scenario | undefined;
  /** The scenarios set through the control API, by operation; they come before `configured`. */
  controlled: Partial<Record<OperationId, ControlledScenario>>;
  readonly journal: Journal;
  /** The world the server started with, which a reset restores. */
  readonly startWorld: DatabrainMockWorld | undefined;
  readonly maxBodyBytes: number;
  readonly proxy: Proxy | undefined;
  /** Host names answered beside this machine's own. */
  readonly allowedHosts: readonly string[];
  /** Masks the proxy's real token in what the journal keeps (the identity without a proxy). */
  readonly mask: (text: string) => string;
  readonly log: ((line: string) => void) | undefined;
}

/**
 * The scenario for the next request of `operation`. A `once` scenario is used up by the first
 * request it answers, whichever operation that is: every scenario set with it goes.
 */
export function takeScenario(state: MockServerState, operation: OperationId): Scenario | undefined {
  const controlled = state.controlled[operation];
  if (controlled === undefined) return state.configured;
  if (controlled.once) state.controlled = {};
  return controlled.scenario;
}

/** True when a scenario would answer the next request of `operation` (so the proxy stays out of it). */
export function hasScenario(state: MockServerState, operation: OperationId): boolean {
  return state.controlled[operation] !== undefined || state.configured !== undefined;
}

/** Back to the start-up state: the start-up world, no scenario, an empty journal. */
export function resetState(state: MockServerState): void {
  state.behaviour = createDatabrainBehaviour(state.startWorld);
  state.configured = undefined;
  state.controlled = {};
  state.journal.clear();
}
