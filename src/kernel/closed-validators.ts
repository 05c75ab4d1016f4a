/**
 * The documented responses with every declared object closed to fields the spec does not declare,
 * so the drift check can tell an additive change (a warning) from a conformance failure.
 */
import { listWorkspaceDashboardsResponsesClosed, listWorkspacesResponsesClosed } from '../generated/validate-closed.js';
import type { Validator } from '../generated/validate-responses.js';
import type { OperationId } from './facts.js';

const closed: Record<OperationId, Readonly<Record<number, Validator>>> = {
  listWorkspaceDashboards: listWorkspaceDashboardsResponsesClosed,
  listWorkspaces: listWorkspacesResponsesClosed,
};

/** The closed validator of a documented status of an operation; undefined for an undocumented one. */
export function closedResponseValidator(
  status: number,
  operation: OperationId = 'listWorkspaceDashboards',
): Validator | undefined {
  const validators = closed[operation];
  return Object.hasOwn(validators, status) ? validators[status] : undefined;
}
