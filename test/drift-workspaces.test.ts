/**
 * The drift check against providers whose List Workspaces drifted: each drift caught by the finding
 * that names it. In-process, over real HTTP on loopback, with the real Pact core (its own file, so
 * that it runs beside test/drift.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import { runDatabrainDriftCheck } from '../contracts/drift.js';
import { driftFindingsOf, driftOptions, refutes, type NamedFinding } from './support/drift.js';
import { cleanWorkspace, startProvider, workspaceDrifts } from './support/providers.js';

// The pact-against-spec check does not depend on the provider (test/spec-check.test.ts tests it).
vi.mock('../contracts/spec-check.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../contracts/spec-check.js')>();
  let kept: ReturnType<typeof real.checkPactAgainstSpec> | undefined;
  return { ...real, checkPactAgainstSpec: () => (kept ??= real.checkPactAgainstSpec()) };
});

describe.concurrent('the drift check and List Workspaces', () => {
  it.each(
    Object.entries({
      'a renamed workspace field (name → title)': {
        source: 'probe',
        name: 'every workspace (the documented call, no query)',
        where: '$.data[*].name',
        expected: 'present',
        actual: 'missing',
        message: '$.data[*].name is required by the spec but missing (in 13 items)',
      },
      'workspace pagination ignored': {
        source: 'pagination',
        name: 'workspace pages concatenate to the workspace list',
        where: 'page 1',
        expected: 'at most 10 workspaces',
        actual: '13 workspaces',
        message: 'pagination is ignored: page 1 holds the whole list of 13',
      },
      'a workspace page past the end that repeats the last page': {
        source: 'probe',
        name: 'a page of workspaces past the end (page 3)',
        where: '$.data',
        expected: '[]',
        actual: '3 workspaces',
        message: 'page 3 of workspaces is past the last page but holds 3 workspaces',
      },
      'a malformed page number refused with 400': {
        source: 'probe',
        name: 'workspaces with a malformed page number',
        where: 'status',
        expected: '200',
        actual: '400 INVALID_REQUEST_BODY',
        message: `answered 400 INVALID_REQUEST_BODY instead of 200${refutes}`,
      },
      'the configured workspace missing from the listing': {
        source: 'probe',
        name: 'every workspace (the documented call, no query)',
        where: '$.data',
        expected: `a workspace named "${cleanWorkspace}"`,
        actual: '12 workspaces without it',
        message: `workspace "${cleanWorkspace}" lists its dashboards but is missing from List Workspaces`,
      },
    } satisfies Record<keyof typeof workspaceDrifts, NamedFinding>),
  )('exits 1 against a provider whose List Workspaces has %s, naming it', async (name, expected) => {
    const provider = await startProvider(undefined, workspaceDrifts[name as keyof typeof workspaceDrifts]);
    try {
      const report = await runDatabrainDriftCheck(driftOptions(provider.url));
      expect(report.exitCode).toBe(1);
      expect(driftFindingsOf(report)).toContainEqual(expected);
    } finally {
      await provider.close();
    }
  });
});
