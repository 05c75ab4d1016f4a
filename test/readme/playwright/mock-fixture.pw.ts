// mock-fixture.pw.ts: the app in Chromium against databrain-mock, steered through its control API.
import { expect, test } from '@playwright/test';
import { connectDatabrainMock } from 'databrain-contract-kit/mocks/http';

const mockUrl = process.env['DATABRAIN_MOCK_URL'] ?? '';
const mock = connectDatabrainMock(mockUrl);
const appUrl = `${process.env['APP_URL'] ?? ''}?mock=server&url=${encodeURIComponent(mockUrl)}`;

test.beforeEach(() => mock.reset());

test('shows a server failure, then the dashboards, having asked for page 1 each time', async ({ page }) => {
  await mock.use({ error: 'INTERNAL_SERVER_ERROR', operation: 'listWorkspaceDashboards' });
  await page.goto(appUrl);
  await page.fill('#workspace', 'my-workspace');
  await page.click('#load');
  await expect(page.locator('#error')).toHaveText('Databrain failed on its side (server error): try again later.');

  await mock.clear();
  await page.click('#load');
  await expect(page.locator('#dashboards li')).toHaveCount(10);

  const asked = (await mock.requests()).map(({ method, path, query, body, status, code }) => ({
    method,
    path,
    query,
    body,
    status,
    code,
  }));
  const page1 = { workspaceName: 'my-workspace', isPagination: true, pageNumber: 1 };
  expect(asked).toEqual([
    { method: 'GET', path: '/api/v2/workspace', query: 'isPagination=true&pageNumber=1', status: 200 },
    { method: 'GET', path: '/api/v2/workspace', query: 'isPagination=true&pageNumber=2', status: 200 },
    {
      method: 'POST',
      path: '/api/v2/workspace/dashboards',
      query: '',
      body: page1,
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
    },
    { method: 'POST', path: '/api/v2/workspace/dashboards', query: '', body: page1, status: 200 },
  ]);
});

test('answers the next request only with a scenario given once', async ({ page }) => {
  await page.goto(appUrl);
  await mock.use({ error: 'WORKSPACE_ID_ERROR', once: true });
  await page.fill('#workspace', 'my-workspace');
  await page.click('#load');
  await expect(page.locator('#error')).toHaveText('No workspace named "my-workspace" exists in your organisation.');
  await page.click('#load');
  await expect(page.locator('#dashboards li')).toHaveCount(10);
});
