/**
 * The drift check's configuration as `databrain-drift` reads it (flags and environment),
 * in-process: every mistake named in one line, and the options it gives when all is well; then
 * what the drift check asks of the Pact verification, and what it refuses before it sends anything.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  driftConfig,
  DriftConfigError,
  requireDriftPeers,
  runDatabrainDriftCheck,
  runDriftCheckIn,
  verificationLimitMs,
  verificationOf,
  type DatabrainDriftOptions,
} from '../contracts/drift.js';
import { committedPactFile, pactInteractions } from '../contracts/pact-verify.js';
import { PactVerifier } from '../contracts/pact-verifier.js';
import { unknownLastPage, type ProbeOutcome } from '../contracts/probes.js';
import { states } from '../contracts/states.js';
import { generatedWorkspace } from '../mocks/fixtures.js';
import { insecureUrlProblem, pastLastPage, shortTokenProblem } from '../src/kernel/helpers.js';
import { MissingPeerError } from '../src/kernel/peers.js';

const workerDouble = new URL('./support/worker-double.ts', import.meta.url).pathname;
const token = '6f1c2a9e-7d4b-4e0f-9a51-2b8c3d4e5f60';
const env = { DATABRAIN_SERVICE_TOKEN: ` ${token} `, DATABRAIN_WORKSPACE: ' my-workspace ' };

const refusal = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof DriftConfigError ? `${error.name}: ${error.message}` : String(error);
  }
};

describe('the drift configuration', () => {
  it('reads the environment, trimmed, with Databrain cloud and the default timeout unless told otherwise', () => {
    expect([
      driftConfig({}, env),
      driftConfig(
        { baseUrl: 'http://127.0.0.1:4010//', strict: true, timeout: '250', reportDir: 'out' },
        { ...env, DATABRAIN_EMPTY_WORKSPACE: ' empty ', DATABRAIN_BASE_URL: 'https://ignored.example' },
      ),
      driftConfig(
        {},
        { ...env, DATABRAIN_BASE_URL: ' https://databrain.example.com/ ', DATABRAIN_EMPTY_WORKSPACE: ' ' },
      ),
      driftConfig({ baseUrl: 'http://api.example', allowInsecureHttp: true }, env).baseUrl,
    ]).toEqual([
      {
        baseUrl: 'https://api.usedatabrain.com',
        token,
        workspace: 'my-workspace',
        emptyWorkspace: undefined,
        strict: false,
        timeoutMs: 10_000,
        reportDir: undefined,
      },
      {
        baseUrl: 'http://127.0.0.1:4010',
        token,
        workspace: 'my-workspace',
        emptyWorkspace: 'empty',
        strict: true,
        timeoutMs: 250,
        reportDir: 'out',
      },
      {
        baseUrl: 'https://databrain.example.com',
        token,
        workspace: 'my-workspace',
        emptyWorkspace: undefined,
        strict: false,
        timeoutMs: 10_000,
        reportDir: undefined,
      },
      'http://api.example',
    ]);
  });

  it.each([
    [
      'no token',
      {},
      { DATABRAIN_WORKSPACE: 'w' },
      'DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.',
    ],
    [
      'a blank token',
      {},
      { ...env, DATABRAIN_SERVICE_TOKEN: '  ' },
      'DATABRAIN_SERVICE_TOKEN is not set: export your Databrain service token in it.',
    ],
    [
      'a short token',
      {},
      { ...env, DATABRAIN_SERVICE_TOKEN: 'abc' },
      'DATABRAIN_SERVICE_TOKEN is 3 characters long, too short to be a service token (Databrain issues UUIDs): export the real token.',
    ],
    [
      'no workspace',
      {},
      { DATABRAIN_SERVICE_TOKEN: token },
      'DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.',
    ],
    [
      'a blank workspace',
      {},
      { ...env, DATABRAIN_WORKSPACE: ' ' },
      'DATABRAIN_WORKSPACE is not set: name an existing workspace that has dashboards.',
    ],
    [
      'a base URL flag that is no URL',
      { baseUrl: 'databrain' },
      env,
      '--base-url "databrain" is not a URL: pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'a base URL in the environment that is no URL',
      {},
      { ...env, DATABRAIN_BASE_URL: 'nope' },
      'DATABRAIN_BASE_URL "nope" is not a URL: pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'a base URL of another scheme',
      { baseUrl: 'ftp://api.example' },
      env,
      '--base-url must be an http or https URL, not "ftp://api.example": pass e.g. https://api.usedatabrain.com.',
    ],
    [
      'plain HTTP beyond this machine',
      {},
      { ...env, DATABRAIN_BASE_URL: 'http://api.example' },
      'DATABRAIN_BASE_URL http://api.example is plain HTTP beyond this machine: the service token would travel in clear text. Use https, or pass --allow-insecure-http if you accept that.',
    ],
    [
      'a timeout below the range',
      { timeout: '99' },
      env,
      '--timeout must be a whole number of milliseconds from 100 to 120000, not "99".',
    ],
    [
      'a timeout that is no number',
      { timeout: 'soon' },
      env,
      '--timeout must be a whole number of milliseconds from 100 to 120000, not "soon".',
    ],
  ] as const)('refuses %s in one line', (_name, flags, environment, message) => {
    expect(refusal(() => driftConfig(flags, environment))).toBe(`DriftConfigError: ${message}`);
  });
});

describe('what the drift check asks of the Pact verification', () => {
  const config: DatabrainDriftOptions = {
    baseUrl: 'https://databrain.example.com',
    token,
    workspace: 'sales',
    strict: false,
    timeoutMs: 3_000,
  };
  const probed = (dashboards: number | undefined): ProbeOutcome => ({
    checks: [],
    dashboards: dashboards === undefined ? undefined : generatedWorkspace(dashboards, 'Board'),
    workspaces: undefined,
  });
  /** The request with the random missing workspace name replaced, so that it can be compared whole. */
  const requestOf = (options: DatabrainDriftOptions, probes: ProbeOutcome) => {
    const request = verificationOf(options, probes);
    const missing = request.stateValues[states.noSuchWorkspace]?.['workspaceName'];
    expect(missing).toMatch(/^no-such-workspace-[0-9a-f-]{36}$/);
    return {
      ...request,
      stateValues: { ...request.stateValues, [states.noSuchWorkspace]: { workspaceName: 'missing' } },
    };
  };
  const serverFails = pactInteractions()
    .filter((interaction) => interaction.providerStates?.[0]?.name === states.serverFails)
    .map((interaction) => interaction.description);
  const emptyOnes = pactInteractions()
    .filter((interaction) => interaction.providerStates?.[0]?.name === states.emptyWorkspace)
    .map((interaction) => interaction.description);

  it('gives each state its values, and leaves out what a live API cannot be put in the state of', () => {
    expect(requestOf(config, probed(23))).toEqual({
      providerBaseUrl: 'https://databrain.example.com',
      stateValues: {
        [states.workspaceWithDashboards]: { workspaceName: 'sales', pastLastPage: pastLastPage(23) },
        [states.noSuchWorkspace]: { workspaceName: 'missing' },
        [states.workspacesExist]: {},
      },
      notVerifiable: Object.fromEntries([
        ...serverFails.map((name) => [name, 'a live API cannot be made to fail on request']),
        ...emptyOnes.map((name) => [
          name,
          'set DATABRAIN_EMPTY_WORKSPACE to an existing empty workspace to verify this',
        ]),
      ]),
      timeoutMs: 3_000,
    });
  });

  it('verifies the empty workspace when there is one, past an unknown last page, with the pact it is given', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dck-drift-config-'));
    const pactFile = join(scratch, 'other.json');
    copyFileSync(committedPactFile, pactFile);
    try {
      expect(requestOf({ ...config, emptyWorkspace: 'new-team', pactFile }, probed(undefined))).toEqual({
        providerBaseUrl: 'https://databrain.example.com',
        stateValues: {
          [states.workspaceWithDashboards]: { workspaceName: 'sales', pastLastPage: unknownLastPage },
          [states.emptyWorkspace]: { workspaceName: 'new-team' },
          [states.noSuchWorkspace]: { workspaceName: 'missing' },
          [states.workspacesExist]: {},
        },
        notVerifiable: Object.fromEntries(
          serverFails.map((name) => [name, 'a live API cannot be made to fail on request']),
        ),
        timeoutMs: 3_000,
        pactFile,
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('lets the whole verification take twelve requests, and at least a minute', () => {
    expect([100, 5_000, 6_000, 10_000].map(verificationLimitMs)).toEqual([60_000, 60_000, 72_000, 120_000]);
  });
});

describe('before the drift check runs', () => {
  it('names each optional peer that is not installed', () => {
    const missing = (absent: string) => (name: string) => {
      if (name === absent) throw new Error(`Cannot find module '${name}'`);
      return `/node_modules/${name}/index.js`;
    };
    expect(
      ['@pact-foundation/pact', '@pactflow/swagger-mock-validator', 'none'].map((absent) => {
        try {
          requireDriftPeers(missing(absent));
          return 'all installed';
        } catch (error) {
          return error instanceof MissingPeerError ? error.message : String(error);
        }
      }),
    ).toEqual([
      'The drift check needs @pact-foundation/pact, which is not installed: npm install --save-dev @pact-foundation/pact',
      'The drift check needs @pactflow/swagger-mock-validator, which is not installed: npm install --save-dev @pactflow/swagger-mock-validator',
      'all installed',
    ]);
  });

  it('refuses a short token, and plain HTTP beyond this machine unless allowed, sending nothing', async () => {
    const options = {
      baseUrl: 'http://127.0.0.1:9',
      token,
      workspace: 'sales',
      strict: false,
      timeoutMs: 200,
    } satisfies DatabrainDriftOptions;
    const rejection = (run: Promise<unknown>) =>
      run.then(
        () => 'accepted',
        (error: unknown) => (error instanceof DriftConfigError ? error.message : String(error)),
      );
    // The same in a verifier the caller owns: a stand-in, since the check is refused before it is used.
    const verifier = new PactVerifier(workerDouble);
    try {
      expect(
        await Promise.all([
          rejection(runDatabrainDriftCheck({ ...options, token: 'short' })),
          rejection(runDatabrainDriftCheck({ ...options, baseUrl: 'http://api.example' })),
          rejection(runDatabrainDriftCheck({ ...options, baseUrl: 'http://api.example', token: 'short' })),
          rejection(runDriftCheckIn(verifier, { ...options, token: 'short' })),
          rejection(runDriftCheckIn(verifier, { ...options, baseUrl: 'http://api.example' })),
        ]),
      ).toEqual([
        shortTokenProblem('short', 'The token'),
        insecureUrlProblem(new URL('http://api.example'), 'The base URL', 'allowInsecureHttp'),
        shortTokenProblem('short', 'The token'),
        shortTokenProblem('short', 'The token'),
        insecureUrlProblem(new URL('http://api.example'), 'The base URL', 'allowInsecureHttp'),
      ]);
    } finally {
      await verifier.close();
    }
  });
});
