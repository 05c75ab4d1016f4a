/**
 * How an answer differs from what the spec documents: the one vocabulary of findings that the drift
 * check's probes and the validating proxy both speak. A field the spec does not declare is a
 * warning (an additive change); everything else the spec forbids is drift.
 */
import { closedResponseValidator } from './closed-validators.js';
import type { ErrorCode, OperationId } from './facts.js';
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
  const findings: Finding[] = [];
  const actualCode = errorCodeOf(answer.body);
  if (expected && answer.status !== expected.status) {
    const wanted = expected.code ? `${expected.status} ${expected.code}` : String(expected.status);
    const got = actualCode ? `${answer.status} ${actualCode}` : String(answer.status);
    findings.push({
      severity: 'drift',
      where: 'status',
      expected: wanted,
      actual: got,
      message: `answered ${got} instead of ${wanted}`,
    });
  }
  if (!isJsonContentType(answer.contentType)) {
    findings.push({
      severity: 'drift',
      where: 'content-type',
      expected: 'application/json',
      actual: answer.contentType || 'none',
      message: `the content type is ${answer.contentType || 'missing'}, not JSON`,
    });
  }
  if (answer.body === undefined) {
    findings.push({
      severity: 'drift',
      where: 'body',
      expected: 'JSON',
      actual: show(answer.text),
      message: 'the body is not JSON',
    });
    return findings;
  }
  const validate = operationResponseValidator(operation, answer.status);
  if (!validate) {
    // An undocumented status: a status finding says so, once.
    if (!expected || answer.status === expected.status) {
      findings.push({
        severity: 'drift',
        where: 'status',
        expected: 'a documented status',
        actual: String(answer.status),
        message: `status ${answer.status} is not documented`,
      });
    }
    return findings;
  }
  if (!validate(answer.body)) {
    findings.push(...schemaFindings(validate.errors ?? [], answer.body, 'drift'));
  } else {
    const closed = closedResponseValidator(answer.status, operation);
    if (closed && !closed(answer.body)) findings.push(...schemaFindings(closed.errors ?? [], answer.body, 'warning'));
  }
  if (expected?.code && answer.status === expected.status && actualCode !== undefined && actualCode !== expected.code) {
    findings.push({
      severity: 'drift',
      where: '$.error.code',
      expected: expected.code,
      actual: actualCode,
      message: `the error code is ${actualCode} instead of ${expected.code}`,
    });
  }
  return findings;
}
