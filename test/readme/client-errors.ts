import { createDatabrainClient, DatabrainError } from 'databrain-contract-kit';

const client = createDatabrainClient({ token: () => process.env['DATABRAIN_SERVICE_TOKEN'] ?? '' });

try {
  await client.listDashboards('no-such-workspace');
} catch (error) {
  if (!(error instanceof DatabrainError)) throw error;
  switch (error.kind) {
    case 'api': // a documented error body: error.status and error.code
      console.log(error.status, error.code); // 400 'WORKSPACE_ID_ERROR'
      break;
    case 'unexpected-response': // not JSON, or a shape the spec does not allow: error.body holds it
    case 'network': // no answer: refused, reset, DNS
    case 'timeout': // no answer within timeoutMs
    case 'aborted': // your AbortSignal fired
    case 'page-limit': // a page-by-page read stopped at maxPages (default 10 000) before the last page
      console.log(error.kind, error.message); // the message never holds the token
  }
}
