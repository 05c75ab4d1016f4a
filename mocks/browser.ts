/**
 * The mock in a browser app: msw's `setupWorker` with the Databrain handlers. Serve msw's worker
 * script (`npx msw init <public dir> --save`) at the root of the app. Needs msw (2 or 3).
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { databrainHandlers, type DatabrainHandlerOptions } from './handlers.js';

/** An msw worker (msw's `setupWorker`) that answers Databrain's endpoints with the stateful mock. */
export function setupDatabrainMswWorker(options: DatabrainHandlerOptions = {}): SetupWorker {
  return setupWorker(...databrainHandlers(options));
}

export {
  databrainHandlers,
  databrainScenario,
  type DatabrainHandlerOptions,
  type DatabrainScenarioOptions,
} from './handlers.js';
