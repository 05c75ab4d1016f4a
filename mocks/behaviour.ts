/**
 * The one behaviour of every stateful mock (msw in Node and in the browser, and the HTTP mock
 * server), for both operations. List dashboards: auth first, then the body, then the workspace,
 * then pagination. List Workspaces: auth first, then the query, then pagination. Pure: it takes
 * the parts of a request and returns what to answer; the transports only translate.
 */
import type { operations } from '../src/generated/openapi.js';
import {
  documentedErrors,
  operationFacts,
  pageSize,
  workspacesPageSize,
  workspacesQueryValue,
  type Dashboard,
  type ErrorCode,
  type OperationId,
  type ListDashboardsResponse,
  type Workspace,
} from '../src/kernel/index.js';
import { boundedCache, type BoundedCache } from './cache.js';
import { defaultDatabrainWorld, type DatabrainMockWorld } from './fixtures.js';
import { parsePrefer, type Scenario } from './scenarios.js';
import { checkRequestBody } from './validation.js';

/** A documented answer of one operation: a status of the spec with a body typed by the generated types. */
export type RepliesOf<Id extends OperationId> = Id extends OperationId
  ? {
      [S in keyof operations[Id]['responses']]: {
        readonly status: S;
        readonly body: operations[Id]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
      };
    }[keyof operations[Id]['responses']]
  : never;

/** A documented answer of either operation. */
export type MockReply = RepliesOf<'listWorkspaceDashboards'> | RepliesOf<'listWorkspaces'>;

/** A documented error answer. */
export type MockErrorReply = Exclude<MockReply, { readonly status: 200 }>;

/** What a transport must do for a request of operation `Id`: answer (after a delay), or drop the connection. */
export type Outcome<Id extends OperationId = OperationId> =
  | {
      readonly kind: 'reply';
      readonly reply: RepliesOf<Id>;
      /** The body's JSON text, as the transport writes it (written once for a cached answer). */
      readonly text: string;
      readonly delayMs: number;
    }
  | { readonly kind: 'network-error'; readonly delayMs: number };

/** The parts of an HTTP request the behaviour reads. */
export interface MockRequest<Id extends OperationId = OperationId> {
  /** Which operation the request is for. Default: List dashboards. */
  readonly operation?: Id;
  /** The query string (with or without its `?`), read by List Workspaces. */
  readonly query?: string;
  readonly authorization: string | null;
  readonly contentType: string | null;
  /** A Prism-compatible `Prefer` header (see scenarios.ts). */
  readonly prefer?: string | null;
  /** The raw body: bytes as received, or text (List Workspaces reads none). */
  readonly body: Uint8Array | string;
}

