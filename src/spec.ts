/**
 * The facts of the one spec that runtime code needs, read from the generated spec module so that
 * none of them is written twice.
 */
import type { components, paths } from './generated/openapi.js';
import { spec } from './generated/spec.js';

export { spec };
export { errorCodeValues as errorCodes } from './generated/openapi.js';

export type Dashboard = components['schemas']['Dashboard'];
export type ListDashboardsRequest = components['schemas']['ListDashboardsRequest'];
export type ListDashboardsResponse = components['schemas']['ListDashboardsResponse'];
export type ErrorCode = components['schemas']['ErrorCode'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
export type DatabrainErrorBody = components['schemas']['Error'];

/** The path of the endpoint, e.g. for msw handlers and servers. */
export const dashboardsPath = '/api/v2/workspace/dashboards' satisfies keyof paths &
  keyof typeof spec.paths;

export const operation = spec.paths[dashboardsPath].post;

/** Dashboards per page when `isPagination` is true (the operation's `x-page-size`). */
export const pageSize: number = operation['x-page-size'];

/** Databrain cloud's base URL, the first server of the spec. */
export const cloudBaseUrl: string = spec.servers[0].url;

/** The documented HTTP statuses of the operation, as numbers. */
export const documentedStatuses: readonly number[] = Object.keys(operation.responses).map(Number);

type Responses = typeof operation.responses;
type ExampleRef = { readonly $ref: string };

/** One named example of a response: its name, the status it belongs to and its body. */
export interface NamedExample {
  readonly name: string;
  readonly status: number;
  readonly value: unknown;
}

function exampleByRef(ref: string): unknown {
  const name = ref.replace('#/components/examples/', '');
  const examples: Record<string, { readonly value: unknown }> = spec.components.examples;
  const example = examples[name];
  if (!example) throw new Error(`The spec refers to a missing example: ${ref}`);
  return example.value;
}

/** Every named response example of the operation, in the spec's order. */
export const responseExamples: readonly NamedExample[] = Object.entries(
  operation.responses as Responses,
).flatMap(([status, response]) =>
  Object.entries(response.content['application/json'].examples as Record<string, ExampleRef>).map(
    ([name, ref]) => ({ name, status: Number(status), value: exampleByRef(ref.$ref) }),
  ),
);

/** The named example of a status, or its first one when no name is given. */
export function findResponseExample(status: number, name?: string): NamedExample | undefined {
  return responseExamples.find(
    (example) => example.status === status && (name === undefined || example.name === name),
  );
}
