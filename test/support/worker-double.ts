/**
 * A stand-in for contracts/pact-worker.ts in the tests (test/pact-verifier.test.ts): it answers each
 * verification request as the request's providerBaseUrl says, so that each way a worker can
 * answer (or fail to) is one request away.
 */
import type { WorkerReply, WorkerRequest } from '../../contracts/verification-request.js';

process.stderr.write('worker double started\n');

const replies: Readonly<Record<string, (request: WorkerRequest) => WorkerReply>> = {
  echo: (request) => ({
    id: request.id,
    checks: [
      {
        source: 'pact',
        name: `${request.id} ${request.token} ${request.timeoutMs}`,
        status: 'passed',
        findings: [],
        durationMs: 0,
      },
    ],
  }),
  error: (request) => ({ id: request.id, error: `the provider refused ${request.token}` }),
  'no reason': (request) => ({ id: request.id }),
  'wrong id': (request) => ({ id: request.id + 100, checks: [] }),
};

process.on('message', (request: WorkerRequest) => {
  const how = request.providerBaseUrl;
  const reply = replies[how];
  if (how === 'exit') {
    process.stdout.write('a first line\nits last words\n');
    process.exit(3);
  } else if (how === 'signal') {
    process.kill(process.pid, 'SIGTERM');
  } else if (reply) {
    process.send?.(reply(request));
  }
  // Anything else ('silent'): no answer at all.
});
process.once('disconnect', () => process.exit(0));
