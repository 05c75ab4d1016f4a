/** The mock in a Node test suite: msw's `setupServer` with the Databrain handlers. Needs msw (2 or 3). */
import { setupServer, type SetupServer } from 'msw/node';
import { databrainHandlers, type DatabrainHandlerOptions } from './handlers.js';

/** An msw server (msw's `setupServer`) that answers Databrain's endpoints with the stateful mock. */
export function setupDatabrainMswServer(options: DatabrainHandlerOptions = {}): SetupServer {
  return setupServer(...databrainHandlers(options));
}

export {
  databrainHandlers,
  databrainScenario,
  type DatabrainHandlerOptions,
  type DatabrainScenarioOptions,
} from './handlers.js';
