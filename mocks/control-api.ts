/**
 * The running mock's control API, under one reserved prefix, for end-to-end tests that cannot add
 * a `Prefer` header to the requests of the app under test. Its vocabulary is `databrainScenario`'s:
 *
 *   PUT    /__databrain/scenario   set a scenario (error, example, delayMs, networkError, once, operation)
 *   DELETE /__databrain/scenario   clear every scenario
 *   GET    /__databrain/requests   the request journal, oldest first
 *   DELETE /__databrain/requests   clear the journal
 *   PUT    /__databrain/world      serve another world (tokens and workspaces, as a fixtures file holds)
 *   POST   /__databrain/reset      the start-up world, no scenario, an empty journal
 *
 * Every input is checked against what the spec knows; each change is one log line.
 */
import { operationFacts, type OperationId } from '../src/kernel/index.js';
import { createDatabrainBehaviour } from './behaviour.js';
import { parseDatabrainWorld } from './fixtures.js';
import { scenariosFor, type Scenario, type ScenarioOptions } from './scenarios.js';
import { resetState, type MockServerState } from './server-state.js';

/** The prefix of every control route. */
export const controlPrefix = '/__databrain/';

export const controlErrorCode = 'INVALID_CONTROL_REQUEST';

/** What a control route answers. */
export interface ControlAnswer {
  readonly status: number;
  readonly body: object;
}

const scenarioKeys: readonly (keyof ScenarioOptions)[] = [
  'operation',
  'error',
  'example',
  'delayMs',
  'networkError',
  'once',
];

const keyTypes: Readonly<Record<keyof ScenarioOptions, 'string' | 'number' | 'boolean'>> = {
  operation: 'string',
  error: 'string',
  example: 'string',
  delayMs: 'number',
  networkError: 'boolean',
  once: 'boolean',
};

const refuse = (message: string): ControlAnswer => ({
  status: 400,
  body: { error: { code: controlErrorCode, message } },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON of a control request's body, or why it is not an object. */
function parseBody(body: Buffer | undefined): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(body?.toString('utf8') || '{}');
    return isRecord(value) ? value : 'the body must be a JSON object';
  } catch {
    return 'the body is not valid JSON';
  }
}

/** The scenario options of a body, or why they are not. */
function scenarioOptions(value: Record<string, unknown>): ScenarioOptions | string {
  const unknown = Object.keys(value).filter((key) => !(scenarioKeys as readonly string[]).includes(key));
  if (unknown.length > 0) return `"${unknown.join('", "')}" is not a scenario field; use ${scenarioKeys.join(', ')}`;
  for (const key of scenarioKeys) {
    if (value[key] !== undefined && typeof value[key] !== keyTypes[key]) return `"${key}" must be a ${keyTypes[key]}`;
  }
  const operations = Object.keys(operationFacts);
  if (typeof value['operation'] === 'string' && !operations.includes(value['operation'])) {
    return `operation=${value['operation']} is not an operation of the spec; use ${operations.join(', ')}`;
  }
  return value;
}

function describeScenario(scenario: Scenario): string {
  const parts = [
    scenario.status === undefined ? '' : `status ${scenario.status}`,
    scenario.example === undefined ? '' : `example ${scenario.example}`,
    scenario.delayMs === undefined ? '' : `delay ${scenario.delayMs} ms`,
    scenario.networkError ? 'network failure' : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'as usual';
}

function setScenario(state: MockServerState, body: Buffer | undefined): ControlAnswer {
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return refuse(`scenario: ${parsed}`);
  const options = scenarioOptions(parsed);
  if (typeof options === 'string') return refuse(`scenario: ${options}`);
  const checked = scenariosFor(options, 'scenario');
  if (!checked.ok) return refuse(checked.message);
  const once = options.once ?? false;
  const entries = Object.entries(checked.scenarios) as [OperationId, Scenario][];
  state.controlled = Object.fromEntries(entries.map(([operation, scenario]) => [operation, { scenario, once }]));
  const described = entries.map(([operation, scenario]) => `${operation}: ${describeScenario(scenario)}`);
  state.log?.(`control: scenario set${once ? ' for the next request' : ''} (${described.join('; ')})`);
  return { status: 200, body: { scenarios: Object.fromEntries(entries.map(([op, s]) => [op, { ...s, once }])) } };
}

function setWorld(state: MockServerState, body: Buffer | undefined): ControlAnswer {
  const parsed = parseBody(body);
  if (typeof parsed === 'string') return refuse(`world: ${parsed}`);
  try {
    const world = parseDatabrainWorld(parsed, 'world');
    state.behaviour = createDatabrainBehaviour(world);
    const count = Object.keys(world.workspaces).length;
    state.log?.(
      `control: world loaded (${count} workspace${count === 1 ? '' : 's'}, ${world.tokens.length} token${world.tokens.length === 1 ? '' : 's'})`,
    );
    return { status: 200, body: { workspaces: Object.keys(world.workspaces) } };
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

type Route = (state: MockServerState, body: Buffer | undefined) => ControlAnswer;

const routes: Readonly<Record<string, Route>> = {
  'PUT scenario': setScenario,
  'DELETE scenario': (state) => {
    state.controlled = {};
    state.log?.('control: scenarios cleared');
    return { status: 200, body: { scenarios: {} } };
  },
  'GET requests': (state) => ({ status: 200, body: { requests: state.journal.entries() } }),
  'DELETE requests': (state) => {
    state.journal.clear();
    state.log?.('control: request journal cleared');
    return { status: 200, body: { requests: [] } };
  },
  'PUT world': setWorld,
  'POST reset': (state) => {
    resetState(state);
    state.log?.('control: reset to the start-up world, no scenario, an empty journal');
    return { status: 200, body: { reset: true } };
  },
};

/** The answer to a control request whose body passed the cap: nothing is changed. */
export function controlBodyTooLarge(maxBytes: number): ControlAnswer {
  return refuse(`the body is larger than the limit of ${maxBytes} bytes; nothing was changed`);
}

/** Answers one control request (its path under {@link controlPrefix}). */
export function handleControl(
  state: MockServerState,
  method: string,
  path: string,
  body: Buffer | undefined,
): ControlAnswer {
  const route = routes[`${method} ${path.slice(controlPrefix.length)}`];
  if (route) return route(state, body);
  const known = Object.keys(routes).map((key) => key.replace(' ', ` ${controlPrefix}`));
  return {
    status: 404,
    body: { error: { code: controlErrorCode, message: `No control route ${method} ${path}; use ${known.join(', ')}` } },
  };
}
