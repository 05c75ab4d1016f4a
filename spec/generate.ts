/**
 * Writes what runtime code needs of spec/openapi.yaml, so that nothing parses YAML or compiles a
 * schema at run time:
 *
 *   src/generated/spec.ts                 the whole spec as a plain module
 *   src/generated/operations.ts           per operation: path, method, page size, statuses,
 *                                         documented errors and named examples
 *   src/generated/validate-responses.js   precompiled validators of each documented response (client)
 *   src/generated/validate-requests.js    precompiled validators of request bodies and entities (mocks)
 *   src/generated/validate-fields.js      precompiled validators of single request values: each query
 *                                         parameter and each body field (mocks, client)
 *   src/generated/validate-closed.js      the responses with every object closed (drift check)
 *
 *   tsx spec/generate.ts [spec.yaml]           write them
 *   tsx spec/generate.ts [spec.yaml] --check   exit 1 when a committed file differs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _ } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const specPath = fileURLToPath(new URL('./openapi.yaml', import.meta.url));
const outDir = new URL('../src/generated/', import.meta.url);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const header = [
  '/**',
  ' * This file was auto-generated from spec/openapi.yaml by `npm run generate`.',
  ' * Do not make direct changes to the file.',
  ' */',
  '',
];

/** Component schemas the mocks validate on their own (entities a fixtures file holds). */
const entitySchemas = ['Dashboard'];

/** Keywords that describe a schema without constraining it: left out of the compiled validators. */
const annotations = new Set(['description', 'summary', 'title', 'examples', 'example', 'default']);

function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !annotations.has(key) && !key.startsWith('x-'))
      .map(([key, item]) => [key, stripAnnotations(item)]),
  );
}

/** Every declared object refuses undeclared fields: tells additive changes from conformance failures. */
function closeObjects(schemas: Json): Json {
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      if (!isObject(schema)) return [name, schema];
      if (isObject(schema['properties']) && !('additionalProperties' in schema))
        return [name, { ...schema, additionalProperties: false }];
      if (Array.isArray(schema['allOf'])) return [name, { ...schema, unevaluatedProperties: false }];
      return [name, schema];
    }),
  );
}

interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly pageSize: number | undefined;
  /** The largest request body the local mock accepts (`x-max-body-bytes`). */
  readonly maxBodyBytes: number | undefined;
  readonly requestSchema: string | undefined;
  /** The names of the request body's fields. */
  readonly requestFields: readonly string[];
  /** The largest page number the request body takes (its `pageNumber` schema's `maximum`). */
  readonly maxPageNumber: number | undefined;
  /** Query parameters by name, with their schemas. */
  readonly query: Readonly<Record<string, Json>>;
  /** The defaults of the request body's fields, or of the query parameters. */
  readonly requestDefaults: Json;
  /** Status → component schema name. */
  readonly responses: Readonly<Record<string, string>>;
  /** The media type every documented response is sent as. */
  readonly mediaType: string;
  readonly examples: readonly { name: string; status: number; value: unknown }[];
}

const refName = (ref: unknown): string => String(ref).replace('#/components/schemas/', '');

/** The one media type of an operation's responses; the generator refuses a spec with several. */
function mediaTypeOf(responses: Record<string, { content: Record<string, unknown> }>): string {
  const types = [...new Set(Object.values(responses).flatMap((response) => Object.keys(response.content)))];
  if (types.length !== 1 || types[0] === undefined)
    throw new Error(`Every response must have one media type, not ${types.join(', ')}`);
  return types[0];
}

interface Components {
  readonly schemas: Record<string, Json>;
  readonly examples: Record<string, { value: unknown }>;
}

type Responses = Record<
  string,
  { content: { 'application/json': { schema: { $ref: string }; examples?: Record<string, { $ref: string }> } } }
>;

/** The value of a named example the spec refers to. */
function exampleValue(components: Components, ref: unknown): unknown {
  const name = String(ref).replace('#/components/examples/', '');
  const example = components.examples[name];
  if (!example) throw new Error(`The spec refers to a missing example: ${String(ref)}`);
  return example.value;
}

/** The query parameters of an operation, by name, with their schemas. */
function queryOf(operation: Json): Record<string, Json> {
  const parameters = (operation['parameters'] ?? []) as { name: string; in: string; schema: Json }[];
  return Object.fromEntries(
    parameters.filter((parameter) => parameter.in === 'query').map((parameter) => [parameter.name, parameter.schema]),
  );
}

/** The request body's component schema name, if the operation takes a body. */
function requestSchemaOf(operation: Json): string | undefined {
  const ref = (operation['requestBody'] as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)
    ?.content?.['application/json']?.schema?.$ref;
  return ref === undefined ? undefined : refName(ref);
}

