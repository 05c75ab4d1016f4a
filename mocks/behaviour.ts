/**
 * The one behaviour of every stateful mock (msw in Node and in the browser, and the HTTP mock
 * server): auth first, then the body, then the workspace, then pagination. Pure: it takes the
 * parts of a request and returns what to answer; the transports only translate.
 */
import type { operations } from '../src/generated/openapi.js';
import { findResponseExample, pageSize, responseExamples, type ErrorCode } from '../src/spec.js';
import { defaultWorld, type MockWorld } from './fixtures.js';
import { documentedError, parsePrefer, type Scenario } from './scenarios.js';
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

export interface Behaviour {
  readonly world: MockWorld;
  /**
   * Decides the answer to one request. `scenario` (e.g. from an msw override) beats `Prefer`. A
   * forced response is given only to a request whose token is accepted, as Prism does.
   */
  handle(request: MockRequest, scenario?: Scenario): Outcome;
}

const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** A documented error body for a code, with the spec example's message unless given one. */
export function errorReply(code: ErrorCode, message?: string): MockErrorReply {
  const documented = documentedError(code);
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

export function createBehaviour(world: MockWorld = defaultWorld): Behaviour {
  const tokens = new Set(world.tokens);
  const workspaces = new Map(Object.entries(world.workspaces));

  function decide(request: MockRequest, scenario: Scenario): MockReply {
    const token = bearer.exec(request.authorization ?? '')?.[1];
    if (token === undefined || !tokens.has(token)) return errorReply('INVALID_DATA_APP_API_KEY');

    // As in Prism, a forced response still needs an accepted token.
    const forced = forcedReply(scenario);
    if (forced) return forced;

    const checked = checkRequestBody(request.contentType, request.body);
    if (!checked.ok) return errorReply('INVALID_REQUEST_BODY', checked.message);

    const { workspaceName, isPagination, pageNumber } = checked.request;
    const dashboards = workspaces.get(workspaceName);
    if (dashboards === undefined) return errorReply('WORKSPACE_ID_ERROR');

    const data = isPagination
      ? dashboards.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
      : dashboards.slice();
    return { status: 200, body: { data, error: null } };
  }

  return {
    world,
    handle(request, override) {
      const preferred = parsePrefer(request.prefer ?? null);
      if (!preferred.ok) {
        return { kind: 'reply', reply: errorReply('INVALID_REQUEST_BODY', preferred.message), delayMs: 0 };
      }
      const scenario = { ...preferred.scenario, ...override };
      const delayMs = scenario.delayMs ?? 0;
      if (scenario.networkError) return { kind: 'network-error', delayMs };
      return { kind: 'reply', reply: decide(request, scenario), delayMs };
    },
  };
}
