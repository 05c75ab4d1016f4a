/**
 * Consumer contracts of the typed client: one interaction per test, always through the client,
 * matchers instead of literal values, provider-state values instead of fixture names. The pact is
 * always written to a scratch folder, and compared at the end with the committed one as a file
 * snapshot: `npm run pacts` (vitest's `--update`) rewrites the committed one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabrainClient, type DatabrainClient } from '../src/index.js';
import { dashboardsPath, documentedErrors, pageSize, workspacesPageSize, workspacesPath } from '../src/kernel/index.js';
import { failure } from '../test/support/failure.js';
import { consumerName, invalidToken, pactFileName, placeholderToken, providerName, states } from './states.js';

const { constrainedArrayLike, eachLike, fromProviderState, like, nullValue, regex, string } = MatchersV3;

const committedPact = new URL(`./pacts/${pactFileName}`, import.meta.url).pathname;
const outputDir = mkdtempSync(join(tmpdir(), 'dck-pact-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

const pact = new PactV4({ consumer: consumerName, provider: providerName, dir: outputDir, logLevel: 'error' });

const dashboard = { name: string('Sales Dashboard'), externalDashboardId: string('sales_dash_123') };
const workspaceName = fromProviderState('${workspaceName}', 'my-workspace');
const jsonHeaders = { 'Content-Type': 'application/json' };
const authorized = { ...jsonHeaders, Authorization: regex('^Bearer \\S+$', `Bearer ${placeholderToken}`) };

/** An error body with the fields the client reads: the code, and a message. */
function errorBody(code: string) {
  return { error: { code, message: like('a readable explanation') } };
}

const clientFor = (url: string, token = placeholderToken): DatabrainClient =>
  createDatabrainClient({ token, baseUrl: url, timeoutMs: 5_000 });

