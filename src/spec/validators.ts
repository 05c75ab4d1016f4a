/**
 * The spec's schemas as precompiled validators (Ajv standalone code written by `npm run generate`):
 * nothing is compiled at run time, so they run under a strict Content-Security-Policy.
 */
import { validateDashboard, listWorkspaceDashboardsRequest } from '../generated/validate-requests.js';
import { listWorkspaceDashboardsResponses, type ValidationIssue, type Validator } from '../generated/validate-responses.js';
import type { DatabrainErrorResponse } from './facts.js';

export type { ValidationIssue, Validator };

type Responses = typeof listWorkspaceDashboardsResponses;

/** The validator of the response body the spec documents for a status; undefined for an undocumented status. */
export function responseValidator<S extends number>(status: S): (S extends keyof Responses ? Responses[S] : Validator) | undefined;
export function responseValidator(status: number): Validator | undefined {
  return Object.hasOwn(listWorkspaceDashboardsResponses, status)
    ? listWorkspaceDashboardsResponses[status as keyof Responses]
    : undefined;
}

type ErrorStatus = Exclude<keyof Responses, 200>;

/** The validator of a documented error status's body; undefined for 200 and undocumented statuses. */
export function errorResponseValidator(status: number): Validator<DatabrainErrorResponse> | undefined {
  if (status === 200 || !Object.hasOwn(listWorkspaceDashboardsResponses, status)) return undefined;
  return listWorkspaceDashboardsResponses[status as ErrorStatus];
}

/** The validator of a request body. */
export const requestValidator = listWorkspaceDashboardsRequest;

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
