/**
 * JSON Schema validators compiled from the spec's own schemas (Ajv, draft 2020-12, the dialect of
 * OpenAPI 3.1). Request validation in the mocks, response checks in the client and every
 * conformance test use these, so no rule is written by hand a second time.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { operation, spec } from './spec.js';

const documentId = 'databrain-openapi.json';
// `components` is the container of the spec's schemas, which are reached by JSON pointer.
const extensionKeywords = ['x-assumptions', 'components'];

const int32Range = 2 ** 31;
/** The integer formats OpenAPI defines on top of JSON Schema. */
const openApiFormats = {
  int32: {
    type: 'number' as const,
    validate: (value: number) => Number.isInteger(value) && value >= -int32Range && value < int32Range,
  },
  int64: { type: 'number' as const, validate: (value: number) => Number.isInteger(value) },
};

export type ValidationIssue = ErrorObject;

export interface Validator {
  /** Validates a value against `#/components/schemas/<name>`. */
  readonly schema: (name: SchemaName) => ValidateFunction;
  /** Validates a response body against the schema the spec gives for that status. */
  readonly response: (status: number) => ValidateFunction | undefined;
}

export type SchemaName = keyof typeof spec.components.schemas;

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The spec's component schemas with every declared object closed, so that a field the spec does
 * not declare fails validation. Used to tell additive changes apart from conformance failures.
 */
function closeObjects(schemas: JsonObject): JsonObject {
  const closed: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema)) continue;
    if (isObject(schema['properties']) && !('additionalProperties' in schema)) {
      closed[name] = { ...schema, additionalProperties: false };
    } else if (Array.isArray(schema['allOf'])) {
      closed[name] = { ...schema, unevaluatedProperties: false };
    } else {
      closed[name] = schema;
    }
  }
  return closed;
}

function responseSchemaRef(status: number): string | undefined {
  const responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> =
    operation.responses;
  return responses[String(status)]?.content['application/json'].schema.$ref;
}

/**
 * Compiles validators from the spec. With `closed: true` every object the spec declares rejects
 * properties it does not declare (the spec itself leaves response objects open).
 */
export function createValidator(options: { closed?: boolean } = {}): Validator {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    keywords: extensionKeywords,
    formats: openApiFormats,
  });
  const components = options.closed
    ? { ...spec.components, schemas: closeObjects(spec.components.schemas) }
    : spec.components;
  ajv.addSchema({ $id: documentId, components }, documentId);
  const cache = new Map<string, ValidateFunction>();
  const byRef = (ref: string): ValidateFunction => {
    let validate = cache.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}${ref}` });
      cache.set(ref, validate);
    }
    return validate;
  };
  return {
    schema: (name) => byRef(`#/components/schemas/${name}`),
    response: (status) => {
      const ref = responseSchemaRef(status);
      return ref === undefined ? undefined : byRef(ref);
    },
  };
}

let shared: Validator | undefined;

/** The validator of the spec as written, compiled once per process. */
export function specValidator(): Validator {
  shared ??= createValidator();
  return shared;
}

/** Ajv's issues as readable lines: `/data/0/name must be string`. */
export function describeIssues(issues: readonly ValidationIssue[] | null | undefined): string[] {
  return (issues ?? []).map((issue) => {
    const where = issue.instancePath === '' ? 'body' : issue.instancePath;
    const detail =
      issue.keyword === 'additionalProperties' || issue.keyword === 'unevaluatedProperties'
        ? `has undeclared field "${String(Object.values(issue.params)[0])}"`
        : (issue.message ?? issue.keyword);
    return `${where} ${detail}`;
  });
}

