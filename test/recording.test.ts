import { describe, expect, it } from 'vitest';
import { generatedWorkspace } from '../mocks/fixtures.js';
import { createRecorder, type SeenExchange } from '../mocks/recording.js';
import { documentedErrors, workspacesPageSize } from '../src/kernel/index.js';

/** A success body of either list operation. */
const listBody = (data: unknown[]) => ({ data, error: null });
const dashboards = (workspaceName: string, data: unknown[], page?: number): SeenExchange => ({
  operation: 'listWorkspaceDashboards',
  requestBody: page === undefined ? { workspaceName } : { workspaceName, isPagination: true, pageNumber: page },
  status: 200,
  body: listBody(data),
});
const workspaceNames = (names: string[], query = ''): SeenExchange => ({
  operation: 'listWorkspaces',
  query: new URLSearchParams(query),
  status: 200,
  body: listBody(names.map((name) => ({ name }))),
});

const twelveBoards = generatedWorkspace(12, 'Board');

describe('the recorder', () => {
  it('records a workspace seen unpaginated, with its dashboards in order and the mock tokens only', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('alpha', twelveBoards));
    expect(recorder.recording(['dbn-dev-token'])).toEqual({
      world: { tokens: ['dbn-dev-token'], workspaces: { alpha: twelveBoards } },
      leftOut: [],
    });
  });

  it('records a workspace whose pages 1..n end with a short page', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('alpha', twelveBoards.slice(10), 2));
    recorder.seen(dashboards('alpha', twelveBoards.slice(0, 10), 1));
    expect(recorder.recording(['t']).world.workspaces).toEqual({ alpha: twelveBoards });
  });

  it('leaves out a workspace seen only in part, saying which page is missing', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('alpha', twelveBoards.slice(0, 10), 1));
    recorder.seen(dashboards('beta', twelveBoards.slice(10), 2));
    expect(recorder.recording(['t'])).toEqual({
      world: { tokens: ['t'], workspaces: {} },
      leftOut: [
        'workspace "alpha" left out: page 2 was not seen (seen: 1), so its list was not seen whole',
        'workspace "beta" left out: page 1 was not seen (seen: 2), so its list was not seen whole',
      ],
    });
  });

  it('keeps a workspace the API did not know unknown', () => {
    const recorder = createRecorder();
    const { status, message } = documentedErrors.WORKSPACE_ID_ERROR;
    recorder.seen({
      operation: 'listWorkspaceDashboards',
      requestBody: { workspaceName: 'ghost' },
      status,
      body: { error: { code: 'WORKSPACE_ID_ERROR', message } },
    });
    expect(recorder.recording(['t'])).toEqual({
      world: { tokens: ['t'], workspaces: {} },
      leftOut: ['workspace "ghost" stays unknown: the API answered WORKSPACE_ID_ERROR'],
    });
  });

  it('orders the recorded workspaces as the workspace listing does, and names the listed ones never asked for', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('beta', []));
    recorder.seen(dashboards('alpha', twelveBoards.slice(0, 2)));
    recorder.seen(workspaceNames(['alpha', 'gamma', 'beta']));
    const { world, leftOut } = recorder.recording(['t']);
    expect(Object.entries(world.workspaces)).toEqual([
      ['alpha', twelveBoards.slice(0, 2)],
      ['beta', []],
    ]);
    expect(leftOut).toEqual(['1 listed workspace(s) left out, their dashboards never asked for: gamma']);
  });

  it('keeps a workspace named __proto__ as data', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('__proto__', twelveBoards.slice(0, 1)));
    const { world } = recorder.recording(['t']);
    expect(Object.entries(world.workspaces)).toEqual([['__proto__', twelveBoards.slice(0, 1)]]);
    expect(Object.getPrototypeOf(world.workspaces)).toBe(Object.prototype);
  });

  it('ignores answers the spec does not allow', () => {
    const recorder = createRecorder();
    recorder.seen({ ...dashboards('alpha', []), body: { data: [{ title: 'x' }], error: null } });
    expect(recorder.recording(['t']).world.workspaces).toEqual({});
  });
});

