/**
 * Runs the drift check's Pact verifications in a child process, so that the Pact core's own report
 * does not mix with the drift table. Each drift check starts one such process (PactVerifier in
 * drift.ts), sends it each {@link WorkerRequest} over IPC, and stops it when the check ends. The
 * service token comes with each request over the IPC channel, never in an argument or the environment.
 */
import { verifyPact, type ProviderRequestFilter, type StateHandlers } from './pact-verify.js';
import { placeholderToken } from './states.js';

export interface WorkerRequest {
  readonly id: number;
  readonly token: string;
  readonly providerBaseUrl: string;
  /** The values each provider state hands back, by state name. */
  readonly stateValues: Readonly<Record<string, Readonly<Record<string, string | number>>>>;
  readonly notVerifiable: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly pactFile?: string;
}

async function verify(message: WorkerRequest): Promise<unknown> {
  const stateHandlers: StateHandlers = Object.fromEntries(
    Object.entries(message.stateValues).map(([state, values]) => [state, () => Promise.resolve({ ...values })]),
  );
  // The pact carries a placeholder token; the real one is put in at request time, here only.
  const requestFilter: ProviderRequestFilter = (request, _response, next) => {
    if (request.headers['authorization'] === `Bearer ${placeholderToken}`) {
      request.headers['authorization'] = `Bearer ${message.token}`;
    }
    next();
  };
  try {
    const checks = await verifyPact({
      providerBaseUrl: message.providerBaseUrl,
      stateHandlers,
      requestFilter,
      notVerifiable: message.notVerifiable,
      timeoutMs: message.timeoutMs,
      ...(message.pactFile ? { pactFile: message.pactFile } : {}),
    });
    return { id: message.id, checks };
  } catch (error) {
    return { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Answers the parent's requests until it disconnects. They run one after another, each answered
 * before the next starts: the queue of this one call holds the requests not yet answered.
 */
function serveVerifications(): void {
  let queue = Promise.resolve();
  process.on('message', (message: WorkerRequest) => {
    queue = queue.then(async () => {
      const reply = await verify(message);
      await new Promise<void>((resolve) => process.send?.(reply, () => resolve()));
    });
  });
  // The parent is gone (or done with this process): nothing is left to verify.
  process.once('disconnect', () => process.exit(0));
}

serveVerifications();
