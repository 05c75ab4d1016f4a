// vitest.setup.ts (add it to `setupFiles` in your vitest config)
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupDatabrainMswServer } from 'databrain-contract-kit/mocks/node';

// The seeded world on Databrain cloud's URL; or { world, baseUrl: 'https://bi.example.com' }.
export const databrain = setupDatabrainMswServer();

beforeAll(() => databrain.listen({ onUnhandledRequest: 'error' }));
afterEach(() => databrain.resetHandlers());
afterAll(() => databrain.close());
