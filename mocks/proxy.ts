/**
 * The validating proxy: requests the mock accepts are forwarded to a real Databrain API with the
 * real service token put in here, never by the app. Each answer goes back as it came (status,
 * content type, body bytes; only the token itself is masked, should the API ever echo it; a JSON
 * body that holds it escaped, e.g. `\u0063…`, is written again, masked) and no other header of it is
 * passed on. Each is checked against the spec in the drift check's words, one line per finding.
 * What it saw can be recorded as a fixtures file (recording.ts), the token masked there too.
 */
import { conformanceFindings, type Finding } from '../src/kernel/conformance.js';
import { collapse } from '../src/kernel/findings.js';
import { jsonMediaType, redact, redactValue, trimTrailingSlash, type OperationId } from '../src/kernel/index.js';
import type { Recorder, SeenExchange } from './recording.js';

/** The code of the proxy's own error, when the real API cannot be reached or is too slow. */
export const proxyErrorCode = 'PROXY_UPSTREAM_ERROR';
/** The status of that error. */
export const proxyErrorStatus = 502;

/** The body of the proxy's own error, in the Databrain error shape. */
export function proxyError(message: string): {
  readonly error: { readonly code: string; readonly message: string; readonly status: number };
} {
  return { error: { code: proxyErrorCode, message, status: proxyErrorStatus } };
}

export interface ProxyOptions {
  /** The real API's base URL. */
  readonly target: string;
  /** The real service token; it is put into forwarded requests and masked everywhere else. */
  readonly token: string;
  /** How long the real API may take to answer. */
  readonly timeoutMs: number;
  /** Called with each finding line and each failure line. */
  readonly log?: (line: string) => void;
  /** Notes every answer, to write a fixtures file at stop. */
  readonly recorder?: Recorder;
}

/** One request the mock accepted, to forward. */
export interface ForwardRequest {
  readonly operation: OperationId;
  readonly method: string;
  readonly path: string;
  /** The query string with its `?`, or ''. */
  readonly search: string;
  readonly contentType: string | null;
  readonly body: Uint8Array | undefined;
}

/** The answer to send back to the app. */
export interface ForwardedAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: Uint8Array;
}

/** One forwarded exchange and what the spec check found in its answer. */
export interface ProxyCheck {
  readonly name: string;
  readonly findings: readonly Finding[];
  readonly durationMs: number;
}

export interface Proxy {
  forward(request: ForwardRequest): Promise<ForwardedAnswer>;
  /** The last forwarded exchanges (at most 1000), with their findings, for the reports at stop. */
  checks(): readonly ProxyCheck[];
  /** How many older exchanges were dropped from {@link checks}. */
  dropped(): number;
  /** The text with the real token masked, for whatever else keeps what passed (the journal). */
  mask(text: string): string;
}

const severityLabels = { drift: 'DRIFT', warning: 'warning', 'not-verifiable': 'not verifiable' } as const;

/** A finding as one line in the drift check's words. */
export function findingLine(where: string, finding: Finding): string {
  return `${severityLabels[finding.severity]} ${where}: ${finding.where}: ${finding.message} (expected ${finding.expected}; actual ${finding.actual})`;
}

/** The most exchanges held for the reports; older ones are dropped first. */
const maxChecks = 1000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True when a parsed JSON value holds the secret in a string or a key. */
function holdsSecret(value: unknown, secret: string): boolean {
  if (typeof value === 'string') return value.includes(secret);
  if (Array.isArray(value)) return value.some((item) => holdsSecret(item, secret));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes(secret) || holdsSecret(item, secret));
}

/** A text with the real token masked, and its JSON (undefined when it is not JSON). */
interface MaskedText {
  readonly text: string;
  readonly json: unknown;
}

/**
 * Masks the token as written, then as JSON reads it: an escaped echo (`\u0063…` for `c…`) shows
 * only once parsed, and then the text is the masked JSON written again.
 */
function maskText(text: string, token: string): MaskedText {
  const masked = redact(text, token);
  const json = parseJson(masked);
  if (!holdsSecret(json, token)) return { text: masked, json };
  const maskedJson = redactValue(json, token);
  return { text: JSON.stringify(maskedJson), json: maskedJson };
}

/** The method and path of an exchange, its query shown as `?...` (it may carry a secret). */
function exchangeName(request: ForwardRequest): string {
  return `${request.method} ${request.path}${request.search ? '?...' : ''}`;
}

/** What the real API answered, as it came. */
interface UpstreamAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly bytes: Uint8Array;
}

