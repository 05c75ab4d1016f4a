// In a browser app: talk to the local mock (or a server of your own), never with a real token.
import { createDatabrainClient } from 'databrain-contract-kit';

const client = createDatabrainClient({
  token: 'dbn-dev-token', // a token the mock accepts, not a secret
  baseUrl: 'http://127.0.0.1:4010', // npx databrain-mock
});

const firstPage = await client.listDashboardsPage('my-workspace', 1);
console.log(firstPage.map((dashboard) => dashboard.name));
