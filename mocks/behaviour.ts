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
  type Workspace as ListedWorkspace,
} from '../src/kernel/index.js';
import { boundedCache } from './cache.js';
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
  | { readonly kind: 'reply'; readonly reply: RepliesOf<Id>; readonly delayMs: number }
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

/** The JSON text of shared (frozen) bodies, written once; see {@link replyText}. */
const serialized = new WeakMap<object, string>();

/**
 * The list answer given last, with its text: the transport writes an answer right after it is
 * decided, so this one-entry slot (checked by the body's identity) hands it the text without a
 * WeakMap entry per answer.
 */
let lastAnswer: ListAnswer | undefined;

/** A shared body frozen, with its JSON text kept for {@link replyText}. */
function sealed<B extends object>(body: B, text: string): B {
  Object.freeze(body);
  serialized.set(body, text);
  return body;
}

/** One workspace as the behaviour serves it: its dashboards copied and frozen one by one. */
interface Workspace {
  readonly dashboards: readonly Dashboard[];
  /** Each dashboard's JSON text, written on the first answer from the workspace. */
  texts?: readonly string[];
}

/**
 * The world's dashboards, copied and frozen one by one, so that answers can share them safely. The
 * lists themselves stay private and unfrozen: freezing a large array slows every read of it.
 */
function frozenWorkspaces(world: DatabrainMockWorld): Map<string, Workspace> {
  return new Map(
    Object.entries(world.workspaces).map(([name, dashboards]) => [
      name,
      { dashboards: dashboards.map((dashboard) => Object.freeze({ ...dashboard })) },
    ]),
  );
}

const listHead = '{"data":[';
const listTail = '],"error":null}';

/** The answer for every page past the last one, of any workspace. */
const emptyPage: MockReply = Object.freeze({
  status: 200,
  body: sealed({ data: Object.freeze([]) as unknown as Dashboard[], error: null }, `${listHead}${listTail}`),
});

/** A documented error answer with the spec example's message, shared. */
function sharedError(code: ErrorCode): MockErrorReply {
  const reply = errorReply(code);
  sealed(reply.body.error, JSON.stringify(reply.body.error));
  sealed(reply.body, JSON.stringify(reply.body));
  return Object.freeze(reply);
}

const refusedToken = sharedError('INVALID_DATA_APP_API_KEY');
/** What an absent `Prefer` header asks for: nothing (read only, so shared). */
const noPreference = parsePrefer(null);

const unknownWorkspace = sharedError('WORKSPACE_ID_ERROR');

/** A list answer and its JSON text. */
interface ListAnswer {
  readonly reply: MockReply;
  readonly text: string;
}

/** The answer of a list, or of the page from `start` to `end` (both within the list). */
function listAnswer(workspace: Workspace, start: number, end: number): ListAnswer {
  const reply: MockReply = Object.freeze({
    status: 200,
    body: Object.freeze({ data: Object.freeze(workspace.dashboards.slice(start, end)) as Dashboard[], error: null }),
  });
  // Plain objects of strings: JSON.stringify always writes them.
  workspace.texts ??= workspace.dashboards.map((dashboard) => JSON.stringify(dashboard));
  return { reply, text: `${listHead}${workspace.texts.slice(start, end).join(',')}${listTail}` };
}

/** Hands an answer's text to {@link replyText} (see `lastAnswer`), and returns the answer. */
function given(answer: ListAnswer): MockReply {
  lastAnswer = answer;
  return answer.reply;
}

export function createDatabrainBehaviour(
  world: DatabrainMockWorld = defaultDatabrainWorld,
  options: BehaviourOptions = {},
): DatabrainBehaviour {
  const tokens = new Set(world.tokens);
  const workspaces = frozenWorkspaces(world);
  const answers = boundedCache<string, ListAnswer>(options.cacheSize ?? defaultCacheSize);
  const listed: readonly ListedWorkspace[] = Object.freeze(
    Object.keys(world.workspaces).map((name) => Object.freeze({ name })),
  );

  /** List Workspaces: every workspace, or a page of them. */
  function listWorkspaces(search: string): MockReply {
    const query = new URLSearchParams(search);
    const paginated = workspacesQueryValue(query, 'isPagination') === 'true';
    const start = paginated ? (Number(workspacesQueryValue(query, 'pageNumber')) - 1) * workspacesPageSize : 0;
    const data = paginated ? Object.freeze(listed.slice(start, start + workspacesPageSize)) : listed;
    return Object.freeze({ status: 200, body: Object.freeze({ data: data as ListedWorkspace[], error: null }) });
  }

  function list(workspaceName: string, isPagination: boolean, pageNumber: number): MockReply {
    const workspace = workspaces.get(workspaceName);
    if (workspace === undefined) return unknownWorkspace;
    const count = workspace.dashboards.length;
    const start = isPagination ? (pageNumber - 1) * pageSize : 0;
    if (start >= count) return emptyPage;
    const key = `${workspaceName}\u0000${isPagination ? pageNumber : 0}`;
    const kept = answers.get(key);
    if (kept) return given(kept);
    const answer = listAnswer(workspace, start, isPagination ? Math.min(start + pageSize, count) : count);
    answers.set(key, answer);
    return given(answer);
  }

  function accepts(authorization: string | null): boolean {
    const token = bearer.exec(authorization ?? '')?.[1];
    return token !== undefined && tokens.has(token);
  }

  function decide(request: MockRequest, scenario: Scenario, operation: OperationId): MockReply {
    // The token was accepted (see handle): a forced response is given only then, as in Prism.
    const forced = forcedReply(scenario, operation);
    if (forced) return forced;

    if (operation === 'listWorkspaces') return listWorkspaces(request.query ?? '');

    const checked = checkRequestBody(request.contentType, request.body);
    if (!checked.ok) return errorReply('INVALID_REQUEST_BODY', checked.message);

    const { workspaceName, isPagination, pageNumber } = checked.request;
    return list(workspaceName, isPagination, pageNumber);
  }

  return {
    world,
    accepts,
    handle<Id extends OperationId>(request: MockRequest<Id>, override?: Scenario): Outcome<Id> {
      // Each step answers only with replies of the request's own operation; TypeScript cannot follow
      // that through `operation`, so the outcome is typed here, once.
      return outcome(request, override) as Outcome<Id>;
    },
  };

  function outcome(request: MockRequest, override: Scenario | undefined): Outcome {
    const operation = request.operation ?? 'listWorkspaceDashboards';
    // The token first, as Prism checks security first: a refused token gets 401 whatever it asks for.
    if (!accepts(request.authorization)) return { kind: 'reply', reply: refusedToken, delayMs: 0 };
    const preferred = request.prefer == null ? noPreference : parsePrefer(request.prefer, operation);
    if (!preferred.ok) {
      return { kind: 'reply', reply: errorReply('INVALID_REQUEST_BODY', preferred.message), delayMs: 0 };
    }
    const scenario = override ? { ...preferred.scenario, ...override } : preferred.scenario;
    const delayMs = scenario.delayMs ?? 0;
    if (scenario.networkError) return { kind: 'network-error', delayMs };
    return { kind: 'reply', reply: decide(request, scenario, operation), delayMs };
  }
}

/** The JSON text of an answer's body; kept for frozen (shared) bodies, so each is written once. */
export function replyText(body: object): string {
  if (body === lastAnswer?.reply.body) return lastAnswer.text;
  const kept = serialized.get(body);
  if (kept !== undefined) return kept;
  const text = JSON.stringify(body);
  if (Object.isFrozen(body)) serialized.set(body, text);
  return text;
}