/** The defaults the schemas give to the body's fields and the query parameters a request leaves out. */
function defaultsOf(fields: Record<string, Json>): Json {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, property]) => 'default' in property)
      .map(([name, property]) => [name, property['default']]),
  );
}

/** Every named response example, with the status it belongs to. */
function examplesOf(components: Components, responses: Responses): Operation['examples'] {
  return Object.entries(responses).flatMap(([status, response]) =>
    Object.entries(response.content['application/json'].examples ?? {}).map(([name, example]) => ({
      name,
      status: Number(status),
      value: exampleValue(components, example.$ref),
    })),
  );
}

function readOperation(components: Components, path: string, method: string, operation: Json): Operation {
  const requestSchema = requestSchemaOf(operation);
  const properties =
    requestSchema === undefined
      ? {}
      : ((components.schemas[requestSchema]?.['properties'] ?? {}) as Record<string, Json>);
  const query = queryOf(operation);
  const responses = operation['responses'] as Responses;
  return {
    id: String(operation['operationId']),
    method: method.toUpperCase(),
    path,
    pageSize: operation['x-page-size'] as number | undefined,
    maxBodyBytes: (operation['requestBody'] as Json | undefined)?.['x-max-body-bytes'] as number | undefined,
    requestSchema,
    requestFields: Object.keys(properties),
    maxPageNumber: properties['pageNumber']?.['maximum'] as number | undefined,
    mediaType: mediaTypeOf(responses),
    query,
    requestDefaults: defaultsOf({ ...properties, ...query }),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, response]) => [
        status,
        refName(response.content['application/json'].schema.$ref),
      ]),
    ),
    examples: examplesOf(components, responses),
  };
}

function operationsOf(document: Json): Operation[] {
  const paths = document['paths'] as Record<string, Record<string, Json>>;
  const components = document['components'] as Components;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => readOperation(components, path, method, operation)),
  );
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * The values of a lenient parameter that the API reads as they are (`x-accepted`); any other value
 * reads as the default. The schema itself promises no refusal, so tools do not expect one.
 */
function acceptedValues(schema: Json): Json {
  const accepted = schema['x-accepted'];
  return isObject(accepted) ? { type: schema['type'], ...accepted } : schema;
}

function renderOperations(document: Json): string {
  const servers = document['servers'] as { url: string }[];
  const lines = [...header];
  lines.push("/** Databrain cloud's base URL, the first server of the spec. */");
  lines.push(`export const cloudBaseUrl = ${JSON.stringify(servers[0]?.url)};`, '');
  for (const operation of operationsOf(document)) {
    const errors: Record<string, { status: number; message: string; example: string }> = {};
    for (const example of operation.examples) {
      const error = isObject(example.value) && isObject(example.value['error']) ? example.value['error'] : undefined;
      const code = error?.['code'];
      const message = error?.['message'];
      if (typeof code === 'string' && errors[code] === undefined) {
        errors[code] = {
          status: example.status,
          message: typeof message === 'string' ? message : code,
          example: example.name,
        };
      }
    }
    const facts = {
      operationId: operation.id,
      method: operation.method,
      path: operation.path,
      ...(operation.pageSize === undefined ? {} : { pageSize: operation.pageSize }),
      ...(operation.maxBodyBytes === undefined ? {} : { maxBodyBytes: operation.maxBodyBytes }),
      ...(operation.maxPageNumber === undefined ? {} : { maxPageNumber: operation.maxPageNumber }),
      statuses: Object.keys(operation.responses).map(Number),
      mediaType: operation.mediaType,
      requestDefaults: operation.requestDefaults,
    };

    lines.push(`/** ${operation.method} ${operation.path}: where it is, its page size and its documented statuses. */`);
    lines.push(`export const ${operation.id} = ${json(facts)} as const;`, '');
    lines.push(`/** ${operation.id}: each documented error code, its status and the message of its first example. */`);
    lines.push(`export const ${operation.id}Errors = ${json(errors)} as const;`, '');
    lines.push(`/** ${operation.id}: the names of the response examples. */`);
    lines.push(
      `export const ${operation.id}ExampleNames = ${json(operation.examples.map((example) => example.name))} as const;`,
      '',
    );
    lines.push(`/** ${operation.id}: the named response examples, with their status. */`);
    lines.push(`export const ${operation.id}Examples = ${json(operation.examples)} as const;`, '');
    lines.push(`/** ${operation.id}: everything above in one object. */`);
    lines.push(
      `export const ${operation.id}Operation = { facts: ${operation.id}, errors: ${operation.id}Errors, examples: ${operation.id}Examples, exampleNames: ${operation.id}ExampleNames } as const;`,
      '',
    );
  }
  return lines.join('\n');
}

