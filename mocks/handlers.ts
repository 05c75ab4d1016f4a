/**
 * msw handlers that serve the mock behaviour, typed against the generated `paths`, for Node
 * (`mocks/node.ts`) and the browser (`mocks/browser.ts`).
 *
 *   server.use(...databrainHandlers())                                  the seeded world
 *   server.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR' }))    one override, per test
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { paths } from '../src/generated/openapi.js';
import {
  cloudBaseUrl,
  dashboardsPath,
  trimTrailingSlash,
  workspacesPath,
  type OperationId,
} from '../src/kernel/index.js';
import { createDatabrainBehaviour, type DatabrainBehaviour, type RepliesOf } from './behaviour.js';
import type { DatabrainMockWorld } from './fixtures.js';
import { scenariosFor, type OperationScenarios, type Scenario, type ScenarioOptions } from './scenarios.js';

export interface DatabrainHandlerOptions {
  /** The world to serve; the seeded default world otherwise. */
  readonly world?: DatabrainMockWorld;
  /** The base URLs to answer on. Default: Databrain cloud. A browser app may pass its own origin. */
  readonly baseUrl?: string | readonly string[];
}

/** A scenario for the msw handlers: {@link ScenarioOptions}, on the handlers' world and base URLs. */
export interface DatabrainScenarioOptions extends DatabrainHandlerOptions, ScenarioOptions {}

function baseUrls(baseUrl: string | readonly string[] | undefined): readonly string[] {
  if (baseUrl === undefined) return [cloudBaseUrl];
  return typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
}

type Method = 'get' | 'post';

/** The spec's paths that have an operation for `method`. */
export type SpecPath<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: object } ? P : never;
}[keyof paths];

/** Every JSON body the spec documents for one path and method, whatever the status. */
export type DocumentedBody<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? { [S in keyof R]: R[S] extends { content: { 'application/json': infer B } } ? B : never }[keyof R]
  : never;

/**
 * An msw handler for one operation of the spec, on msw's own API: the path must be the spec's, and
 * the resolver may answer only with a body the spec documents there (anything else does not compile).
 */
export function specHandler<M extends Method, P extends SpecPath<M>>(
  method: M,
  baseUrl: string,
  path: P,
  resolve: (request: Request) => Promise<HttpResponse<DocumentedBody<P, M>>>,
  options: { readonly once: boolean },
): HttpHandler {
  return http[method]<never, never, DocumentedBody<P, M>>(
    `${trimTrailingSlash(baseUrl)}${path}`,
    ({ request }) => resolve(request),
    { once: options.once },
  );
}

async function respond<Id extends OperationId>(
  behaviour: DatabrainBehaviour,
  operation: Id,
  request: Request,
  scenario: Scenario | undefined,
): Promise<HttpResponse<RepliesOf<Id>['body']>> {
  const outcome = behaviour.handle(
    {
      operation,
      query: new URL(request.url).search,
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      prefer: request.headers.get('prefer'),
      body: operation === 'listWorkspaces' ? '' : new Uint8Array(await request.arrayBuffer()),
    },
    scenario,
  );
  if (outcome.delayMs > 0) await delay(outcome.delayMs);
  if (outcome.kind === 'network-error') return HttpResponse.error();
  return HttpResponse.json<RepliesOf<Id>['body']>(outcome.reply.body, { status: outcome.reply.status });
}

function handlersFor(
  behaviour: DatabrainBehaviour,
  urls: readonly string[],
  scenarios?: OperationScenarios,
  once = false,
): HttpHandler[] {
  const serves = (operation: OperationId): boolean => scenarios === undefined || scenarios[operation] !== undefined;
  return urls.flatMap((baseUrl) => [
    ...(serves('listWorkspaceDashboards')
      ? [
          specHandler(
            'post',
            baseUrl,
            dashboardsPath,
            (request) => respond(behaviour, 'listWorkspaceDashboards', request, scenarios?.listWorkspaceDashboards),
            { once },
          ),
        ]
      : []),
    ...(serves('listWorkspaces')
      ? [
          specHandler(
            'get',
            baseUrl,
            workspacesPath,
            (request) => respond(behaviour, 'listWorkspaces', request, scenarios?.listWorkspaces),
            { once },
          ),
        ]
      : []),
  ]);
}

/** Handlers that serve the stateful mock: seeded workspaces, pagination, every error code. */
export function databrainHandlers(options: DatabrainHandlerOptions = {}): HttpHandler[] {
  return handlersFor(createDatabrainBehaviour(options.world), baseUrls(options.baseUrl));
}

/**
 * Handlers for one scenario, to put in front with `server.use(...)` / `worker.use(...)`: a forced
 * documented error, a named example, latency, or a network failure. An unknown error code or
 * example name throws at once, naming the known ones.
 */
export function databrainScenario(options: DatabrainScenarioOptions): HttpHandler[] {
  const checked = scenariosFor(options, 'databrainScenario');
  if (!checked.ok) throw new TypeError(checked.message);
  return handlersFor(
    createDatabrainBehaviour(options.world),
    baseUrls(options.baseUrl),
    checked.scenarios,
    options.once ?? false,
  );
}
