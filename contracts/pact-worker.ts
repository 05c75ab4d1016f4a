/**
 * The child process that runs the drift check's Pact verifications, so that the Pact core's own
 * report does not mix with the drift table. Whoever starts one (PactVerifier in pact-verifier.ts;
 * runDatabrainDriftCheck starts one per run) sends it each request over IPC, and stops it. What a
 * request asks and how it is answered is in verification-request.ts; this file only carries
 * requests and replies.
 */
import { answerVerificationRequest, type WorkerRequest } from './verification-request.js';

/**
 * Answers the parent's requests until it disconnects. They run one after another, each answered
 * before the next starts: the queue of this one call holds the requests not yet answered.
 */
function serveVerifications(): void {
  let queue = Promise.resolve();
  process.on('message', (message: WorkerRequest) => {
    queue = queue.then(async () => {
      const reply = await answerVerificationRequest(message);
      await new Promise<void>((resolve) => process.send?.(reply, () => resolve()));
    });
  });
  // The parent is gone (or done with this process): nothing is left to verify.
  process.once('disconnect', () => process.exit(0));
}

serveVerifications();