describe('the recorder and List Workspaces queries', () => {
  it('reads each page of workspaces as the API reads the query, and orders by the pages joined', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('b', []));
    recorder.seen(dashboards('a', []));
    // A repeated pageNumber is read as page 1, a malformed one too: both are the first page.
    recorder.seen(workspaceNames(['a', 'b'], 'isPagination=true&pageNumber=2&pageNumber=9'));
    recorder.seen(workspaceNames(['x'], 'isPagination=true&pageNumber=abc'));
    const { world, leftOut } = recorder.recording(['t']);
    expect([world.tokens, Object.entries(world.workspaces), leftOut]).toEqual([
      ['t'],
      [
        ['b', []],
        ['a', []],
      ],
      ['1 listed workspace(s) left out, their dashboards never asked for: x'],
    ]);
    const ordered = createRecorder();
    ordered.seen(dashboards('b', []));
    ordered.seen(dashboards('a', []));
    ordered.seen(workspaceNames(['a', 'b'], 'isPagination=true&pageNumber=1'));
    expect(Object.keys(ordered.recording(['t']).world.workspaces)).toEqual(['a', 'b']);
  });

  it('takes a repeated isPagination as the whole listing', () => {
    const recorder = createRecorder();
    recorder.seen(dashboards('b', []));
    recorder.seen(dashboards('a', []));
    // As many names as a full page: read as page 1, the listing would wait for a page 2.
    const others = Array.from({ length: workspacesPageSize - 2 }, (_, index) => `other-${index + 1}`);
    recorder.seen(workspaceNames(['a', 'b', ...others], 'isPagination=true&isPagination=true'));
    const { world, leftOut } = recorder.recording(['t']);
    expect([world.tokens, Object.entries(world.workspaces), leftOut]).toEqual([
      ['t'],
      [
        ['a', []],
        ['b', []],
      ],
      [`${others.length} listed workspace(s) left out, their dashboards never asked for: ${others.join(', ')}`],
    ]);
  });

  it('records nothing from an exchange it cannot read: an error, a body the spec does not allow, a request that is not one', () => {
    const recorder = createRecorder();
    const { status: missingStatus, message } = documentedErrors.WORKSPACE_ID_ERROR;
    recorder.seen({
      ...dashboards('alpha', twelveBoards),
      status: 500,
      body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'm' } },
    });
    recorder.seen({ ...dashboards('beta', [{ title: 'B' }]) });
    recorder.seen({ ...dashboards('gamma', twelveBoards), requestBody: ['gamma'] });
    recorder.seen({ ...dashboards('delta', twelveBoards), requestBody: { workspaceName: 7 } });
    recorder.seen({ ...dashboards('delta', twelveBoards), requestBody: null });
    recorder.seen({
      ...workspaceNames(['alpha']),
      status: 500,
      body: { error: { code: 'INTERNAL_SERVER_ERROR', message: 'm' } },
    });
    recorder.seen({ ...workspaceNames(['beta']), body: listBody([{ id: 1 }]) });
    // The code of an unknown workspace under another status is not the API saying it is unknown.
    recorder.seen({
      operation: 'listWorkspaceDashboards',
      requestBody: { workspaceName: 'ghost' },
      status: missingStatus + 1,
      body: { error: { code: 'WORKSPACE_ID_ERROR', message } },
    });
    expect(recorder.recording(['t'])).toEqual({ world: { tokens: ['t'], workspaces: {} }, leftOut: [] });
  });

  it('names the pages it saw in numeric order', () => {
    const recorder = createRecorder();
    for (const page of [10, 9, 2]) recorder.seen(dashboards('alpha', twelveBoards.slice(0, 10), page));
    expect(recorder.recording(['t']).leftOut).toEqual([
      'workspace "alpha" left out: page 1 was not seen (seen: 2, 9, 10), so its list was not seen whole',
    ]);
  });
});
