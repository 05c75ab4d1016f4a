/**
 * Turns the raw body of a request into a valid `ListDashboardsRequest`, or into the message of an
 * INVALID_REQUEST_BODY error. The rules are the spec's request schema, checked by its precompiled
 * validator; this file only words the validator's findings the way Databrain's Joi validation does (`"workspaceName" is required`).
 */
import {
  isJsonContentType,
  requestDefaults,
  requestValidator,
  type ListDashboardsRequest,
  type ValidationIssue,
} from '../src/kernel/index.js';

/** A request body after validation, with the spec's defaults filled in. */
export type ValidRequest = Required<ListDashboardsRequest>;

export type BodyCheck =
  | { readonly ok: true; readonly request: ValidRequest }
  | { readonly ok: false; readonly message: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

function fieldName(issue: ValidationIssue): string {
  const path = issue.instancePath.split('/').filter(Boolean);
  return path.length === 0 ? 'value' : path.join('.');
}

const typeWords: Record<string, string> = {
  object: 'must be of type object',
  string: 'must be a string',
  boolean: 'must be a boolean',
  integer: 'must be a number',
};

/** Words one Ajv issue as Joi would. */
function joiMessage(issue: ValidationIssue, body: unknown): string {
  const params = issue.params as Record<string, unknown>;
  const field = `"${fieldName(issue)}"`;
  switch (issue.keyword) {
    case 'required':
      return `"${String(params['missingProperty'])}" is required`;
    case 'additionalProperties':
      return `"${String(params['additionalProperty'])}" is not allowed`;
    case 'type': {
      const value = issue.instancePath === '' ? body : (body as Record<string, unknown>)[fieldName(issue)];
      if (params['type'] === 'integer' && typeof value === 'number') return `${field} must be an integer`;
      return `${field} ${typeWords[String(params['type'])] ?? `must be of type ${String(params['type'])}`}`;
    }
    case 'minLength':
      return `${field} is not allowed to be empty`;
    case 'minimum':
      return `${field} must be greater than or equal to ${String(params['limit'])}`;
    case 'maximum':
      return `${field} must be less than or equal to ${String(params['limit'])}`;
    case 'format':
      return `${field} must be an integer of format ${String(params['format'])}`;
    default:
      return `${field} ${issue.message ?? 'is invalid'}`;
  }
}

/**
 * The message for a body the validator refused, from its issues. Joi stops at the first problem, and
 * so does this message (the validator reports a number's format after its other rules). Keywords the
 * request schema does not use today keep the validator's own words.
 */
export function invalidBodyMessage(issues: readonly ValidationIssue[], body: unknown): string {
  const [issue] = issues;
  return issue ? joiMessage(issue, body) : 'The body is invalid';
}

/** Checks a request body (raw bytes or text) against the spec's request schema. */
export function checkRequestBody(contentType: string | null, raw: Uint8Array | string): BodyCheck {
  if (!isJsonContentType(contentType)) {
    return { ok: false, message: 'The body must be JSON, sent with Content-Type: application/json' };
  }
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : decoder.decode(raw);
  } catch {
    return { ok: false, message: 'The body is not valid UTF-8' };
  }
  return checkText(text);
}

function checkText(text: string): BodyCheck {
  let body: unknown;
  try {
    // An empty body reads as {}, as Express's JSON parser gives it to Joi.
    body = JSON.parse(text === '' ? '{}' : text);
  } catch {
    return { ok: false, message: 'The body is not valid JSON' };
  }
  if (!requestValidator(body)) {
    return { ok: false, message: invalidBodyMessage(requestValidator.errors ?? [], body) };
  }
  // Written out rather than spread: spreading the parsed body costs more than parsing it.
  return {
    ok: true,
    request: {
      isPagination: body.isPagination ?? requestDefaults.isPagination,
      pageNumber: body.pageNumber ?? requestDefaults.pageNumber,
      workspaceName: body.workspaceName,
    },
  };
}
