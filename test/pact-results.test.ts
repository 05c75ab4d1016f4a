/**
 * How the Pact core's JSON results become the drift check's checks: each kind of mismatch, an
 * interaction that errored, failed or never ran, its duration, and a verifier that gave no results.
 * The results are written here in the shape the Pact core reports them; the real core's results are
 * read in contracts/provider.pact.test.ts and test/verification-request.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checksFromResults,
  pactInteractions,
  verifierFailed,
  verifierResults,
  verifyPact,
} from '../contracts/pact-verify.js';
import { checkOf } from '../src/kernel/findings.js';

const drift = (where: string, expected: string, actual: string, message: string) => ({
  severity: 'drift' as const,
  where,
  expected,
  actual,
  message,
});

describe('the checks of the Pact results', () => {
  it('names each kind of mismatch where it is, with what was expected and what came', () => {
    const checks = checksFromResults(
      {
        interactionResults: [{ description: 'a list', result: 'FAILED', duration: '12ms' }],
        errors: [
          {
            interaction: 'Verifying a pact between c and p Given s - a list',
            mismatch: {
              mismatches: [
                { type: 'StatusMismatch', expected: 200, actual: 500, mismatch: 'expected 200 but was 500' },
                { type: 'HeaderMismatch', key: 'Content-Type', expected: 'application/json', actual: 'text/html' },
                { type: 'HeaderMismatch', expected: null },
                { type: 'BodyMismatch', path: '$.data', expected: [1], actual: { a: 1 }, mismatch: 'not a list' },
                { type: 'BodyTypeMismatch' },
                {},
              ],
            },
          },
        ],
      },
      ['a list'],
    );
    expect(checks).toEqual([
      checkOf(
        'pact',
        'a list',
        [
          drift('status', '200', '500', 'expected 200 but was 500'),
          drift('header Content-Type', 'application/json', 'text/html', 'header Content-Type differs from the pact'),
          drift('header ', 'null', 'undefined', 'header  differs from the pact'),
          drift('$.data', '[1]', '{"a":1}', 'not a list'),
          drift('BodyTypeMismatch', 'undefined', 'undefined', 'BodyTypeMismatch differs from the pact'),
          drift('response', 'undefined', 'undefined', 'response differs from the pact'),
        ],
        12,
      ),
    ]);
  });

  it('puts each error on its own interaction, by its description or the end of its name', () => {
    const checks = checksFromResults(
      {
        interactionResults: [
          { description: 'first', result: 'OK', duration: '1.5s' },
          { description: 'second', result: 'FAILED', duration: '3s' },
          { description: 'third', result: 'FAILED' },
        ],
        errors: [
          { interaction: 'second', mismatch: { message: 'connection refused\nmore' } },
          { interaction: 'Given s - third', mismatch: { mismatches: [] } },
          { interaction: 'not first' },
          { interaction: 'Given s - fourth' },
        ],
      },
      ['first', 'second', 'third', 'fourth'],
    );
    expect(checks).toEqual([
      checkOf('pact', 'first', [], 1500),
      checkOf('pact', 'second', [drift('request', 'an answer', 'an error', 'connection refused\nmore')], 3000),
      checkOf('pact', 'third', [drift('request', 'an answer', 'an error', 'the interaction failed')], 0),
      // An error for an interaction the results do not list: the error, not "not run" as well.
      checkOf('pact', 'fourth', [drift('request', 'an answer', 'an error', 'the interaction failed')], 0),
    ]);
  });

  it('fails an interaction the verifier failed without a mismatch, and one it never ran', () => {
    const checks = checksFromResults(
      { interactionResults: [{ description: 'ran', result: 'PENDING', duration: 'soon' }] },
      ['ran', 'skipped'],
    );
    expect(checks).toEqual([
      checkOf('pact', 'ran', [drift('interaction', 'OK', 'PENDING', 'the verifier reported PENDING')], 0),
      checkOf('pact', 'skipped', [
        drift('interaction', 'verified', 'not run', 'the verifier did not run this interaction'),
      ]),
    ]);
  });

  it('fails every interaction as not run when the results list none', () => {
    expect(checksFromResults({}, ['alone'])).toEqual([
      checkOf('pact', 'alone', [
        drift('interaction', 'verified', 'not run', 'the verifier did not run this interaction'),
      ]),
    ]);
  });

  it('reads only whole durations, in ms or s', () => {
    const durations = ['7ms', '0.25s', '2.5ms', 'x7ms', '7msx', '7', 'ms', '.5s', '7.ms'];
    const checks = checksFromResults(
      { interactionResults: durations.map((duration) => ({ description: duration, result: 'OK', duration })) },
      durations,
    );
    expect(checks.map((check) => check.durationMs)).toEqual([7, 250, 2.5, 0, 0, 0, 0, 0, 0]);
  });

  it('fails every interaction with the reason when the verifier gave no results', () => {
    expect(verifierFailed([{ description: 'one' }, { description: 'two' }], 'it broke')).toEqual([
      checkOf('pact', 'one', [drift('verifier', 'results', 'none', 'it broke')]),
      checkOf('pact', 'two', [drift('verifier', 'results', 'none', 'it broke')]),
    ]);
  });
});

describe("the verifier's results", () => {
  const results = { interactionResults: [{ description: 'a', result: 'OK' }] };
  const settles = (outcome: () => Promise<unknown>) => verifierResults({ verifyProvider: outcome });

  it('are read from what it resolves with, or from the error it rejects with', async () => {
    expect(await settles(() => Promise.resolve(JSON.stringify(results)))).toEqual({ results });
    expect(await settles(() => Promise.reject(new Error(JSON.stringify(results))))).toEqual({ results });
    expect(await settles(() => Promise.reject(JSON.stringify(results)))).toEqual({ results });
  });

  it('are missing with the first line of why, when it gave none', async () => {
    expect(await settles(() => Promise.reject(new Error('the core stopped\nat line 2')))).toEqual({
      reason: 'the core stopped',
    });
    expect(await settles(() => Promise.reject('no provider\nsecond'))).toEqual({ reason: 'no provider' });
    expect(await settles(() => Promise.reject(42))).toEqual({ reason: 'no results' });
    expect(await settles(() => Promise.resolve('not json'))).toEqual({ reason: 'no results' });
    expect(await settles(() => Promise.resolve({ interactionResults: [] }))).toEqual({ reason: 'no results' });
  });
});

describe('a verification with every interaction left out', () => {
  it('runs no verifier and reports each one as not verifiable', async () => {
    const notVerifiable = Object.fromEntries(
      pactInteractions().map((interaction) => [interaction.description, 'left out']),
    );
    // No provider listens at this address: had the verifier run, each check would be a drift.
    const checks = await verifyPact({ providerBaseUrl: 'http://127.0.0.1:9', stateHandlers: {}, notVerifiable });
    expect(checks.map((check) => [check.source, check.name, check.status, check.findings[0]?.message])).toEqual(
      Object.keys(notVerifiable).map((name) => ['pact', name, 'not-verifiable', 'left out']),
    );
  });

  it('names "none" as the state of an interaction that has none', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'dck-pact-results-'));
    const pactFile = join(scratch, 'pact.json');
    writeFileSync(pactFile, JSON.stringify({ interactions: [{ description: 'stateless' }] }));
    try {
      const checks = await verifyPact({
        providerBaseUrl: 'http://127.0.0.1:9',
        stateHandlers: {},
        notVerifiable: { stateless: 'left out' },
        pactFile,
      });
      expect(checks).toEqual([
        checkOf('pact', 'stateless', [
          {
            severity: 'not-verifiable',
            where: 'provider state',
            expected: 'none',
            actual: 'cannot be set up',
            message: 'left out',
          },
        ]),
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
