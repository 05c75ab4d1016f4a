/**
 * How an answer differs from what the spec documents: the one vocabulary of findings that the drift
 * check's probes and the validating proxy both speak. A field the spec does not declare is a
 * warning (an additive change); everything else the spec forbids is drift.
 */
import { closedResponseValidator } from './closed-validators.js';
import { jsonMediaType, type ErrorCode, type OperationId } from './facts.js';
import { errorCodeOf, isJsonContentType } from './helpers.js';
import { isUndeclaredField, operationResponseValidator, type ValidationIssue } from './validators.js';

/** `drift`: the provider differs from the contract or the spec. `warning`: an additive change. */
export type Severity = 'drift' | 'warning' | 'not-verifiable';

export interface Finding {
  readonly severity: Severity;
  /** What differs: `status`, a body path such as `$.data[0].name`, a header, a page. */
  readonly where: string;
  readonly expected: string;
  readonly actual: string;
  /** One readable sentence. */
  readonly message: string;
}

/** An answer as it arrived: `body` is the parsed JSON, undefined when the text is not JSON. */
export interface CheckedAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly text: string;
}

/** What a scenario should get: a status and, for an error, its code. */
export interface Expectation {
  readonly status: number;
  readonly code?: ErrorCode;
}

/** `/data/0/name` → `$.data[0].name`. */
export function jsonPath(instancePath: string): string {
  return `$${instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')}`;
}

/** A value as a finding shows it: JSON, at most 200 characters. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function valueAt(body: unknown, instancePath: string): unknown {
  let current: unknown = body;
  for (const part of instancePath.split('/').filter(Boolean)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Validation issues as findings of a severity. */
export function schemaFindings(
  issues: readonly ValidationIssue[],
  body: unknown,
  severity: 'drift' | 'warning',
): Finding[] {
  return issues.map((issue) => {
    if (isUndeclaredField(issue)) {
      const field = String(Object.values(issue.params)[0]);
      const where = jsonPath(`${issue.instancePath}/${field}`);
      return {
        severity,
        where,
        expected: 'no such field',
        actual: show(valueAt(body, `${issue.instancePath}/${field}`)),
        message: `${where} is not declared in the spec (an additive change)`,
      };
    }
    if (issue.keyword === 'required') {
      const field = String(issue.params['missingProperty']);
      const where = jsonPath(`${issue.instancePath}/${field}`);
      return {
        severity,
        where,
        expected: 'present',
        actual: 'missing',
        message: `${where} is required by the spec but missing`,
      };
    }
    const where = jsonPath(issue.instancePath);
    return {
      severity,
      where,
      expected: `${issue.keyword} ${show(Object.values(issue.params)[0])}`,
      actual: show(valueAt(body, issue.instancePath)),
      message: `${where} ${issue.message ?? 'does not match the spec'}`,
    };
  });
}

/** The status differs from the one the scenario should get. */
function statusFinding(answer: CheckedAnswer, expected: Expectation | undefined): Finding[] {
  if (!expected || answer.status === expected.status) return [];
  const actualCode = errorCodeOf(answer.body);
  const wanted = expected.code ? `${expected.status} ${expected.code}` : String(expected.status);
  const got = actualCode ? `${answer.status} ${actualCode}` : String(answer.status);
  return [
    {
      severity: 'drift',
      where: 'status',
      expected: wanted,
      actual: got,
      message: `answered ${got} instead of ${wanted}`,
    },
  ];
}

/** The content type is not JSON. */
function contentTypeFinding(answer: CheckedAnswer): Finding[] {
  if (isJsonContentType(answer.contentType)) return [];
  return [
    {
      severity: 'drift',
      where: 'content-type',
      expected: jsonMediaType,
      actual: answer.contentType || 'none',
      message: `the content type is ${answer.contentType || 'missing'}, not JSON`,
    },
  ];
}

/** The body is not JSON, its status is undocumented, or it breaks (or adds to) the schema of its status. */
function bodyFindings(answer: CheckedAnswer, expected: Expectation | undefined, operation: OperationId): Finding[] {
  if (answer.body === undefined) {
    return [
      {
        severity: 'drift',
        where: 'body',
        expected: 'JSON',
        actual: show(answer.text),
        message: 'the body is not JSON',
      },
    ];
  }
  const validate = operationResponseValidator(operation, answer.status);
  if (!validate) {
    // An undocumented status: one status finding says so (the expectation's, when it has one).
    if (expected && answer.status !== expected.status) return [];
    const message = `status ${answer.status} is not documented`;
    return [
      { severity: 'drift', where: 'status', expected: 'a documented status', actual: String(answer.status), message },
    ];
  }
  if (!validate(answer.body)) return schemaFindings(validate.errors ?? [], answer.body, 'drift');
  const closed = closedResponseValidator(answer.status, operation);
  return closed && !closed(answer.body) ? schemaFindings(closed.errors ?? [], answer.body, 'warning') : [];
}

/** The status is the expected one, but its error code is not. */
function codeFinding(answer: CheckedAnswer, expected: Expectation | undefined): Finding[] {
  const actualCode = errorCodeOf(answer.body);
  if (
    !expected?.code ||
    answer.status !== expected.status ||
    actualCode === undefined ||
    actualCode === expected.code
  ) {
    return [];
  }
  const message = `the error code is ${actualCode} instead of ${expected.code}`;
  return [{ severity: 'drift', where: '$.error.code', expected: expected.code, actual: actualCode, message }];
}

/**
 * Every difference between an answer and what the spec documents for the operation: a documented
 * status, a JSON content type, the schema of that status (which also fixes the error codes a status
 * may carry), and, when an expectation is given, the status and code the scenario should get.
 */
export function conformanceFindings(
  answer: CheckedAnswer,
  expected?: Expectation,
  operation: OperationId = 'listWorkspaceDashboards',
): Finding[] {
  const body = bodyFindings(answer, expected, operation);
  // A code is compared whenever the body is JSON of a documented status (a schema finding or not).
  const readable = answer.body !== undefined && operationResponseValidator(operation, answer.status) !== undefined;
  return [
    ...statusFinding(answer, expected),
    ...contentTypeFinding(answer),
    ...body,
    ...(readable ? codeFinding(answer, expected) : []),
  ];
}
