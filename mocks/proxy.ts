/**
 * The validating proxy: requests the mock accepts are forwarded to a real Databrain API with the
 * real service token put in here, never by the app. Each answer goes back as it came (status,
 * content type, body bytes; only the token itself is masked, should the API ever echo it) and is
 * checked against the spec in the drift check's words, one line per finding. What it saw can be
 * recorded as a fixtures file (recording.ts).
 */
import { conformanceFindings, type Finding } from '../src/kernel/conformance.js';
import { collapse } from '../src/kernel/findings.js';
import { jsonMediaType, redact, trimTrailingSlash, type OperationId } from '../src/kernel/index.js';
import type { Recorder } from './recording.js';

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

const labels = { drift: 'DRIFT', warning: 'warning', 'not-verifiable': 'not verifiable' } as const;

/** A finding as one line in the drift check's words. */
export function findingLine(where: string, finding: Finding): string {
  return `${labels[finding.severity]} ${where}: ${finding.where}: ${finding.message} (expected ${finding.expected}; actual ${finding.actual})`;
}

/** The most exchanges kept for the reports; older ones are dropped first. */
const maxChecks = 1000;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseBody(body: Uint8Array | undefined): unknown {
  return body === undefined ? undefined : parse(new TextDecoder().decode(body));
}

export function createProxy(options: ProxyOptions): Proxy {
  const target = trimTrailingSlash(options.target);
  const hide = (text: string): string => redact(text, options.token);
  const checks: ProxyCheck[] = [];
  let dropped = 0;

  function failed(request: ForwardRequest, reason: string, started: number): ForwardedAnswer {
    const message = hide(`The Databrain API at ${target} did not answer ${request.method} ${request.path}: ${reason}`);
    options.log?.(`proxy: ${proxyErrorStatus} ${proxyErrorCode}: ${message}`);
    keep({
      name: `${request.method} ${request.path}${request.search ? '?...' : ''} got no answer`,
      findings: [{ severity: 'not-verifiable', where: 'connection', expected: 'an answer', actual: 'none', message }],
      durationMs: performance.now() - started,
    });
    const body = proxyError(message);
    return {
      status: proxyErrorStatus,
      contentType: jsonMediaType,
      body: new TextEncoder().encode(JSON.stringify(body)),
    };
  }

  /** Keeps an exchange for the reports; past the limit the oldest goes, and is counted. */
  function keep(check: ProxyCheck): void {
    checks.push(check);
    if (checks.length > maxChecks) {
      checks.shift();
      dropped += 1;
    }
  }

  return {
    checks: () => checks,
    dropped: () => dropped,
    mask: hide,
    async forward(request) {
      const started = performance.now();
      let response: Response;
      let bytes: Uint8Array;
      try {
        response = await fetch(`${target}${request.path}${request.search}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            ...(request.contentType ? { 'content-type': request.contentType } : {}),
          },
          ...(request.body === undefined ? {} : { body: Buffer.from(request.body) }),
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'manual',
        });
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        return failed(request, timedOut ? `no answer within ${options.timeoutMs} ms` : cause, started);
      }
      const raw = new TextDecoder().decode(bytes);
      const rawType = response.headers.get('content-type');
      // Everything past this point sees the answer with the real token masked, should the API echo it.
      const text = hide(raw);
      const contentType = rawType === null ? null : hide(rawType);
      const body = parse(text);
      const where = `${request.method} ${request.path}${request.search ? '?...' : ''}`;
      const answered = { status: response.status, contentType: contentType ?? '', body, text };
      const findings = collapse(conformanceFindings(answered, undefined, request.operation));
      for (const finding of findings) options.log?.(findingLine(where, finding));
      keep({ name: `${where} answered ${response.status}`, findings, durationMs: performance.now() - started });
      options.recorder?.seen({
        operation: request.operation,
        requestBody: parseBody(request.body),
        query: new URLSearchParams(request.search),
        status: response.status,
        body,
      });
      // The answer goes back as it came; only the real token, should the API echo it, is masked.
      return { status: response.status, contentType, body: text === raw ? bytes : new TextEncoder().encode(text) };
    },
  };
}
