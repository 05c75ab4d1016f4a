// In the browser app's entry, before it renders (development builds only).
import { setupDatabrainMswWorker } from 'databrain-contract-kit/mocks/browser';

await setupDatabrainMswWorker({ baseUrl: 'https://api.usedatabrain.com' }).start({ onUnhandledRequest: 'bypass' });
