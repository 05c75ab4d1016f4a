/**
 * The mock in a browser app: msw's `setupWorker` with the Databrain handlers. Serve msw's worker
 * script (`npx msw init <public dir> --save`) at the root of the app. Needs msw and openapi-msw.
 */
import type { SetupWorker } from 'msw/browser';
import { importPeer } from '../src/spec/peers.js';
import { databrainHandlers, type DatabrainHandlerOptions } from './handlers.js';

const { setupWorker } = await importPeer('msw', 'databrain-contract-kit/mocks/browser', () => import('msw/browser'));

/** An msw worker (msw's `setupWorker`) that answers Databrain's endpoint with the stateful mock. */
export function setupDatabrainMswWorker(options: DatabrainHandlerOptions = {}): SetupWorker {
  return setupWorker(...databrainHandlers(options));
}

export {
  databrainHandlers,
  databrainScenario,
  type DatabrainHandlerOptions,
  type DatabrainScenarioOptions,
} from './handlers.js';