describe('the typed client against the Databrain workspace and dashboards API', () => {
  it('lists every dashboard of an existing workspace', async () => {
    await pact
      .addInteraction()
      .given(states.workspaceWithDashboards, { workspaceName: 'my-workspace' })
      .uponReceiving('a request for every dashboard of a workspace')
      .withRequest('POST', dashboardsPath, (request) => request.headers(authorized).jsonBody({ workspaceName }))
      .willRespondWith(200, (response) =>
        response.headers(jsonHeaders).jsonBody({ data: eachLike(dashboard), error: nullValue() }),
      )
      .executeTest(async (server) => {
        const dashboards = await clientFor(server.url).listDashboards('my-workspace');
        expect(dashboards).toEqual([{ name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' }]);
      });
  });

  it('reads a first page of at most 10 dashboards', async () => {
    await pact
      .addInteraction()
      .given(states.workspaceWithDashboards, { workspaceName: 'my-workspace' })
      .uponReceiving('a request for the first page of a workspace')
      .withRequest('POST', dashboardsPath, (request) =>
        request.headers(authorized).jsonBody({ workspaceName, isPagination: true, pageNumber: 1 }),
      )
      .willRespondWith(200, (response) =>
        response
          .headers(jsonHeaders)
          .jsonBody({ data: constrainedArrayLike(dashboard, 1, pageSize, 2), error: nullValue() }),
      )
      .executeTest(async (server) => {
        const page = await clientFor(server.url).listDashboardsPage('my-workspace', 1);
        expect(page).toEqual([
          { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
          { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
        ]);
      });
  });

  it('reads an empty page past the last one', async () => {
    await pact
      .addInteraction()
      .given(states.workspaceWithDashboards, { workspaceName: 'my-workspace' })
      .uponReceiving('a request for a page past the last one')
      .withRequest('POST', dashboardsPath, (request) =>
        request.headers(authorized).jsonBody({
          workspaceName,
          isPagination: true,
          pageNumber: fromProviderState('${pastLastPage}', 4),
        }),
      )
      .willRespondWith(200, (response) => response.headers(jsonHeaders).jsonBody({ data: [], error: nullValue() }))
      .executeTest(async (server) => {
        expect(await clientFor(server.url).listDashboardsPage('my-workspace', 4)).toEqual([]);
      });
  });

  it('lists an empty workspace as an empty array', async () => {
    await pact
      .addInteraction()
      .given(states.emptyWorkspace, { workspaceName: 'empty-workspace' })
      .uponReceiving('a request for every dashboard of an empty workspace')
      .withRequest('POST', dashboardsPath, (request) =>
        request
          .headers(authorized)
          .jsonBody({ workspaceName: fromProviderState('${workspaceName}', 'empty-workspace') }),
      )
      .willRespondWith(200, (response) => response.headers(jsonHeaders).jsonBody({ data: [], error: nullValue() }))
      .executeTest(async (server) => {
        expect(await clientFor(server.url).listDashboards('empty-workspace')).toEqual([]);
      });
  });

  it('gets INVALID_REQUEST_BODY for a body without workspaceName', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request without workspaceName')
      .withRequest('POST', dashboardsPath, (request) => request.headers(authorized).jsonBody({}))
      .willRespondWith(documentedErrors.INVALID_REQUEST_BODY.status, (response) =>
        response.headers(jsonHeaders).jsonBody(errorBody('INVALID_REQUEST_BODY')),
      )
      .executeTest(async (server) => {
        const client = clientFor(server.url);
        const error = await failure(client.send({} as { workspaceName: string }));
        expect([error.status, error.code]).toEqual([
          documentedErrors.INVALID_REQUEST_BODY.status,
          'INVALID_REQUEST_BODY',
        ]);
      });
  });

  it('gets WORKSPACE_ID_ERROR for a workspace that does not exist', async () => {
    await pact
      .addInteraction()
      .given(states.noSuchWorkspace, { workspaceName: 'no-such-workspace' })
      .uponReceiving('a request for a workspace that does not exist')
      .withRequest('POST', dashboardsPath, (request) =>
        request
          .headers(authorized)
          .jsonBody({ workspaceName: fromProviderState('${workspaceName}', 'no-such-workspace') }),
      )
      .willRespondWith(documentedErrors.WORKSPACE_ID_ERROR.status, (response) =>
        response.headers(jsonHeaders).jsonBody(errorBody('WORKSPACE_ID_ERROR')),
      )
      .executeTest(async (server) => {
        const error = await failure(clientFor(server.url).listDashboards('no-such-workspace'));
        expect([error.status, error.code]).toEqual([documentedErrors.WORKSPACE_ID_ERROR.status, 'WORKSPACE_ID_ERROR']);
      });
  });

  it('gets INVALID_DATA_APP_API_KEY for an invalid token', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request with an invalid service token')
      .withRequest('POST', dashboardsPath, (request) =>
        request
          .headers({ ...jsonHeaders, Authorization: `Bearer ${invalidToken}` })
          .jsonBody({ workspaceName: 'my-workspace' }),
      )
      .willRespondWith(documentedErrors.INVALID_DATA_APP_API_KEY.status, (response) =>
        response.headers(jsonHeaders).jsonBody(errorBody('INVALID_DATA_APP_API_KEY')),
      )
      .executeTest(async (server) => {
        const error = await failure(clientFor(server.url, invalidToken).listDashboards('my-workspace'));
        expect([error.status, error.code]).toEqual([
          documentedErrors.INVALID_DATA_APP_API_KEY.status,
          'INVALID_DATA_APP_API_KEY',
        ]);
      });
  });

  it('gets INTERNAL_SERVER_ERROR when the server fails', async () => {
    await pact
      .addInteraction()
      .given(states.serverFails)
      .uponReceiving('a request while the server fails')
      .withRequest('POST', dashboardsPath, (request) => request.headers(authorized).jsonBody({ workspaceName }))
      .willRespondWith(documentedErrors.INTERNAL_SERVER_ERROR.status, (response) =>
        response.headers(jsonHeaders).jsonBody(errorBody('INTERNAL_SERVER_ERROR')),
      )
      .executeTest(async (server) => {
        const error = await failure(clientFor(server.url).listDashboards('my-workspace'));
        expect([error.status, error.code]).toEqual([
          documentedErrors.INTERNAL_SERVER_ERROR.status,
          'INTERNAL_SERVER_ERROR',
        ]);
      });
  });

  it('lists every workspace of the organisation, as the documentation calls it (no query)', async () => {
    await pact
      .addInteraction()
      .given(states.workspacesExist)
      .uponReceiving('a request for every workspace')
      .withRequest('GET', workspacesPath, (request) => request.headers({ Authorization: authorized.Authorization }))
      .willRespondWith(200, (response) =>
        response
          .headers(jsonHeaders)
          .jsonBody({ data: eachLike({ name: string('Sales Analytics') }), error: nullValue() }),
      )
      .executeTest(async (server) => {
        expect(await clientFor(server.url).listWorkspaces()).toEqual([{ name: 'Sales Analytics' }]);
      });
  });

  it('reads a first page of at most 10 workspaces', async () => {
    const workspacePage = {
      data: constrainedArrayLike({ name: string('Sales Analytics') }, 1, workspacesPageSize, 2),
      error: nullValue(),
    };
    await pact
      .addInteraction()
      .given(states.workspacesExist)
      .uponReceiving('a request for the first page of workspaces')
      .withRequest('GET', workspacesPath, (request) =>
        request.headers({ Authorization: authorized.Authorization }).query({ isPagination: 'true', pageNumber: '1' }),
      )
      .willRespondWith(200, (response) => response.headers(jsonHeaders).jsonBody(workspacePage))
      .executeTest(async (server) => {
        expect(await clientFor(server.url).listWorkspacesPage(1)).toEqual([
          { name: 'Sales Analytics' },
          { name: 'Sales Analytics' },
        ]);
      });
  });

  it('gets INVALID_DATA_APP_API_KEY listing workspaces with an invalid token', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for workspaces with an invalid service token')
      .withRequest('GET', workspacesPath, (request) => request.headers({ Authorization: `Bearer ${invalidToken}` }))
      .willRespondWith(documentedErrors.INVALID_DATA_APP_API_KEY.status, (response) =>
        response.headers(jsonHeaders).jsonBody(errorBody('INVALID_DATA_APP_API_KEY')),
      )
      .executeTest(async (server) => {
        const error = await failure(clientFor(server.url, invalidToken).listWorkspaces());
        expect([error.status, error.code]).toEqual([
          documentedErrors.INVALID_DATA_APP_API_KEY.status,
          'INVALID_DATA_APP_API_KEY',
        ]);
      });
  });

  it('matches the committed pact file (run `npm run pacts` after changing a contract)', async () => {
    await expect(readFileSync(join(outputDir, pactFileName), 'utf8')).toMatchFileSnapshot(committedPact);
  });
});
