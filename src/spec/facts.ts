/**
 * The facts of the spec that more than one part needs, read from the generated modules so that
 * none of them is written twice.
 */
import { errorCodeValues, type components, type paths } from '../generated/openapi.js';
import {
  cloudBaseUrl,
  listWorkspaceDashboards,
  listWorkspaceDashboardsErrors,
  listWorkspaceDashboardsExampleNames,
  listWorkspaceDashboardsExamples,
} from '../generated/operations.js';

export { cloudBaseUrl };

export type Dashboard = components['schemas']['Dashboard'];
export type ListDashboardsRequest = components['schemas']['ListDashboardsRequest'];
export type ListDashboardsResponse = components['schemas']['ListDashboardsResponse'];
export type ErrorCode = components['schemas']['ErrorCode'];
/** The body of every documented error answer: `{ error: { code, message, status? } }`. */
export type DatabrainErrorResponse = components['schemas']['ErrorResponse'];
/** The error object inside a {@link DatabrainErrorResponse}. */
export type DatabrainErrorObject = components['schemas']['Error'];

/** The path of List dashboards in a workspace. */
export const dashboardsPath = listWorkspaceDashboards.path satisfies keyof paths;

/** Dashboards per page when `isPagination` is true (the operation's `x-page-size`). */
export const pageSize: number = listWorkspaceDashboards.pageSize;

/** The documented HTTP statuses of the operation. */
export const documentedStatuses: readonly number[] = listWorkspaceDashboards.statuses;

/** The values the request schema gives to the fields a body leaves out. */
export const requestDefaults = listWorkspaceDashboards.requestDefaults satisfies Required<Omit<ListDashboardsRequest, 'workspaceName'>>;

/** Every documented error code, in the spec's order. */
export const errorCodes: readonly ErrorCode[] = errorCodeValues;

/** The name of a named response example of the spec. */
export type ExampleName = (typeof listWorkspaceDashboardsExampleNames)[number];

/** What the spec documents of an error code: its status, and the message and name of its example. */
export interface DocumentedError {
  readonly status: number;
  readonly message: string;
  readonly example: ExampleName;
}

/** Each error code's documented status, message and example (every code has one, or this fails to compile). */
export const documentedErrors: Readonly<Record<ErrorCode, DocumentedError>> = listWorkspaceDashboardsErrors;

/** One named example of a response: its name, the status it belongs to and its body. */
export interface NamedExample {
  readonly name: ExampleName;
  readonly status: number;
  readonly value: unknown;
}

/** Every named response example of the operation, in the spec's order. */
export const responseExamples: readonly NamedExample[] = listWorkspaceDashboardsExamples;

/** The names of the response examples, in the spec's order. */
export const exampleNames: readonly ExampleName[] = listWorkspaceDashboardsExampleNames;

/** True when `name` names a response example of the spec. */
export function isExampleName(name: string): name is ExampleName {
  return (exampleNames as readonly string[]).includes(name);
}

/** The named example of a status, or its first one when no name is given. */
export function findResponseExample(status: number, name?: string): NamedExample | undefined {
  return responseExamples.find((example) => example.status === status && (name === undefined || example.name === name));
}
