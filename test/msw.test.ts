import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatabrainWorld, devToken } from '../mocks/fixtures.js';
import { databrainScenario, setupDatabrainMswServer } from '../mocks/node.js';
import { createDatabrainClient } from '../src/index.js';
import { findResponseExample } from '../src/kernel/index.js';
import { post } from './support/http.js';
import { failure } from './support/failure.js';

const selfHosted = 'https://bi.example.test';
const server = setupDatabrainMswServer({ baseUrl: ['https://api.usedatabrain.com', selfHosted] });
const client = createDatabrainClient({ token: devToken });

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
});
afterEach(() => {
  server.resetHandlers();
});
afterAll(() => {
  server.close();
});

describe('the msw handlers in Node', () => {
  it('serve the client the dashboards of my-workspace on the cloud URL', async () => {
    const dashboards = await client.listDashboards('my-workspace');
    expect(dashboards).toHaveLength(23);
    expect(dashboards[0]).toEqual({ name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' });
  });

  it('serve a configured self-hosted base URL too', async () => {
    const selfHostedClient = createDatabrainClient({ token: devToken, baseUrl: selfHosted });
    expect(await selfHostedClient.listDashboardsPage('my-workspace', 3)).toHaveLength(3);
  });

  it('page my-workspace through the client as 10, 10, 3', async () => {
    const sizes: number[] = [];
    for await (const page of client.listDashboardPages('my-workspace')) sizes.push(page.dashboards.length);
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('answer an unknown workspace with WORKSPACE_ID_ERROR', async () => {
    const error = await failure(client.listDashboards('nope'));
    expect([error.status, error.code]).toEqual([400, 'WORKSPACE_ID_ERROR']);
  });

  it('answer a wrong token with INVALID_DATA_APP_API_KEY', async () => {
    const error = await failure(createDatabrainClient({ token: 'wrong' }).listDashboards('my-workspace'));
    expect([error.status, error.code]).toEqual([401, 'INVALID_DATA_APP_API_KEY']);
  });

  it('force a documented error with databrainScenario, on every request until the handlers are reset', async () => {
    server.use(...databrainScenario({ error: 'INTERNAL_SERVER_ERROR' }));
    const errors = [
      await failure(client.listDashboards('my-workspace')),
      await failure(client.listDashboards('my-workspace')),
      await failure(client.listWorkspaces()),
    ];
    expect(errors.map((error) => [error.status, error.code, error.message])).toEqual([
      [500, 'INTERNAL_SERVER_ERROR', 'Databrain answered 500 INTERNAL_SERVER_ERROR: Internal server error'],
      [500, 'INTERNAL_SERVER_ERROR', 'Databrain answered 500 INTERNAL_SERVER_ERROR: Internal server error'],
      [500, 'INTERNAL_SERVER_ERROR', 'Databrain answered 500 INTERNAL_SERVER_ERROR: Internal server error'],
    ]);
  });

  it('serve a named spec example with databrainScenario', async () => {
    server.use(...databrainScenario({ example: 'lastPartialPage' }));
    expect({ data: await client.listDashboards('any-name'), error: null }).toEqual(
      findResponseExample(200, 'lastPartialPage')?.value,
    );
  });

  it('force an error only once when asked, then answer normally', async () => {
    server.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR', once: true }));
    const first = await failure(client.listDashboards('my-workspace'));
    expect(first.code).toBe('WORKSPACE_ID_ERROR');
    expect(await client.listDashboards('my-workspace')).toHaveLength(23);
  });

  it('force an error on List Workspaces only once when asked, then answer normally', async () => {
    server.use(...databrainScenario({ operation: 'listWorkspaces', error: 'INTERNAL_SERVER_ERROR', once: true }));
    const first = await failure(client.listWorkspaces());
    expect([first.status, first.code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect(await client.listWorkspaces()).toHaveLength(Object.keys(defaultDatabrainWorld.workspaces).length);
  });

  it('fail the network with databrainScenario', async () => {
    server.use(...databrainScenario({ networkError: true }));
    const error = await failure(client.listDashboards('my-workspace'));
    expect(error.kind).toBe('network');
  });

  it('add latency with databrainScenario', async () => {
    server.use(...databrainScenario({ delayMs: 150 }));
    const started = performance.now();
    expect(await client.listDashboards('my-workspace')).toHaveLength(23);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('let a slow answer hit the client timeout', async () => {
    server.use(...databrainScenario({ delayMs: 2_000 }));
    const impatient = createDatabrainClient({ token: devToken, timeoutMs: 100 });
    expect((await failure(impatient.listDashboards('my-workspace'))).kind).toBe('timeout');
  });

  it('honour a Prefer header as the HTTP server does', async () => {
    const answer = await post('https://api.usedatabrain.com', {
      body: { workspaceName: 'my-workspace' },
      headers: { prefer: 'code=400, example=workspaceIdError' },
    });
    expect(answer).toEqual({
      status: 400,
      contentType: 'application/json',
      body: findResponseExample(400, 'workspaceIdError')?.value,
    });
  });
});
