// On a server (Node, an API route, a worker): the service token never leaves it.
import {
  createDatabrainClient,
  type Dashboard,
  type ListDashboardsResponse,
  type Workspace,
} from 'databrain-contract-kit';

const client = createDatabrainClient({
  token: () => process.env['DATABRAIN_SERVICE_TOKEN'] ?? '', // read at request time
  baseUrl: 'https://api.usedatabrain.com', // the default; a self-hosted install's URL works too
  timeoutMs: 10_000,
});

// Every dashboard in one response (pagination off).
const all: Dashboard[] = await client.listDashboards('my-workspace');

// One page of up to 10, counted from 1; a page past the last one is [].
const second: Dashboard[] = await client.listDashboardsPage('my-workspace', 2);

// Page after page, until one holds fewer than 10 (the API gives no total count).
for await (const { pageNumber, dashboards } of client.listDashboardPages('my-workspace', { maxPages: 100 })) {
  console.log(`page ${pageNumber}: ${dashboards.length} dashboards`);
}

// Every dashboard, read a page at a time.
const paged: Dashboard[] = await client.listAllDashboardsByPage('my-workspace');

// Any body, sent as it is; the whole success body comes back.
const body: ListDashboardsResponse = await client.send({
  workspaceName: 'my-workspace',
  isPagination: true,
  pageNumber: 1,
});

// The organisation's workspaces (List Workspaces): all at once, one page of up to 10, or page by page.
const workspaces: Workspace[] = await client.listWorkspaces();
const firstTen: Workspace[] = await client.listWorkspacesPage(1);
const everyWorkspace: Workspace[] = await client.listAllWorkspacesByPage();

console.log(
  all.length,
  second.length,
  paged.length,
  body.data.length,
  workspaces.length,
  firstTen.length,
  everyWorkspace.length,
);
