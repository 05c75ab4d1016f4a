/**
 * The documented responses with every declared object closed to fields the spec does not declare,
 * so the drift check can tell an additive change (a warning) from a conformance failure.
 */
import { listWorkspaceDashboardsResponsesClosed } from '../generated/validate-closed.js';
import type { Validator } from '../generated/validate-responses.js';

/** The closed validator of a documented status; undefined for an undocumented one. */
export function closedResponseValidator(status: number): Validator | undefined {
  return Object.hasOwn(listWorkspaceDashboardsResponsesClosed, status)
    ? listWorkspaceDashboardsResponsesClosed[status as keyof typeof listWorkspaceDashboardsResponsesClosed]
    : undefined;
}