/** Sends the request to the real API with the real token; rejects when it gives no answer in time. */
async function askUpstream(target: string, options: ProxyOptions, request: ForwardRequest): Promise<UpstreamAnswer> {
  const response = await fetch(`${target}${request.path}${request.search}`, {
    method: request.method,
    headers: {
      authorization: `Bearer ${options.token}`,
      accept: jsonMediaType,
      ...(request.contentType ? { 'content-type': request.contentType } : {}),
    },
    ...(request.body === undefined ? {} : { body: Buffer.from(request.body) }),
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'manual',
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), bytes };
}

/** Why the real API gave no answer, in the words of the proxy's error. */
function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
}

/** An answer with the real token masked: as the app gets it, and as the check and the recorder read it. */
interface MaskedAnswer extends MaskedText {
  readonly forwarded: ForwardedAnswer;
}

/** The answer as it came, but for the real token, masked in the body and the content type. */
function maskAnswer(upstream: UpstreamAnswer, token: string): MaskedAnswer {
  const asSent = new TextDecoder().decode(upstream.bytes);
  const { text, json } = maskText(asSent, token);
  const contentType = upstream.contentType === null ? null : redact(upstream.contentType, token);
  const body = text === asSent ? upstream.bytes : new TextEncoder().encode(text);
  return { forwarded: { status: upstream.status, contentType, body }, text, json };
}

/** The spec check of one answer, each finding logged as one line. */
function checkAnswer(
  request: ForwardRequest,
  answer: MaskedAnswer,
  options: ProxyOptions,
  startedAt: number,
): ProxyCheck {
  const { status, contentType } = answer.forwarded;
  const checked = { status, contentType: contentType ?? '', body: answer.json, text: answer.text };
  const findings = collapse(conformanceFindings(checked, undefined, request.operation));
  for (const finding of findings) options.log?.(findingLine(exchangeName(request), finding));
  return { name: `${exchangeName(request)} answered ${status}`, findings, durationMs: performance.now() - startedAt };
}

/** The exchange as the recorder sees it: the app's request and the answer, the real token masked in both. */
function seenExchange(request: ForwardRequest, answer: MaskedAnswer, token: string): SeenExchange {
  return {
    operation: request.operation,
    requestBody: request.body === undefined ? undefined : maskText(new TextDecoder().decode(request.body), token).json,
    query: new URLSearchParams(redact(request.search, token)),
    status: answer.forwarded.status,
    body: answer.json,
  };
}

/** The checks held for the reports: the last {@link maxChecks}, and how many older ones were dropped. */
function createCheckList(): Pick<Proxy, 'checks' | 'dropped'> & { add(check: ProxyCheck): void } {
  const checks: ProxyCheck[] = [];
  let dropped = 0;
  return {
    add(check) {
      checks.push(check);
      if (checks.length <= maxChecks) return;
      checks.shift();
      dropped += 1;
    },
    checks: () => checks,
    dropped: () => dropped,
  };
}

export function createProxy(options: ProxyOptions): Proxy {
  const target = trimTrailingSlash(options.target);
  // As the journal and every message need it: also a token written JSON-escaped, once parsed.
  const mask = (text: string): string => maskText(text, options.token).text;
  const checkList = createCheckList();

  /** The proxy's own 502 when the real API gave no answer: logged, and held as not verifiable. */
  function unanswered(request: ForwardRequest, error: unknown, startedAt: number): ForwardedAnswer {
    const reason = failureReason(error, options.timeoutMs);
    const message = mask(`The Databrain API at ${target} did not answer ${request.method} ${request.path}: ${reason}`);
    options.log?.(`proxy: ${proxyErrorStatus} ${proxyErrorCode}: ${message}`);
    checkList.add({
      name: `${exchangeName(request)} got no answer`,
      findings: [{ severity: 'not-verifiable', where: 'connection', expected: 'an answer', actual: 'none', message }],
      durationMs: performance.now() - startedAt,
    });
    const body = new TextEncoder().encode(JSON.stringify(proxyError(message)));
    return { status: proxyErrorStatus, contentType: jsonMediaType, body };
  }

  return {
    checks: checkList.checks,
    dropped: checkList.dropped,
    mask,
    async forward(request) {
      const startedAt = performance.now();
      let upstream: UpstreamAnswer;
      try {
        upstream = await askUpstream(target, options, request);
      } catch (error) {
        return unanswered(request, error, startedAt);
      }
      // Everything past this point sees the answer with the real token masked, should the API echo it.
      const answer = maskAnswer(upstream, options.token);
      checkList.add(checkAnswer(request, answer, options, startedAt));
      options.recorder?.seen(seenExchange(request, answer, options.token));
      return answer.forwarded;
    },
  };
}