export interface DatabrainBehaviour {
  readonly world: DatabrainMockWorld;
  /**
   * Decides the answer to one request. `scenario` (e.g. from an msw override) beats `Prefer`. A
   * forced response is given only to a request whose token is accepted, as Prism does.
   */
  handle<Id extends OperationId>(request: MockRequest<Id>, scenario?: Scenario): Outcome<Id>;
  /** True when an `Authorization` header carries a token of the world. */
  accepts(authorization: string | null): boolean;
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
function forcedReply(scenario: Scenario, operation: OperationId): MockReply | undefined {
  const { status, example: name } = scenario;
  if (name === undefined && (status === undefined || status === 200)) return undefined;
  const examples: readonly { readonly name: string; readonly status: number; readonly value: unknown }[] =
    operationFacts[operation].examples;
  const example = examples.find(
    (candidate) =>
      (name === undefined || candidate.name === name) && (status === undefined || candidate.status === status),
  );
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
 * The JSON text of shared (frozen) bodies, written once: a memo by identity for
 * {@link replyText}, so a body the behaviour hands out again and again is serialised once.
 */
const serialized = new WeakMap<object, string>();

/** Freezes a body that answers share, and keeps its JSON text for {@link replyText}. */
function freezeWithText<B extends object>(body: B, text: string): B {
  Object.freeze(body);
  serialized.set(body, text);
  return body;
}

/** One workspace as the behaviour serves it: its dashboards copied and frozen one by one. */
interface ServedWorkspace {
  readonly dashboards: readonly Dashboard[];
  /** Each dashboard's JSON text, written on the first answer from the workspace. */
  texts?: readonly string[];
}

/**
 * The world's dashboards, copied and frozen one by one, so that answers can share them safely. The
 * lists themselves stay private and unfrozen: freezing a large array slows every read of it.
 */
function servedWorkspaces(world: DatabrainMockWorld): Map<string, ServedWorkspace> {
  return new Map(
    Object.entries(world.workspaces).map(([name, dashboards]) => [
      name,
      { dashboards: dashboards.map((dashboard) => Object.freeze({ ...dashboard })) },
    ]),
  );
}

/**
 * The text of the success envelope before and after a list (`{"data":` and `,"error":null}`), written from an empty body of the generated type, so it follows the spec.
 */
const [listHead, listTail] = JSON.stringify({ data: [], error: null } satisfies ListDashboardsResponse).split('[]') as [
  string,
  string,
];
const successEnvelope = (items: string): string => `${listHead}[${items}]${listTail}`;

/** The answer for every page past the last one, of any workspace. */
const emptyPage: MockReply = Object.freeze({
  status: 200,
  body: freezeWithText({ data: Object.freeze([]) as unknown as Dashboard[], error: null }, successEnvelope('')),
});

/** A documented error answer with the spec example's message, shared. */
function sharedError(code: ErrorCode): MockErrorReply {
  const reply = errorReply(code);
  freezeWithText(reply.body.error, JSON.stringify(reply.body.error));
  freezeWithText(reply.body, JSON.stringify(reply.body));
  return Object.freeze(reply);
}

const refusedToken = sharedError('INVALID_DATA_APP_API_KEY');
/** What an absent `Prefer` header asks for: nothing (read only, so shared). */
const noPreference = parsePrefer(null);

const unknownWorkspace = sharedError('WORKSPACE_ID_ERROR');

/** An answer and its body's JSON text. */
interface Answer {
  readonly reply: MockReply;
  readonly text: string;
}

/** An answer whose text is written from its body (once, for a shared body). */
const answerOf = (reply: MockReply): Answer => ({ reply, text: replyText(reply.body) });

/** The answer of a list, or of the page from `start` to `end` (both within the list). */
function listAnswer(workspace: ServedWorkspace, start: number, end: number): Answer {
  const reply: MockReply = Object.freeze({
    status: 200,
    body: Object.freeze({ data: Object.freeze(workspace.dashboards.slice(start, end)) as Dashboard[], error: null }),
  });
  // Plain objects of strings: JSON.stringify always writes them.
  workspace.texts ??= workspace.dashboards.map((dashboard) => JSON.stringify(dashboard));
  return { reply, text: successEnvelope(workspace.texts.slice(start, end).join(',')) };
}

/** What one behaviour holds: the world's tokens, its workspaces as served, and the answers cached. */
interface BehaviourState {
  readonly tokens: ReadonlySet<string>;
  readonly workspaces: ReadonlyMap<string, ServedWorkspace>;
  readonly listed: readonly Workspace[];
  readonly answers: BoundedCache<string, Answer>;
}

/** List Workspaces: every workspace, or a page of them. */
function listWorkspaces(state: BehaviourState, search: string): Answer {
  const query = new URLSearchParams(search);
  const paginated = workspacesQueryValue(query, 'isPagination') === 'true';
  const start = paginated ? (Number(workspacesQueryValue(query, 'pageNumber')) - 1) * workspacesPageSize : 0;
  const data = paginated ? Object.freeze(state.listed.slice(start, start + workspacesPageSize)) : state.listed;
  return answerOf(Object.freeze({ status: 200, body: Object.freeze({ data: data as Workspace[], error: null }) }));
}

/** List dashboards: every dashboard of a workspace, or a page of them, cached by workspace and page. */
function listDashboards(
  state: BehaviourState,
  workspaceName: string,
  isPagination: boolean,
  pageNumber: number,
): Answer {
  const workspace = state.workspaces.get(workspaceName);
  if (workspace === undefined) return answerOf(unknownWorkspace);
  const count = workspace.dashboards.length;
  const start = isPagination ? (pageNumber - 1) * pageSize : 0;
  if (start >= count) return answerOf(emptyPage);
  const key = `${workspaceName}\u0000${isPagination ? pageNumber : 0}`;
  const cached = state.answers.get(key);
  if (cached) return cached;
  const answer = listAnswer(workspace, start, isPagination ? Math.min(start + pageSize, count) : count);
  state.answers.set(key, answer);
  return answer;
}

function acceptsToken(state: BehaviourState, authorization: string | null): boolean {
  const token = bearer.exec(authorization ?? '')?.[1];
  return token !== undefined && state.tokens.has(token);
}

/** The answer to a request whose token was accepted and whose scenario asks for no network failure. */
function decide(state: BehaviourState, request: MockRequest, scenario: Scenario, operation: OperationId): Answer {
  // The token was accepted (see outcomeOf): a forced response is given only then, as in Prism.
  const forced = forcedReply(scenario, operation);
  if (forced) return answerOf(forced);

  if (operation === 'listWorkspaces') return listWorkspaces(state, request.query ?? '');

  const checked = checkRequestBody(request.contentType, request.body);
  if (!checked.ok) return answerOf(errorReply('INVALID_REQUEST_BODY', checked.message));

  const { workspaceName, isPagination, pageNumber } = checked.request;
  return listDashboards(state, workspaceName, isPagination, pageNumber);
}

/** Auth first (as Prism checks security first), then the `Prefer` header and the scenario, then the answer. */
function outcomeOf(state: BehaviourState, request: MockRequest, override: Scenario | undefined): Outcome {
  const operation = request.operation ?? 'listWorkspaceDashboards';
  // A refused token gets 401 whatever it asks for.
  if (!acceptsToken(state, request.authorization)) return { kind: 'reply', ...answerOf(refusedToken), delayMs: 0 };
  const preferred = request.prefer == null ? noPreference : parsePrefer(request.prefer, operation);
  if (!preferred.ok) {
    return { kind: 'reply', ...answerOf(errorReply('INVALID_REQUEST_BODY', preferred.message)), delayMs: 0 };
  }
  const scenario = override ? { ...preferred.scenario, ...override } : preferred.scenario;
  const delayMs = scenario.delayMs ?? 0;
  if (scenario.networkError) return { kind: 'network-error', delayMs };
  return { kind: 'reply', ...decide(state, request, scenario, operation), delayMs };
}

export function createDatabrainBehaviour(
  world: DatabrainMockWorld = defaultDatabrainWorld,
  options: BehaviourOptions = {},
): DatabrainBehaviour {
  const state: BehaviourState = {
    tokens: new Set(world.tokens),
    workspaces: servedWorkspaces(world),
    listed: Object.freeze(Object.keys(world.workspaces).map((name) => Object.freeze({ name }))),
    answers: boundedCache<string, Answer>(options.cacheSize ?? defaultCacheSize),
  };
  return {
    world,
    accepts: (authorization) => acceptsToken(state, authorization),
    handle<Id extends OperationId>(request: MockRequest<Id>, override?: Scenario): Outcome<Id> {
      // Each step answers only with replies of the request's own operation; TypeScript cannot follow
      // that through `operation`, so the outcome is typed here, once.
      return outcomeOf(state, request, override) as Outcome<Id>;
    },
  };
}

/** The JSON text of an answer's body; kept for frozen (shared) bodies, so each is written once. */
export function replyText(body: object): string {
  const written = serialized.get(body);
  if (written !== undefined) return written;
  const text = JSON.stringify(body);
  if (Object.isFrozen(body)) serialized.set(body, text);
  return text;
}
