/**
 * This file was auto-generated from spec/openapi.yaml by `npm run generate`.
 * Do not make direct changes to the file.
 */

import type { components } from './openapi.js';

export interface ValidationIssue {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}
/** A precompiled validator: true when the value conforms; its issues are in `errors` otherwise. */
export interface Validator<T = unknown> {
  (data: unknown): data is T;
  errors?: ValidationIssue[] | null;
}

/** GET /api/v2/workspace: each query parameter's value. */
export declare const listWorkspacesQuery: {
  readonly isPagination: Validator<string>;
  readonly pageNumber: Validator<string>;
};
/** POST /api/v2/workspace/dashboards: each field of the request body. */
export declare const listWorkspaceDashboardsRequestFields: {
  readonly workspaceName: Validator<NonNullable<components['schemas']['ListDashboardsRequest']['workspaceName']>>;
  readonly isPagination: Validator<NonNullable<components['schemas']['ListDashboardsRequest']['isPagination']>>;
  readonly pageNumber: Validator<NonNullable<components['schemas']['ListDashboardsRequest']['pageNumber']>>;
};
