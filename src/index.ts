/** The typed client: what an app needs to list Databrain workspaces and dashboards, and nothing else. */
export {
  createDatabrainClient,
  type CallOptions,
  type DashboardPage,
  type DatabrainClient,
  type DatabrainClientOptions,
  type PageOptions,
  type TokenSource,
  type WorkspacePage,
} from './client.js';
export { DatabrainError, type DatabrainErrorDetails, type DatabrainErrorKind } from './errors.js';
export {
  cloudBaseUrl,
  dashboardsPath,
  errorCodes,
  pageSize,
  workspacesPath,
  type Dashboard,
  type DatabrainErrorObject,
  type DatabrainErrorResponse,
  type ErrorCode,
  type ExampleName,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
  type ListWorkspacesResponse,
  type Workspace,
  type WorkspacesExampleName,
} from './kernel/index.js';
export type { components, paths } from './generated/openapi.js';
