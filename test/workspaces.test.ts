/**
 * List Workspaces through every face of the mock: the HTTP server (the documentation's call, pages,
 * scenarios, malformed and hostile query strings), msw and the typed client, one seeded world for
 * both endpoints.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatabrainWorld, docsPlaceholderToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { databrainScenario, setupDatabrainMswServer } from '../mocks/node.js';
import { createDatabrainClient } from '../src/index.js';
import { spec } from '../src/generated/spec.js';
import { operationFacts, operationResponseValidator, workspacesPageSize } from '../src/kernel/index.js';
import { failure } from './support/failure.js';
import { codeOf, getWorkspaces, namesOf, post } from './support/http.js';

const allNames = Object.keys(defaultDatabrainWorld.workspaces);
const example = (name: string): unknown =>
  operationFacts.listWorkspaces.examples.find((candidate) => candidate.name === name)?.value;

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0 });
});
afterAll(() => mock.close());

describe('List Workspaces on the HTTP mock', () => {
  it('answers the documentation call (no query, the placeholder token) with every workspace', async () => {
    const answer = await getWorkspaces(mock.url, '', { token: docsPlaceholderToken });
    expect([answer.status, answer.contentType, (answer.body as { error: unknown }).error]).toEqual([
      200,
      'application/json',
      null,
    ]);
    expect(namesOf(answer)).toEqual(allNames);
    expect(allNames.length).toBeGreaterThan(workspacesPageSize);
  });

  it('pages 10 at a time from 1, the pages joining to the whole list and matching the spec examples', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => getWorkspaces(mock.url, `?isPagination=true&pageNumber=${page}`)),
    );
    expect(pages.map((page) => namesOf(page).length)).toEqual([10, 3, 0]);
    expect(pages.flatMap(namesOf)).toEqual(allNames);
    expect(pages.map((page) => page.body)).toEqual([
      example('firstWorkspacePage'),
      example('lastPartialWorkspacePage'),
      example('workspacePagePastTheEnd'),
    ]);
  });

  it('lists the dashboards of every listed workspace', async () => {
    const answers = await Promise.all(allNames.map((name) => post(mock.url, { body: { workspaceName: name } })));
    expect(answers.map((answer) => answer.status)).toEqual(allNames.map(() => 200));
    expect(answers.map((answer) => (answer.body as { data: unknown[] }).data.length)).toEqual(
      allNames.map((name) => defaultDatabrainWorld.workspaces[name]?.length),
    );
  });

  it('gives the documented 401 to a missing token and the documented 500 to Prefer: code=500', async () => {
    expect(codeOf(await getWorkspaces(mock.url, '', { token: null }))).toBe('INVALID_DATA_APP_API_KEY');
    const failed = await getWorkspaces(mock.url, '', { headers: { prefer: 'code=500' } });
    expect([failed.status, codeOf(failed)]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
  });

  it('serves a named example of its own, and refuses one of the dashboards endpoint by name', async () => {
    expect((await getWorkspaces(mock.url, '', { headers: { prefer: 'example=allWorkspaces' } })).body).toEqual(
      example('allWorkspaces'),
    );
    const refused = await getWorkspaces(mock.url, '', { headers: { prefer: 'example=lastPartialPage' } });
    expect((refused.body as { error: { message: string } }).error.message).toBe(
      'Prefer: example=lastPartialPage is an example of listWorkspaceDashboards, not of listWorkspaces',
    );
  });

  it.each([
    ['isPagination=yes', allNames],
    ['isPagination=TRUE&pageNumber=2', allNames],
    ['isPagination=true&pageNumber=abc', allNames.slice(0, workspacesPageSize)],
    ['isPagination=true&pageNumber=0', allNames.slice(0, workspacesPageSize)],
    ['isPagination=true&pageNumber=1.5', allNames.slice(0, workspacesPageSize)],
    ['isPagination=true&pageNumber=2&pageNumber=1', allNames.slice(0, workspacesPageSize)],
    ['isPagination=true&isPagination=true&pageNumber=2', allNames],
    ['isPagination=true&pageNumber=2&colour=blue', allNames.slice(workspacesPageSize)],
    ['isPagination=true&pageNumber=1000000000', []],
  ])('reads ?%s as its x-assumptions say: a malformed or repeated value takes its default', async (query, expected) => {
    expect(namesOf(await getWorkspaces(mock.url, `?${query}`))).toEqual(expected);
  });

  it('answers any query string with the page its x-assumptions give, in a body the spec allows', async () => {
    // A model of the assumptions, written from the spec's `x-accepted` values: one accepted value or the default.
    const parameters = spec.paths['/api/v2/workspace'].get.parameters;
    const allowed = (name: string, value: string): boolean => {
      const accepted = parameters.find((parameter) => parameter.name === name)?.schema['x-accepted'];
      return (
        accepted !== undefined &&
        ('enum' in accepted
          ? (accepted.enum as readonly string[]).includes(value)
          : new RegExp(accepted.pattern).test(value))
      );
    };
    const read = (query: URLSearchParams, name: string, fallback: string): string => {
      const values = query.getAll(name);
      return values.length === 1 && values[0] !== undefined && allowed(name, values[0]) ? values[0] : fallback;
    };
    const fragment = fc.oneof(
      fc.constantFrom(
        'isPagination=true',
        'isPagination=false',
        'pageNumber=1',
        'pageNumber=2',
        'pageNumber=3',
        'pageNumber=0',
        'isPagination=1',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 4 }), async (parts) => {
        // `#` would end the URL before the server sees the rest: it is sent encoded.
        const query = parts.map((part) => encodeURI(part).replaceAll('#', '%23')).join('&');
        const answer = await getWorkspaces(mock.url, `?${query}`);
        expect(answer.status).toBe(200);
        expect(operationResponseValidator('listWorkspaces', answer.status)?.(answer.body)).toBe(true);
        const parsed = new URLSearchParams(query);
        const paginated = read(parsed, 'isPagination', 'false') === 'true';
        const start = (Number(read(parsed, 'pageNumber', '1')) - 1) * workspacesPageSize;
        expect(namesOf(answer)).toEqual(paginated ? allNames.slice(start, start + workspacesPageSize) : allNames);
      }),
      { numRuns: 150 },
    );
  });
});

describe('List Workspaces through msw and the typed client', () => {
  const server = setupDatabrainMswServer();
  const client = createDatabrainClient({ token: 'dbn-dev-token' });
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('lists every workspace at once and page by page, the same way', async () => {
    expect((await client.listWorkspaces()).map((workspace) => workspace.name)).toEqual(allNames);
    const pages: number[] = [];
    for await (const page of client.listWorkspacePages()) pages.push(page.workspaces.length);
    expect(pages).toEqual([10, 3]);
    expect(await client.listAllWorkspacesByPage()).toEqual(await client.listWorkspaces());
    expect(await client.listWorkspacesPage(3)).toEqual([]);
  });

  it('applies an example of List Workspaces to it alone', async () => {
    server.use(...databrainScenario({ example: 'lastPartialWorkspacePage' }));
    expect((await client.listWorkspaces()).map((workspace) => workspace.name)).toEqual([
      'Executive Reports',
      'Partner Portal',
      'Regional Sales',
    ]);
    expect(await client.listDashboards('my-workspace')).toHaveLength(23);
  });

  it('applies an error both document to both, and one only the dashboards endpoint documents to it alone', async () => {
    server.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR' }));
    expect(await client.listWorkspaces()).toHaveLength(allNames.length);
    expect((await failure(client.listDashboards('my-workspace'))).code).toBe('WORKSPACE_ID_ERROR');
    server.resetHandlers();
    server.use(...databrainScenario({ error: 'INTERNAL_SERVER_ERROR' }));
    const [workspaces, dashboards] = await Promise.all([
      failure(client.listWorkspaces()),
      failure(client.listDashboards('my-workspace')),
    ]);
    expect([workspaces.status, workspaces.code, dashboards.status, dashboards.code]).toEqual([
      500,
      'INTERNAL_SERVER_ERROR',
      500,
      'INTERNAL_SERVER_ERROR',
    ]);
  });

  it('refuses a scenario no operation documents, naming the known ones', () => {
    expect(() => databrainScenario({ example: 'firstWorkspacePag' as 'firstWorkspacePage' })).toThrow(
      `databrainScenario: example=firstWorkspacePag names no example of the spec; use one of ${[
        ...operationFacts.listWorkspaceDashboards.exampleNames,
        ...operationFacts.listWorkspaces.exampleNames,
      ]
        .filter((name, index, names) => names.indexOf(name) === index)
        .join(', ')}`,
    );
    expect(() => databrainScenario({ operation: 'listWorkspaces', error: 'WORKSPACE_ID_ERROR' })).toThrow(
      'databrainScenario: error=WORKSPACE_ID_ERROR is not documented for listWorkspaces; use one of INVALID_DATA_APP_API_KEY, INTERNAL_SERVER_ERROR',
    );
  });

  it('stops after maxPages full pages of workspaces, saying how to read further', async () => {
    const pages: number[] = [];
    const reading = (async () => {
      for await (const page of client.listWorkspacePages({ maxPages: 1 })) pages.push(page.pageNumber);
    })();
    await expect(reading).rejects.toMatchObject({
      kind: 'page-limit',
      message: 'Stopped after 1 full pages of workspaces: raise maxPages to read further.',
    });
    expect(pages).toEqual([1]);
    expect((await client.listAllWorkspacesByPage({ startPage: 2 })).map((workspace) => workspace.name)).toEqual(
      allNames.slice(workspacesPageSize),
    );
  });

  it('reads a 10-digit page number as the page it is', async () => {
    expect(await client.listWorkspacesPage(1e9)).toEqual([]);
  });

  it('refuses a page number the API would read as page 1, and a maxPages below 1', async () => {
    await Promise.all(
      [0, -1, 1.5, Number.NaN, 1e21].map(async (page) =>
        expect(client.listWorkspacesPage(page)).rejects.toThrow(
          new TypeError(`listWorkspacesPage: ${page} is not a page number; pages are whole numbers from 1.`),
        ),
      ),
    );
    await expect(client.listAllWorkspacesByPage({ maxPages: 0 })).rejects.toThrow(
      new TypeError('maxPages must be a whole number of at least 1, not 0.'),
    );
  });

  it('refuses a page of more than 10 workspaces: the server did not paginate', async () => {
    const eleven = Array.from({ length: 11 }, (_, index) => ({ name: `w${index}` }));
    const unpaginated = createDatabrainClient({
      token: 'dbn-dev-token',
      fetch: () => Promise.resolve(new Response(JSON.stringify({ data: eleven, error: null }), { status: 200 })),
    });
    await expect(unpaginated.listAllWorkspacesByPage()).rejects.toMatchObject({
      kind: 'unexpected-response',
      status: 200,
      message: 'Page 1 held 11 workspaces, more than the page size of 10: the server did not paginate.',
    });
  });

  it('names the workspaces path when List Workspaces times out', async () => {
    const hanging = createDatabrainClient({
      token: 'dbn-dev-token',
      baseUrl: 'https://slow.example',
      timeoutMs: 50,
      fetch: (request) =>
        new Promise((_resolve, reject) => {
          // As fetch does: a signal already aborted (on a slow machine) rejects at once.
          if (request.signal.aborted) reject(request.signal.reason as Error);
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
        }),
    });
    await expect(hanging.listWorkspaces()).rejects.toMatchObject({
      kind: 'timeout',
      message: 'Databrain did not answer within 50 ms (https://slow.example/api/v2/workspace).',
    });
  });

  it('rejects a listing the spec does not allow as an unexpected response', async () => {
    const offSpec = createDatabrainClient({
      token: 'dbn-dev-token',
      fetch: () =>
        Promise.resolve(new Response(JSON.stringify({ data: [{ title: 'x' }], error: null }), { status: 200 })),
    });
    const error = await failure(offSpec.listWorkspaces());
    expect([error.kind, error.message]).toEqual([
      'unexpected-response',
      "Databrain answered 200 with a body the spec does not allow: /data/0 must have required property 'name'",
    ]);
  });
});
