/**
 * The one behaviour of every stateful mock (msw in Node and in the browser, and the HTTP mock
 * server): auth first, then the body, then the workspace, then pagination. Pure: it takes the
 * parts of a request and returns what to answer; the transports only translate.
 */
import type { operations } from '../src/generated/openapi.js';
import { documentedErrors, findResponseExample, pageSize, responseExamples, type Dashboard, type ErrorCode } from '../src/spec/index.js';
import { boundedCache } from './cache.js';
import { defaultDatabrainWorld, type DatabrainMockWorld } from './fixtures.js';
import { parsePrefer, type Scenario } from './scenarios.js';
import { checkRequestBody } from './validation.js';

type Responses = operations['listWorkspaceDashboards']['responses'];
type Status = keyof Responses;

/** A documented answer: a status of the spec with a body typed by the generated types. */
export type MockReply = {
  [S in Status]: { readonly status: S; readonly body: Responses[S]['content']['application/json'] };
}[Status];

/** A documented error answer. */
export type MockErrorReply = Exclude<MockReply, { readonly status: 200 }>;

/** What a transport must do: answer (after a delay), or drop the connection. */
export type Outcome =
  | { readonly kind: 'reply'; readonly reply: MockReply; readonly delayMs: number }
  | { readonly kind: 'network-error'; readonly delayMs: number };

/** The parts of an HTTP request the behaviour reads. */
export interface MockRequest {
  readonly authorization: string | null;
  readonly contentType: string | null;
  /** A Prism-compatible `Prefer` header (see scenarios.ts). */
  readonly prefer?: string | null;
  /** The raw body: bytes as received, or text. */
  readonly body: Uint8Array | string;
}

export interface DatabrainBehaviour {
  readonly world: DatabrainMockWorld;
  /**
   * Decides the answer to one request. `scenario` (e.g. from an msw override) beats `Prefer`. A
   * forced response is given only to a request whose token is accepted, as Prism does.
   */
  handle(request: MockRequest, scenario?: Scenario): Outcome;
}

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** A documented error body for a code, with the spec example's message unless given one. */
export function errorReply(code: ErrorCode, message?: string): MockErrorReply {
  const documented = documentedErrors[code];
  return {
    status: documented.status,
    body: { error: { code, message: message ?? documented.message, status: documented.status } },
  } as MockErrorReply;
}

/**
 * The reply a scenario forces: a named example (of `status`, when given), or the first example of
 * a status other than 200. `code=200` alone leaves the answer to the behaviour.
 */
function forcedReply(scenario: Scenario): MockReply | undefined {
  const { status, example: name } = scenario;
  if (name === undefined && (status === undefined || status === 200)) return undefined;
  const example =
    name === undefined
      ? findResponseExample(status ?? 200)
      : responseExamples.find((candidate) => candidate.name === name && (status === undefined || candidate.status === status));
  if (!example) return undefined;
  return { status: example.status, body: structuredClone(example.value) } as MockReply;
}

export interface BehaviourOptions {
  /**
   * How many answers to keep, by workspace and page, so a repeated request costs a lookup. The
   * world does not change under a behaviour, so a kept answer stays right. 0 turns it off.
   */
  readonly cacheSize?: number;
}

const defaultCacheSize = 1024;

/**
 * The world's dashboards, copied and frozen one by one, so that answers can share them safely. The
 * lists themselves stay private and unfrozen: freezing a large array slows every read of it.
 */
function frozenWorkspaces(world: DatabrainMockWorld): Map<string, readonly Dashboard[]> {
  return new Map(
    Object.entries(world.workspaces).map(([name, dashboards]) => [
      name,
      dashboards.map((dashboard) => Object.freeze({ ...dashboard })),
    ]),
  );
}

export function createDatabrainBehaviour(world: DatabrainMockWorld = defaultDatabrainWorld, options: BehaviourOptions = {}): DatabrainBehaviour {
  const tokens = new Set(world.tokens);
  const workspaces = frozenWorkspaces(world);
  const answers = boundedCache<string, MockReply>(options.cacheSize ?? defaultCacheSize);

  function list(workspaceName: string, isPagination: boolean, pageNumber: number): MockReply {
    const key = `${workspaceName}\u0000${isPagination ? pageNumber : 0}`;
    const kept = answers.get(key);
    if (kept) return kept;
    const dashboards = workspaces.get(workspaceName);
    const reply: MockReply =
      dashboards === undefined
        ? errorReply('WORKSPACE_ID_ERROR')
        : {
            status: 200,
            body: Object.freeze({
              data: Object.freeze(
                isPagination ? dashboards.slice((pageNumber - 1) * pageSize, pageNumber * pageSize) : dashboards.slice(),
              ) as Dashboard[],
              error: null,
            }) as MockReply['body'] & { error: null },
          };
    answers.set(key, Object.freeze(reply));
    return reply;
  }

  function decide(request: MockRequest, scenario: Scenario): MockReply {
    const token = bearer.exec(request.authorization ?? '')?.[1];
    if (token === undefined || !tokens.has(token)) return errorReply('INVALID_DATA_APP_API_KEY');

    // As in Prism, a forced response still needs an accepted token.
    const forced = forcedReply(scenario);
    if (forced) return forced;

    const checked = checkRequestBody(request.contentType, request.body);
    if (!checked.ok) return errorReply('INVALID_REQUEST_BODY', checked.message);

    const { workspaceName, isPagination, pageNumber } = checked.request;
    return list(workspaceName, isPagination, pageNumber);
  }

  return {
    world,
    handle(request, override) {
      const preferred = parsePrefer(request.prefer ?? null);
      if (!preferred.ok) {
        return { kind: 'reply', reply: errorReply('INVALID_REQUEST_BODY', preferred.message), delayMs: 0 };
      }
      const scenario = override ? { ...preferred.scenario, ...override } : preferred.scenario;
      const delayMs = scenario.delayMs ?? 0;
      if (scenario.networkError) return { kind: 'network-error', delayMs };
      return { kind: 'reply', reply: decide(request, scenario), delayMs };
    },
  };
}

const serialized = new WeakMap<object, string>();

/** The JSON text of an answer's body; kept for frozen (shared) bodies, so each is written once. */
export function replyText(body: object): string {
  const kept = serialized.get(body);
  if (kept !== undefined) return kept;
  const text = JSON.stringify(body);
  if (Object.isFrozen(body)) serialized.set(body, text);
  return text;
}
