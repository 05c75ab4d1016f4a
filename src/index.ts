export {
  createDatabrainClient,
  type CallOptions,
  type DashboardPage,
  type DatabrainClient,
  type DatabrainClientOptions,
  type PageOptions,
  type TokenSource,
} from './client.js';
export { DatabrainError, type DatabrainErrorKind } from './errors.js';
export {
  cloudBaseUrl,
  dashboardsPath,
  errorCodes,
  pageSize,
  type Dashboard,
  type DatabrainErrorBody,
  type ErrorCode,
  type ErrorResponse,
  type ListDashboardsRequest,
  type ListDashboardsResponse,
} from './spec.js';
export type { components, paths } from './generated/openapi.js';
