/** The typed client: what an app needs to list Databrain dashboards, and nothing else. */
export {
  createDatabrainClient,
  type CallOptions,
  type DashboardPage,
  type DatabrainClient,
  type DatabrainClientOptions,
  type PageOptions,
  type TokenSource,
} from './client.js';
export { DatabrainError, type DatabrainErrorDetails, type DatabrainErrorKind } from './errors.js';
export {
  cloudBaseUrl,
  dashboardsPath,
  errorCodes,
  pageSize,
  type Dashboard,
  type DatabrainErrorObject,
  type DatabrainErrorResponse,
  type ErrorCode,
  type ExampleName,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
} from './spec/index.js';
export type { components, paths } from './generated/openapi.js';
