import { createDatabrainClient } from 'databrain-contract-kit';
import { databrainScenario } from 'databrain-contract-kit/mocks/node';
import { expect, it } from 'vitest';
import { databrain } from './vitest.setup.js';

const client = createDatabrainClient({ token: 'dbn-dev-token' });

it('lists the seeded workspace 10 at a time', async () => {
  expect(await client.listDashboardsPage('my-workspace', 3)).toHaveLength(3);
});

it('shows a forced server failure', async () => {
  databrain.use(...databrainScenario({ error: 'INTERNAL_SERVER_ERROR' }));
  await expect(client.listDashboards('my-workspace')).rejects.toMatchObject({
    kind: 'api',
    status: 500,
    code: 'INTERNAL_SERVER_ERROR',
  });
});

it('shows a network failure, once', async () => {
  databrain.use(...databrainScenario({ networkError: true, once: true }));
  await expect(client.listDashboards('my-workspace')).rejects.toMatchObject({ kind: 'network' });
  expect(await client.listDashboards('my-workspace')).toHaveLength(23);
});

it('answers with a named example of the spec', async () => {
  databrain.use(...databrainScenario({ example: 'lastPartialPage' }));
  expect(await client.listDashboards('my-workspace')).toHaveLength(3);
});

it('times out a slow answer', async () => {
  databrain.use(...databrainScenario({ delayMs: 2_000 }));
  const impatient = createDatabrainClient({ token: 'dbn-dev-token', timeoutMs: 100 });
  await expect(impatient.listDashboards('my-workspace')).rejects.toMatchObject({ kind: 'timeout' });
});
