/**
 * A drift check's Pact verification request, answered in this process (the drift check sends it to
 * its child process, which answers it the same way): the real Pact core against a clean provider
 * on loopback, with the real token put in where the pact carries its placeholder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerVerificationRequest, type WorkerRequest } from '../contracts/verification-request.js';
import { pactInteractions } from '../contracts/pact-verify.js';
import { states } from '../contracts/states.js';
import { missingWorkspaceName, pastLastPage } from '../src/kernel/helpers.js';
import {
  cleanEmptyWorkspace,
  cleanToken,
  cleanWorkspace,
  startProvider,
  type RunningProvider,
} from './support/providers.js';

let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider();
});
afterAll(async () => {
  await provider.close();
});

const serverFails = 'a request while the server fails';

/** A request as the drift check sends it for the clean provider's world. */
function requestFor(overrides: Partial<WorkerRequest> = {}): WorkerRequest {
  return {
    id: 7,
    token: cleanToken,
    providerBaseUrl: provider.url,
    stateValues: {
      [states.workspaceWithDashboards]: { workspaceName: cleanWorkspace, pastLastPage: pastLastPage(37) },
      [states.emptyWorkspace]: { workspaceName: cleanEmptyWorkspace },
      [states.noSuchWorkspace]: { workspaceName: missingWorkspaceName() },
      [states.workspacesExist]: {},
    },
    notVerifiable: { [serverFails]: 'a live API cannot be made to fail on request' },
    timeoutMs: 5_000,
    ...overrides,
  };
}

/**
 * Runs `verify` with a temporary folder of its own (TMPDIR, which vitest's worker thread keeps to
 * itself), so that the drift checks of other test files cannot show their scratch folders in it,
 * and returns its reply with what it left there.
 */
async function leftBehind<T>(verify: () => Promise<T>): Promise<{ reply: T; left: string[] }> {
  const own = mkdtempSync(join(tmpdir(), 'dck-verification-request-'));
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = own;
  try {
    const reply = await verify();
    return { reply, left: readdirSync(own) };
  } finally {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(own, { recursive: true, force: true });
  }
}

/** The token each request to the provider carried, as the provider names it, without repeats. */
const tokensSeen = (from: number): string[] => [
  ...new Set(
    provider
      .log()
      .slice(from)
      .map((line) => line.split(' ')[2] ?? ''),
  ),
];

describe('a verification request', () => {
  it('verifies every interaction with the real token, and reports the one left out as not verifiable', async () => {
    const before = provider.log().length;
    const { reply, left } = await leftBehind(() => answerVerificationRequest(requestFor()));
    expect({
      id: reply.id,
      error: reply.error,
      checks: reply.checks?.map((check) => [check.name, check.status]),
    }).toEqual({
      id: 7,
      error: undefined,
      checks: [
        ...pactInteractions()
          .filter((interaction) => interaction.description !== serverFails)
          .map((interaction) => [interaction.description, 'passed']),
        [serverFails, 'not-verifiable'],
      ],
    });
    // The placeholder never reached the provider: the real token did, and the invalid one as it is.
    expect(tokensSeen(before).sort()).toEqual(['clean', 'invalid']);
    // The copy of the pact the verifier read is gone.
    expect(left).toEqual([]);
  });

  it('hands each provider state the values the request gives it', async () => {
    const reply = await answerVerificationRequest(
      requestFor({
        stateValues: {
          ...requestFor().stateValues,
          [states.emptyWorkspace]: { workspaceName: cleanWorkspace },
        },
      }),
    );
    const empty = pactInteractions()
      .filter((interaction) => interaction.providerStates?.[0]?.name === states.emptyWorkspace)
      .map((interaction) => interaction.description);
    expect(empty.length).toBeGreaterThan(0);
    expect(
      reply.checks
        ?.filter((check) => check.status !== 'passed' && check.status !== 'not-verifiable')
        .map((check) => check.name),
    ).toEqual(empty);
  });

  it('answers with the reason when the verification cannot run, under the same id', async () => {
    const reply = await answerVerificationRequest(requestFor({ id: 12, pactFile: '/nonexistent/pact.json' }));
    expect(reply).toEqual({ id: 12, error: "ENOENT: no such file or directory, open '/nonexistent/pact.json'" });
  });
});
