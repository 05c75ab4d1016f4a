/**
 * The drift check's Pact verifier, the parent side of its child process, with a worker double
 * (test/support/worker-double.ts) that answers each request as told: each reply, a worker that
 * exits, is killed, stays silent or answers a request nobody sent, and a verifier already closed.
 * The real worker is run by test/drift.test.ts; what it answers, by test/verification-request.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PactVerifier } from '../contracts/pact-verifier.js';
import { pactInteractions, verifierFailed } from '../contracts/pact-verify.js';
import type { WorkerRequest } from '../contracts/verification-request.js';

const double = new URL('./support/worker-double.ts', import.meta.url).pathname;
const token = 'a-token-of-forty-characters-0123456789ab';
const scratch = mkdtempSync(join(tmpdir(), 'dck-verifier-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A request the worker double answers as `how` says. */
const told = (how: string, more: Partial<WorkerRequest> = {}): Omit<WorkerRequest, 'id' | 'token'> => ({
  providerBaseUrl: how,
  stateValues: {},
  notVerifiable: {},
  timeoutMs: 250,
  ...more,
});

/** What the verifier answers when the verification fails: each interaction of the committed pact fails with why. */
const failedWith = (reason: string) => verifierFailed(pactInteractions(), reason);

/** Runs `use` with a verifier of its own, closed whatever happens. */
async function withVerifier<T>(use: (verifier: PactVerifier) => Promise<T>): Promise<T> {
  const verifier = new PactVerifier(double);
  try {
    return await use(verifier);
  } finally {
    await verifier.close();
  }
}

describe('the Pact verifier', () => {
  it('answers each request with its own checks, the token sent along', async () => {
    const names = await withVerifier(async (verifier) => {
      const answers = await Promise.all([
        verifier.verify(told('echo'), token, 5_000),
        verifier.verify(told('echo', { timeoutMs: 900 }), token, 5_000),
      ]);
      return answers.map((checks) => checks.map((check) => check.name));
    });
    expect(names).toEqual([[`1 ${token} 250`], [`2 ${token} 900`]]);
  });

  it("fails every interaction with the worker's reason, the token removed", async () => {
    const answers = await withVerifier((verifier) =>
      Promise.all([verifier.verify(told('error'), token, 5_000), verifier.verify(told('no reason'), token, 5_000)]),
    );
    expect(answers).toEqual([
      failedWith('the Pact verification failed: the provider refused [redacted]'),
      failedWith('the Pact verification failed: no reason given'),
    ]);
  });

  it("fails the interactions of the request's own pact file", async () => {
    const pactFile = join(scratch, 'pact.json');
    writeFileSync(pactFile, JSON.stringify({ interactions: [{ description: 'the only one' }] }));
    const checks = await withVerifier((verifier) => verifier.verify(told('error', { pactFile }), token, 5_000));
    expect(checks).toEqual(
      verifierFailed(
        [{ description: 'the only one' }],
        'the Pact verification failed: the provider refused [redacted]',
      ),
    );
  });

  it('says how the worker stopped, quoting the last line it wrote', async () => {
    const answers = await Promise.all([
      withVerifier((verifier) => verifier.verify(told('exit'), token, 5_000)),
      withVerifier((verifier) => verifier.verify(told('signal'), token, 5_000)),
    ]);
    expect(answers).toEqual([
      failedWith('the Pact verification stopped (exit 3: its last words)'),
      failedWith('the Pact verification stopped (signal SIGTERM: worker double started)'),
    ]);
  });

  it('gives up on a silent worker at the limit, and ignores a reply to a request never sent', async () => {
    const answers = await withVerifier((verifier) =>
      Promise.all([verifier.verify(told('silent'), token, 300), verifier.verify(told('wrong id'), token, 300)]),
    );
    expect(answers).toEqual([
      failedWith('the Pact verification took longer than 300 ms'),
      failedWith('the Pact verification took longer than 300 ms'),
    ]);
  });

  it('fails at once when asked after it was closed', async () => {
    const verifier = new PactVerifier(double);
    await verifier.close();
    expect(await verifier.verify(told('echo'), token, 60_000)).toEqual(
      failedWith('the Pact verification stopped (Channel closed)'),
    );
  });
});
