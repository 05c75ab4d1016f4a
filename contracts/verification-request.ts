/**
 * One Pact verification of a drift check, as a request the drift check sends to its child process
 * (pact-worker.ts) and the reply that comes back. The service token comes with each request, over
 * the IPC channel only, and is put into the requests to the provider at request time, here only.
 */
import { verifyPact, type ProviderRequestFilter, type StateHandlers } from './pact-verify.js';
import type { CheckResult } from '../src/kernel/findings.js';
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

/** The checks of a verification, or why it failed, under the request's id. */
export interface WorkerReply {
  readonly id: number;
  readonly checks?: CheckResult[];
  readonly error?: string;
}

/** The state handlers of a request: each state hands back its values. */
function stateHandlersOf(stateValues: WorkerRequest['stateValues']): StateHandlers {
  return Object.fromEntries(
    Object.entries(stateValues).map(([state, values]) => [state, () => Promise.resolve({ ...values })]),
  );
}

/** Puts the real token where the pact carries its placeholder, and leaves every other header as it is. */
function tokenFilter(token: string): ProviderRequestFilter {
  return (request, _response, next) => {
    if (request.headers['authorization'] === `Bearer ${placeholderToken}`) {
      request.headers['authorization'] = `Bearer ${token}`;
    }
    next();
  };
}

/** Runs the verification a request asks for; a failure is a reply too, never a rejection. */
export async function answerVerificationRequest(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const checks = await verifyPact({
      providerBaseUrl: request.providerBaseUrl,
      stateHandlers: stateHandlersOf(request.stateValues),
      requestFilter: tokenFilter(request.token),
      notVerifiable: request.notVerifiable,
      timeoutMs: request.timeoutMs,
      ...(request.pactFile ? { pactFile: request.pactFile } : {}),
    });
    return { id: request.id, checks };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}
