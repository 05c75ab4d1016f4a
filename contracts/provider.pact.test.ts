/**
 * The committed pact verified by the real Pact core against the local HTTP mock server, whose
 * world the provider-state handlers seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedWorkspace } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { pactInteractions, verifyPact } from './pact-verify.js';
import { placeholderToken, states } from './states.js';

/** A world unlike the default one, so the pact is shown not to depend on fixture names. */
const seeded = {
  tokens: [placeholderToken],
  workspaces: { 'contract-workspace': generatedWorkspace(15, 'Contract'), 'contract-empty': [] },
};

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0, world: seeded });
});
afterAll(async () => {
  await mock.close();
});

const stateHandlers = {
  [states.workspaceWithDashboards]: () => {
    mock.configure({ world: seeded });
    return Promise.resolve({ workspaceName: 'contract-workspace', pastLastPage: 3 });
  },
  [states.emptyWorkspace]: () => {
    mock.configure({ world: seeded });
    return Promise.resolve({ workspaceName: 'contract-empty' });
  },
  [states.noSuchWorkspace]: () => {
    mock.configure({ world: seeded });
    return Promise.resolve({ workspaceName: 'contract-missing' });
  },
  [states.workspacesExist]: () => {
    mock.configure({ world: seeded });
    return Promise.resolve({});
  },
  [states.serverFails]: {
    setup: () => {
      mock.configure({ world: seeded, scenario: { status: 500 } });
      return Promise.resolve(undefined);
    },
    teardown: () => {
      mock.configure({});
      return Promise.resolve(undefined);
    },
  },
};

describe('the committed pact against the local HTTP mock', () => {
  it('verifies every interaction', async () => {
    const checks = await verifyPact({ providerBaseUrl: mock.url, stateHandlers });
    expect(checks.map((check) => [check.name, check.status, check.findings])).toEqual(
      pactInteractions().map((interaction) => [interaction.description, 'passed', []]),
    );
    expect(checks).toHaveLength(11);
  });

  it('fails the interactions whose state is not set up, naming the mismatch', async () => {
    const checks = await verifyPact({
      providerBaseUrl: mock.url,
      stateHandlers: { ...stateHandlers, [states.serverFails]: () => Promise.resolve(undefined) },
    });
    const failed = checks.filter((check) => check.status !== 'passed');
    expect(failed.map((check) => [check.name, check.status, check.findings])).toEqual([
      [
        'a request while the server fails',
        'drift',
        [
          {
            severity: 'drift',
            where: '$.error.code',
            expected: '"INTERNAL_SERVER_ERROR"',
            actual: '"WORKSPACE_ID_ERROR"',
            message: "Expected 'WORKSPACE_ID_ERROR' (String) to be equal to 'INTERNAL_SERVER_ERROR' (String)",
          },
          { severity: 'drift', where: 'status', expected: '500', actual: '400', message: 'expected 500 but was 400' },
        ],
      ],
    ]);
  });

  it('reports an interaction left out as not verifiable, never as passed', async () => {
    const checks = await verifyPact({
      providerBaseUrl: mock.url,
      stateHandlers,
      notVerifiable: { 'a request while the server fails': 'cannot fail on request' },
    });
    const skipped = 'a request while the server fails';
    // The verified interactions in the pact's order, then the ones left out.
    expect(checks.map((check) => [check.name, check.status, check.findings])).toEqual([
      ...pactInteractions()
        .filter((interaction) => interaction.description !== skipped)
        .map((interaction) => [interaction.description, 'passed', []]),
      [
        skipped,
        'not-verifiable',
        [
          {
            severity: 'not-verifiable',
            where: 'provider state',
            expected: states.serverFails,
            actual: 'cannot be set up',
            message: 'cannot fail on request',
          },
        ],
      ],
    ]);
  });
});
