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

/** POST /api/v2/workspace/dashboards: the request body. */
export declare const listWorkspaceDashboardsRequest: Validator<components['schemas']['ListDashboardsRequest']>;
/** One Dashboard, e.g. from a fixtures file. */
export declare const validateDashboard: Validator<components['schemas']['Dashboard']>;
