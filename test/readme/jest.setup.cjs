// jest.setup.cjs (add it to `setupFilesAfterEnv` in your Jest config). Jest 30 loads the kit with
// require() on Node 24.9 or newer when run as NODE_OPTIONS=--experimental-vm-modules npx jest.
const { setupDatabrainMswServer } = require('databrain-contract-kit/mocks/node');

const databrain = setupDatabrainMswServer();

// An unmocked request fails the test. On msw 2 the option is named onUnhandledRequest.
beforeAll(() => databrain.listen({ onUnhandledFrame: 'error' }));
afterEach(() => databrain.resetHandlers());
afterAll(() => databrain.close());

module.exports = { databrain };
