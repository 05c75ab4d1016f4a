/** The drift check's Pact verifier: a child process that answers verification requests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redact } from '../src/kernel/helpers.js';
import type { CheckResult } from '../src/kernel/findings.js';
import { pactInteractions, verifierFailed } from './pact-verify.js';
import type { WorkerReply, WorkerRequest } from './verification-request.js';

/** The worker the drift check starts: the built one, or the TypeScript source run through tsx. */
export const pactWorkerFile = fileURLToPath(
  new URL(`./pact-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/** Settles one verification: with the worker's reply, or with why the worker stopped first. */
type Settle = (reply: WorkerReply | { readonly exited: string }) => void;

/**
 * The child process that runs drift checks' Pact verifications, one after another (see
 * pact-worker.ts), so that the Pact core's own report stays out of the drift table. Whoever starts
 * one closes it: runDatabrainDriftCheck starts one per run and closes it when the run ends, so no
 * child outlives the run that started it; runDriftCheckIn runs a check in one its caller owns.
 */
export class PactVerifier {
  readonly #child: ChildProcess;
  /** The verifications sent and not yet answered, by id. */
  readonly #pending = new Map<number, Settle>();
  #nextId = 0;
  /** The end of the child's output, quoted when it stops unexpectedly. */
  #output = '';
  readonly #exited: Promise<void>;

  /** Starts the worker: pact-worker.ts unless another script that answers the same requests is given. */
  constructor(workerFile = pactWorkerFile) {
    const args = workerFile.endsWith('.ts') ? ['--import', 'tsx', workerFile] : [workerFile];
    this.#child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const keep = (chunk: Buffer): void => {
      this.#output = (this.#output + chunk.toString()).slice(-2_000);
    };
    this.#child.stdout?.on('data', keep);
    this.#child.stderr?.on('data', keep);
    this.#child.on('message', (reply: WorkerReply) => this.#settle(reply.id, reply));
    this.#exited = new Promise((resolve) => {
      const stopped = (why: string): void => {
        const last = this.#output.trim().split('\n').pop() ?? '';
        for (const id of [...this.#pending.keys()]) this.#settle(id, { exited: `${why}: ${last}` });
        resolve();
      };
      // On close, not exit: by then the child's last output has been read too.
      this.#child.once('close', (code, signal) => stopped(code === null ? `signal ${signal}` : `exit ${code}`));
      this.#child.once('error', (error) => stopped(error.message));
    });
  }

  #settle(id: number, reply: WorkerReply | { readonly exited: string }): void {
    this.#pending.get(id)?.(reply);
    this.#pending.delete(id);
  }

  /** Runs one Pact verification in the child and returns its checks; a failure is a check too. */
  verify(request: Omit<WorkerRequest, 'id' | 'token'>, token: string, limitMs: number): Promise<CheckResult[]> {
    const id = (this.#nextId += 1);
    return new Promise((resolve) => {
      const failed = (reason: string): void => {
        resolve(verifierFailed(pactInteractions(request.pactFile), redact(reason, token)));
      };
      const timer = setTimeout(() => {
        this.#child.kill('SIGKILL');
        failed(`the Pact verification took longer than ${limitMs} ms`);
      }, limitMs);
      this.#pending.set(id, (reply) => {
        clearTimeout(timer);
        if ('exited' in reply) failed(`the Pact verification stopped (${reply.exited})`);
        else if (reply.checks) resolve(reply.checks);
        else failed(`the Pact verification failed: ${reply.error ?? 'no reason given'}`);
      });
      this.#child.send({ ...request, id, token } satisfies WorkerRequest, (error) => {
        if (error) this.#settle(id, { exited: error.message });
      });
    });
  }

  /** Stops the child, and resolves once it is gone. */
  async close(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
    await this.#exited;
  }
}
