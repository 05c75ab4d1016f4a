/** The mock in a Node test suite: msw's `setupServer` with the Databrain handlers. Needs msw and openapi-msw. */
import type { SetupServer } from 'msw/node';
import { importPeer } from '../src/spec/peers.js';
import { databrainHandlers, type DatabrainHandlerOptions } from './handlers.js';

const { setupServer } = await importPeer('msw', 'databrain-contract-kit/mocks/node', () => import('msw/node'));

/** An msw server (msw's `setupServer`) that answers Databrain's endpoint with the stateful mock. */
export function setupDatabrainMswServer(options: DatabrainHandlerOptions = {}): SetupServer {
  return setupServer(...databrainHandlers(options));
}

export {
  databrainHandlers,
  databrainScenario,
  type DatabrainHandlerOptions,
  type DatabrainScenarioOptions,
} from './handlers.js';
