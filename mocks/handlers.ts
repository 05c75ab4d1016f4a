/**
 * msw handlers that serve the mock behaviour, typed against the generated `paths`, for Node
 * (`mocks/node.ts`) and the browser (`mocks/browser.ts`).
 *
 *   server.use(...databrainHandlers())                                  the seeded world
 *   server.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR' }))    one override, per test
 */
import type { HttpHandler } from 'msw';
import type { paths } from '../src/generated/openapi.js';
import {
  cloudBaseUrl,
  dashboardsPath,
  trimTrailingSlash,
  type ErrorCode,
  type ExampleName,
} from '../src/spec/index.js';
import { importPeer } from '../src/spec/peers.js';
import { createDatabrainBehaviour, replyText, type DatabrainBehaviour } from './behaviour.js';
import type { DatabrainMockWorld } from './fixtures.js';
import { checkScenario, type Scenario } from './scenarios.js';

// Optional peers: a missing one is named, with its install command, when this module loads.
const { delay, HttpResponse } = await importPeer('msw', 'The Databrain msw handlers', () => import('msw'));
const { createOpenApiHttp } = await importPeer(
  'openapi-msw',
  'The Databrain msw handlers',
  () => import('openapi-msw'),
);

export interface DatabrainHandlerOptions {
  /** The world to serve; the seeded default world otherwise. */
  readonly world?: DatabrainMockWorld;
  /** The base URLs to answer on. Default: Databrain cloud. A browser app may pass its own origin. */
  readonly baseUrl?: string | readonly string[];
}

export interface DatabrainScenarioOptions extends DatabrainHandlerOptions {
  /** Answer with this documented error (its status and spec example). */
  readonly error?: ErrorCode;
  /** Answer with this named spec example, e.g. `lastPartialPage`. */
  readonly example?: ExampleName;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Fail as a network error (the fetch rejects). */
  readonly networkError?: boolean;
  /** Answer only the next matching request, then fall back to the other handlers. */
  readonly once?: boolean;
}

function baseUrls(baseUrl: string | readonly string[] | undefined): readonly string[] {
  if (baseUrl === undefined) return [cloudBaseUrl];
  return typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
}

async function respond(behaviour: DatabrainBehaviour, request: Request, scenario?: Scenario): Promise<Response> {
  const outcome = behaviour.handle(
    {
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      prefer: request.headers.get('prefer'),
      body: new Uint8Array(await request.arrayBuffer()),
    },
    scenario,
  );
  if (outcome.delayMs > 0) await delay(outcome.delayMs);
  if (outcome.kind === 'network-error') return HttpResponse.error();
  return new HttpResponse(replyText(outcome.reply.body), {
    status: outcome.reply.status,
    headers: { 'content-type': 'application/json' },
  });
}

function handlersFor(
  behaviour: DatabrainBehaviour,
  urls: readonly string[],
  scenario?: Scenario,
  once = false,
): HttpHandler[] {
  return urls.map((baseUrl) => {
    const http = createOpenApiHttp<paths>({ baseUrl: trimTrailingSlash(baseUrl) });
    return http.post(
      dashboardsPath,
      async ({ request, response }) => response.untyped(await respond(behaviour, request, scenario)),
      { once },
    );
  });
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
  const checked = checkScenario(options, 'databrainScenario');
  if (!checked.ok) throw new TypeError(checked.message);
  return handlersFor(
    createDatabrainBehaviour(options.world),
    baseUrls(options.baseUrl),
    checked.scenario,
    options.once ?? false,
  );
}
