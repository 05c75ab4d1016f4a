/**
 * The mock in a browser app: msw's `setupWorker` with the Databrain handlers. Serve msw's worker
 * script (`npx msw init <public dir>`) at the root of the app.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { databrainHandlers, type HandlerOptions } from './handlers.js';

export function setupDatabrainWorker(options: HandlerOptions = {}): SetupWorker {
  return setupWorker(...databrainHandlers(options));
}

export { databrainHandlers, databrainScenario, type HandlerOptions, type ScenarioOptions } from './handlers.js';
