// In the browser app's entry, before it renders (development builds only).
import { setupDatabrainMswWorker } from 'databrain-contract-kit/mocks/browser';

// On msw 2 the option is named onUnhandledRequest.
await setupDatabrainMswWorker({ baseUrl: 'https://api.usedatabrain.com' }).start({ onUnhandledFrame: 'bypass' });
