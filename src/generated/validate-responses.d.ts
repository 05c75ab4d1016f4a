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

/** GET /api/v2/workspace: each documented status's response body. */
export declare const listWorkspacesResponses: {
  readonly 200: Validator<components['schemas']['WorkspaceListResponse']>;
  readonly 401: Validator<components['schemas']['UnauthorizedResponse']>;
  readonly 500: Validator<components['schemas']['InternalServerErrorResponse']>;
};
/** POST /api/v2/workspace/dashboards: each documented status's response body. */
export declare const listWorkspaceDashboardsResponses: {
  readonly 200: Validator<components['schemas']['ListDashboardsResponse']>;
  readonly 400: Validator<components['schemas']['BadRequestResponse']>;
  readonly 401: Validator<components['schemas']['UnauthorizedResponse']>;
  readonly 500: Validator<components['schemas']['InternalServerErrorResponse']>;
};