const validatorTypes = [
  'export interface ValidationIssue {',
  '  readonly instancePath: string;',
  '  readonly schemaPath: string;',
  '  readonly keyword: string;',
  '  readonly params: Readonly<Record<string, unknown>>;',
  '  readonly message?: string;',
  '}',
  '/** A precompiled validator: true when the value conforms; its issues are in `errors` otherwise. */',
  'export interface Validator<T = unknown> {',
  '  (data: unknown): data is T;',
  '  errors?: ValidationIssue[] | null;',
  '}',
  '',
];

const int32 = 2 ** 31;

/** Ajv set up to compile the spec's schemas into standalone code with no runtime imports. */
function createAjv(): Ajv2020 {
  return new Ajv2020({
    allErrors: true,
    strict: true,
    // `components` only holds the schemas, which are reached by JSON pointer.
    keywords: ['components'],
    // oxlint-disable-next-line typescript/no-deprecated -- minLength by string length keeps the validators free of runtime imports; the spec only asks for non-empty strings.
    unicode: false,
    logger: {
      log: console.log,
      warn: (message: unknown) => {
        if (!String(message).startsWith('DEPRECATED: option unicode')) console.warn(message);
      },
      error: console.error,
    },
    formats: {
      int32: {
        type: 'number',
        validate: (value: number) => Number.isInteger(value) && value >= -int32 && value < int32,
      },
      int64: { type: 'number', validate: (value: number) => Number.isInteger(value) },
    },
    code: {
      source: true,
      esm: true,
      formats: _`{int32: {type: "number", validate: (v) => Number.isInteger(v) && v >= ${-int32} && v < ${int32}}, int64: {type: "number", validate: (v) => Number.isInteger(v)}}`,
    },
  });
}

const specId = 'databrain-openapi.json';
const schemaRef = (pointer: string): string => `${specId}#/components/schemas/${pointer}`;
const typeOf = (schema: string): string => `components['schemas']['${schema}']`;

/** One validators module being written: the schemas it compiles, by exported name, and its code. */
interface ValidatorModule {
  readonly ajv: Ajv2020;
  /** Exported function name → schema id (or JSON pointer into the spec). */
  readonly refs: Record<string, string>;
  /** Exported objects that group the functions (by status, by parameter). */
  readonly exports: string[];
  readonly declarations: string[];
}

/** An object of validators `name` exports, each function under its key, and its declaration. */
function addGroup(module: ValidatorModule, name: string, doc: string, members: Record<string, [string, string]>): void {
  const entries = Object.entries(members).map(([key, [fn]]) => `${key}: ${fn}`);
  const types = Object.entries(members).map(([key, [, type]]) => `  readonly ${key}: Validator<${type}>;`);
  module.exports.push(`export const ${name} = /* @__PURE__ */ Object.freeze({${entries.join(', ')}});`);
  module.declarations.push(`/** ${doc} */`, `export declare const ${name}: {`, ...types, '};');
}

/** Each query parameter's values the API reads as they are (`x-accepted`). */
function addQueryValidators(module: ValidatorModule, operation: Operation): void {
  const parameters = Object.entries(operation.query);
  if (parameters.length === 0) return;
  const members: Record<string, [string, string]> = {};
  for (const [name, schema] of parameters) {
    const parameterId = `${operation.id}-query-${name}`;
    module.ajv.addSchema(stripAnnotations(acceptedValues(schema)) as Json, parameterId);
    module.refs[`${operation.id}Query_${name}`] = parameterId;
    members[name] = [`${operation.id}Query_${name}`, 'string'];
  }
  addGroup(
    module,
    `${operation.id}Query`,
    `${operation.method} ${operation.path}: each query parameter's value.`,
    members,
  );
}

/** The request body. */
function addRequestValidators(module: ValidatorModule, operation: Operation): void {
  const schema = operation.requestSchema;
  if (schema === undefined) return;
  module.refs[`${operation.id}Request`] = schemaRef(schema);
  module.declarations.push(`/** ${operation.method} ${operation.path}: the request body. */`);
  module.declarations.push(`export declare const ${operation.id}Request: Validator<${typeOf(schema)}>;`);
}

/**
 * Each field of the request body on its own, in a module of their own: Ajv's standalone code
 * cannot be tree-shaken, and the client needs a field's validator without the whole body's.
 */
function addRequestFieldValidators(module: ValidatorModule, operation: Operation): void {
  const schema = operation.requestSchema;
  if (schema === undefined) return;
  const members: Record<string, [string, string]> = {};
  for (const field of operation.requestFields) {
    module.refs[`${operation.id}RequestField_${field}`] = schemaRef(`${schema}/properties/${field}`);
    members[field] = [`${operation.id}RequestField_${field}`, `NonNullable<${typeOf(schema)}['${field}']>`];
  }
  addGroup(
    module,
    `${operation.id}RequestFields`,
    `${operation.method} ${operation.path}: each field of the request body.`,
    members,
  );
}

