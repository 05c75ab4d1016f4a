/** The mock in a Node test suite: msw's `setupServer` with the Databrain handlers. */
import { setupServer, type SetupServer } from 'msw/node';
import { databrainHandlers, type HandlerOptions } from './handlers.js';

export function setupDatabrainServer(options: HandlerOptions = {}): SetupServer {
  return setupServer(...databrainHandlers(options));
}

export { databrainHandlers, databrainScenario, type HandlerOptions, type ScenarioOptions } from './handlers.js';
