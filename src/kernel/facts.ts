/**
 * The facts of the spec that more than one part needs, read from the generated modules so that
 * none of them is written twice. Each operation's facts are named after it; the dashboards
 * operation's also go by their short names (`dashboardsPath`, `pageSize`, `documentedErrors`...).
 */
import type { components, operations, paths } from '../generated/openapi.js';
import {
  cloudBaseUrl,
  listWorkspaceDashboards,
  listWorkspaceDashboardsErrors,
  listWorkspaceDashboardsExampleNames,
  listWorkspaceDashboardsExamples,
  listWorkspaceDashboardsOperation,
  listWorkspaces,
  listWorkspacesExampleNames,
  listWorkspacesOperation,
} from '../generated/operations.js';

export { cloudBaseUrl };

export type Dashboard = components['schemas']['Dashboard'];
export type Workspace = components['schemas']['Workspace'];
export type ListDashboardsRequest = components['schemas']['ListDashboardsRequest'];
export type ListDashboardsResponse = components['schemas']['ListDashboardsResponse'];
export type ListWorkspacesQuery = NonNullable<operations['listWorkspaces']['parameters']['query']>;
export type ListWorkspacesResponse = components['schemas']['WorkspaceListResponse'];
/** The body of every documented error answer: `{ error: { code, message, status? } }`, each status its own codes. */
export type DatabrainErrorResponse =
  | components['schemas']['BadRequestResponse']
  | components['schemas']['UnauthorizedResponse']
  | components['schemas']['InternalServerErrorResponse'];
/** The error object inside a {@link DatabrainErrorResponse}. */
export type DatabrainErrorObject = DatabrainErrorResponse['error'];
/** Every documented error code. */
export type ErrorCode = DatabrainErrorObject['code'];

/** The operations of the spec, by operationId. */
export type OperationId = keyof operations;

/** The path of List dashboards in a workspace. */
export const dashboardsPath = listWorkspaceDashboards.path satisfies keyof paths;
/** The path of List Workspaces. */
export const workspacesPath = listWorkspaces.path satisfies keyof paths;

/** Dashboards per page when `isPagination` is true (the operation's `x-page-size`). */
export const pageSize: number = listWorkspaceDashboards.pageSize;
/** Workspaces per page when `isPagination` is "true". */
export const workspacesPageSize: number = listWorkspaces.pageSize;
/** The media type of every documented answer (the spec's; JSON is UTF-8, so no charset parameter). */
export const jsonMediaType: string = listWorkspaceDashboards.mediaType;
/** The largest page number a List dashboards request takes (its `pageNumber` schema's `maximum`). */
export const maxPageNumber: number = listWorkspaceDashboards.maxPageNumber;
/** The largest request body the local mock accepts (the request body's `x-max-body-bytes`). */
export const maxBodyBytes: number = listWorkspaceDashboards.maxBodyBytes;

/** The documented HTTP statuses of List dashboards. */
export const documentedStatuses: readonly number[] = listWorkspaceDashboards.statuses;

/** The one 2xx status among `statuses`; throws when the spec documents none or several. */
export function onlySuccessStatus(statuses: readonly number[]): number {
  const successes = [...new Set(statuses.filter((status) => status >= 200 && status < 300))];
  const [only] = successes;
  if (only === undefined || successes.length > 1) {
    throw new Error(`the spec documents ${successes.length} success statuses (${successes.join(', ')}), not one`);
  }
  return only;
}

/** The status of every successful answer: the one 2xx status the operations document. */
export const successStatus: number = /* @__PURE__ */ onlySuccessStatus([
  ...listWorkspaceDashboards.statuses,
  ...listWorkspaces.statuses,
]);

/** The values the dashboards request schema gives to the fields a body leaves out. */
export const requestDefaults = listWorkspaceDashboards.requestDefaults satisfies Required<
  Omit<ListDashboardsRequest, 'workspaceName'>
>;
/** The values List Workspaces gives to the query parameters a request leaves out. */
export const workspacesQueryDefaults = listWorkspaces.requestDefaults satisfies Required<ListWorkspacesQuery>;

/** Every documented error code, in the order of the spec's examples. */
export const errorCodes = Object.keys(listWorkspaceDashboardsErrors) as readonly ErrorCode[];

/** The name of a named response example of List dashboards. */
export type ExampleName = (typeof listWorkspaceDashboardsExampleNames)[number];
/** The name of a named response example of List Workspaces. */
export type WorkspacesExampleName = (typeof listWorkspacesExampleNames)[number];
/** The name of a named response example of any operation. */
export type AnyExampleName = ExampleName | WorkspacesExampleName;

/** What the spec documents of an error code: its status, and the message and name of its example. */
export interface DocumentedError<Name extends string = ExampleName> {
  readonly status: number;
  readonly message: string;
  readonly example: Name;
}

/** Each error code's documented status, message and example (every code has one, or this fails to compile). */
export const documentedErrors: Readonly<Record<ErrorCode, DocumentedError>> = listWorkspaceDashboardsErrors;

/** One named example of a response: its name, the status it belongs to and its body. */
export interface NamedExample<Name extends string = ExampleName> {
  readonly name: Name;
  readonly status: number;
  readonly value: unknown;
}

/** Every named response example of List dashboards, in the spec's order. */
export const responseExamples: readonly NamedExample[] = listWorkspaceDashboardsExamples;

/** The names of List dashboards' response examples, in the spec's order. */
export const exampleNames: readonly ExampleName[] = listWorkspaceDashboardsExampleNames;

/** The named example of a status, or its first one when no name is given. */
export function findResponseExample(status: number, name?: string): NamedExample | undefined {
  return responseExamples.find((example) => example.status === status && (name === undefined || example.name === name));
}

/** What the mocks and the drift check need to know of one operation. */
export interface OperationFacts<Name extends string = string> {
  readonly facts: {
    readonly operationId: OperationId;
    readonly method: 'GET' | 'POST';
    readonly path: keyof paths;
    readonly pageSize: number;
    readonly statuses: readonly number[];
  };
  /** The error codes the operation documents. */
  readonly errors: Readonly<Partial<Record<ErrorCode, DocumentedError<Name>>>>;
  readonly examples: readonly NamedExample<Name>[];
  readonly exampleNames: readonly Name[];
}

/** Every operation of the spec, by operationId. */
export const operationFacts = {
  listWorkspaceDashboards: listWorkspaceDashboardsOperation,
  listWorkspaces: listWorkspacesOperation,
} as const satisfies Readonly<Record<OperationId, OperationFacts>>;

/** The operation a method and path name, if the spec has it. */
export function operationAt(method: string, path: string): OperationFacts | undefined {
  return Object.values(operationFacts).find(
    (operation) => operation.facts.method === method && operation.facts.path === path,
  );
}