/** Each documented status's body, closed to undeclared fields when `closed`. */
function addResponseValidators(module: ValidatorModule, operation: Operation, closed: boolean): void {
  const members: Record<string, [string, string]> = {};
  for (const [status, schema] of Object.entries(operation.responses)) {
    // One validator per schema: standalone code declares a function once per exported name.
    const ref = schemaRef(schema);
    const name =
      Object.entries(module.refs).find(([, known]) => known === ref)?.[0] ??
      `${operation.id}${status}${closed ? 'Closed' : ''}`;
    module.refs[name] = ref;
    members[status] = [name, typeOf(schema)];
  }
  const doc = `${operation.method} ${operation.path}: each documented status's response body${closed ? ', every object closed to undeclared fields' : ''}.`;
  addGroup(module, `${operation.id}${closed ? 'ResponsesClosed' : 'Responses'}`, doc, members);
}

/** The entities a fixtures file holds, each on its own. */
function addEntityValidators(module: ValidatorModule): void {
  for (const schema of entitySchemas) {
    module.refs[`validate${schema}`] = schemaRef(schema);
    module.declarations.push(`/** One ${schema}, e.g. from a fixtures file. */`);
    module.declarations.push(`export declare const validate${schema}: Validator<${typeOf(schema)}>;`);
  }
}

/** The module's standalone code and its declarations. */
function renderModule(module: ValidatorModule): { js: string; dts: string } {
  const code = standalone.default(module.ajv, module.refs);
  if (/\brequire\(/.test(code))
    throw new Error('The standalone validators import a runtime helper: keep them self-contained.');
  const js = [...header, code, ...module.exports, ''].join('\n');
  const imports = "import type { components } from './openapi.js';";
  const dts = [...header, imports, '', ...validatorTypes, ...module.declarations, ''].join('\n');
  return { js, dts };
}

/** Compiles one part of the spec's schemas into one standalone ESM module (and its declarations). */
function renderValidators(
  document: Json,
  options: { closed: boolean; part: 'requests' | 'fields' | 'responses' },
): { js: string; dts: string } {
  const components = document['components'] as { schemas: Json };
  const schemas = stripAnnotations(options.closed ? closeObjects(components.schemas) : components.schemas) as Json;
  const module: ValidatorModule = { ajv: createAjv(), refs: {}, exports: [], declarations: [] };
  module.ajv.addSchema({ $id: specId, components: { schemas } }, specId);
  for (const operation of operationsOf(document)) {
    if (options.part === 'fields') {
      addQueryValidators(module, operation);
      addRequestFieldValidators(module, operation);
    } else if (options.part === 'requests') addRequestValidators(module, operation);
    else addResponseValidators(module, operation, options.closed);
  }
  if (options.part === 'requests') addEntityValidators(module);
  return renderModule(module);
}

export function renderSpecModule(document: unknown): string {
  return [...header, `export const spec = ${json(document)} as const;`, ''].join('\n');
}

/** Every generated file, by its name in src/generated/. */
export function renderAll(yamlText: string): Record<string, string> {
  const document = parse(yamlText) as Json;
  const responses = renderValidators(document, { closed: false, part: 'responses' });
  const closed = renderValidators(document, { closed: true, part: 'responses' });
  const requests = renderValidators(document, { closed: false, part: 'requests' });
  const fields = renderValidators(document, { closed: false, part: 'fields' });
  return {
    'spec.ts': renderSpecModule(document),
    'operations.ts': renderOperations(document),
    'validate-responses.js': responses.js,
    'validate-responses.d.ts': responses.dts,
    'validate-closed.js': closed.js,
    'validate-closed.d.ts': closed.dts,
    'validate-requests.js': requests.js,
    'validate-requests.d.ts': requests.dts,
    'validate-fields.js': fields.js,
    'validate-fields.d.ts': fields.dts,
  };
}

/** The generated files that differ from what `rendered` holds (missing ones too), as src/generated/ paths. */
export function staleFiles(rendered: Record<string, string>): string[] {
  return Object.entries(rendered)
    .filter(([name, text]) => {
      try {
        return readFileSync(new URL(name, outDir), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(([name]) => `src/generated/${name}`);
}

function main(args: readonly string[]): void {
  const source = args.find((arg) => !arg.startsWith('--')) ?? specPath;
  const rendered = renderAll(readFileSync(source, 'utf8'));
  if (!args.includes('--check')) {
    for (const [name, text] of Object.entries(rendered)) writeFileSync(new URL(name, outDir), text);
    return;
  }
  const stale = staleFiles(rendered);
  if (stale.length > 0) {
    console.error(
      `${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`npm run generate\` and commit the result.`,
    );
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
