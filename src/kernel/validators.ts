/**
 * The spec's schemas as precompiled validators (Ajv standalone code written by `npm run generate`):
 * nothing is compiled at run time, so they run under a strict Content-Security-Policy.
 */
import { listWorkspaceDashboardsRequestFields, listWorkspacesQuery } from '../generated/validate-fields.js';
import { listWorkspaceDashboardsRequest, validateDashboard } from '../generated/validate-requests.js';
import {
  listWorkspaceDashboardsResponses,
  listWorkspacesResponses,
  type ValidationIssue,
  type Validator,
} from '../generated/validate-responses.js';
import { successStatus, workspacesQueryDefaults, type DatabrainErrorResponse, type OperationId } from './facts.js';

export type { ValidationIssue, Validator };

type DashboardsResponses = typeof listWorkspaceDashboardsResponses;
type WorkspacesResponses = typeof listWorkspacesResponses;

/** Each operation's response validators, by status. */
const responseValidators = {
  listWorkspaceDashboards: listWorkspaceDashboardsResponses,
  listWorkspaces: listWorkspacesResponses,
} as const satisfies Record<OperationId, Readonly<Record<number, Validator>>>;

function byStatus(validators: Readonly<Record<number, Validator>>, status: number): Validator | undefined {
  return Object.hasOwn(validators, status) ? validators[status] : undefined;
}

/** The validator of the body List dashboards documents for a status; undefined for an undocumented status. */
export function responseValidator<S extends number>(
  status: S,
): (S extends keyof DashboardsResponses ? DashboardsResponses[S] : Validator) | undefined;
export function responseValidator(status: number): Validator | undefined {
  return byStatus(listWorkspaceDashboardsResponses, status);
}

/** The validator of the body an operation documents for a status; undefined for an undocumented status. */
export function operationResponseValidator(operation: OperationId, status: number): Validator | undefined {
  return byStatus(responseValidators[operation], status);
}

/** The validator of an operation's 200 body. */
export function successValidator(operation: 'listWorkspaces'): WorkspacesResponses[200];
export function successValidator(operation: 'listWorkspaceDashboards'): DashboardsResponses[200];
export function successValidator(operation: OperationId): Validator;
export function successValidator(operation: OperationId): Validator {
  return responseValidators[operation][200];
}

/** The validator of a documented error status's body; undefined for 200 and undocumented statuses. */
export function errorResponseValidator(
  status: number,
  operation: OperationId = 'listWorkspaceDashboards',
): Validator<DatabrainErrorResponse> | undefined {
  if (status === successStatus) return undefined;
  return byStatus(responseValidators[operation], status) as Validator<DatabrainErrorResponse> | undefined;
}

/** The validator of a List dashboards request body. */
export const requestValidator = listWorkspaceDashboardsRequest;

/** The validators of each field of a List dashboards request body, by name. */
export const requestFieldValidators = listWorkspaceDashboardsRequestFields;

/** The validators of List Workspaces' query parameters, by name. */
export const workspacesQueryValidators = listWorkspacesQuery;

/**
 * A query parameter of List Workspaces as the spec's x-assumptions read it: its one value when the
 * schema allows it, otherwise its default (a malformed or repeated value is not refused: no 400 is
 * documented).
 */
export function workspacesQueryValue(query: URLSearchParams, name: keyof typeof workspacesQueryDefaults): string {
  const values = query.getAll(name);
  const [value] = values;
  return values.length === 1 && value !== undefined && listWorkspacesQuery[name](value)
    ? value
    : workspacesQueryDefaults[name];
}

/** The validator of one dashboard. */
export const dashboardValidator = validateDashboard;

/** True for a field the schema does not declare (only closed schemas report these). */
export function isUndeclaredField(issue: ValidationIssue): boolean {
  return issue.keyword === 'additionalProperties' || issue.keyword === 'unevaluatedProperties';
}

/** Validation issues as readable lines: `/data/0/name must be string`. */
export function describeIssues(issues: readonly ValidationIssue[] | null | undefined): string[] {
  return (issues ?? []).map((issue) => {
    const where = issue.instancePath === '' ? 'body' : issue.instancePath;
    const detail = isUndeclaredField(issue)
      ? `has undeclared field "${String(Object.values(issue.params)[0])}"`
      : (issue.message ?? issue.keyword);
    return `${where} ${detail}`;
  });
}
