/**
 * The drift check's configuration as `databrain-drift` reads it (flags and environment),
 * in-process: every mistake named in one line, and the options it gives when all is well.
 */
import { describe, expect, it } from 'vitest';
import { driftConfig, DriftConfigError } from '../contracts/drift.js';

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
