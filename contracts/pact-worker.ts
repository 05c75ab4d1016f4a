/**
 * Runs one Pact verification for the drift check in a child process, so that the Pact core's own
 * report does not mix with the drift table. The parent sends a {@link WorkerRequest} over IPC and
 * gets the checks back; the service token comes from this process's environment only.
 */
import { verifyPact, type ProviderRequestFilter, type StateHandlers } from './pact-verify.js';
import { placeholderToken } from './states.js';

export interface WorkerRequest {
  readonly providerBaseUrl: string;
  /** The values each provider state hands back, by state name. */
  readonly stateValues: Readonly<Record<string, Readonly<Record<string, string | number>>>>;
  readonly notVerifiable: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly pactFile?: string;
}

process.once('message', (message: WorkerRequest) => {
  const token = process.env['DATABRAIN_SERVICE_TOKEN'] ?? '';
  const stateHandlers: StateHandlers = Object.fromEntries(
    Object.entries(message.stateValues).map(([state, values]) => [state, () => Promise.resolve({ ...values })]),
  );
  // The pact carries a placeholder token; the real one is put in at request time, here only.
  const requestFilter: ProviderRequestFilter = (request, _response, next) => {
    if (request.headers['authorization'] === `Bearer ${placeholderToken}`)
      request.headers['authorization'] = `Bearer ${token}`;
    next();
  };
  verifyPact({
    providerBaseUrl: message.providerBaseUrl,
    stateHandlers,
    requestFilter,
    notVerifiable: message.notVerifiable,
    timeoutMs: message.timeoutMs,
    ...(message.pactFile ? { pactFile: message.pactFile } : {}),
  })
    .then((checks) => process.send?.({ checks }, () => process.exit(0)))
    .catch((error: unknown) =>
      process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(0)),
    );
});
