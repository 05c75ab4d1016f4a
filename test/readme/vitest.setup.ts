// vitest.setup.ts (add it to `setupFiles` in your vitest config)
import { afterAll, afterEach, beforeAll } from 'vitest';
import { setupDatabrainMswServer } from 'databrain-contract-kit/mocks/node';

// The seeded world on Databrain cloud's URL; or { world, baseUrl: 'https://bi.example.com' }.
export const databrain = setupDatabrainMswServer();

// An unmocked request fails the test. On msw 2 the option is named onUnhandledRequest.
beforeAll(() => databrain.listen({ onUnhandledFrame: 'error' }));
afterEach(() => databrain.resetHandlers());
afterAll(() => databrain.close());
