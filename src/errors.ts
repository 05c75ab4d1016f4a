import type { ErrorCode } from './kernel/index.js';

/**
 * How a call failed:
 * - `api`: Databrain answered with a documented error body (see `status`, `code`).
 * - `unexpected-response`: the answer was not JSON, or not a shape the spec allows.
 * - `network`: no answer arrived (refused connection, DNS failure, reset).
 * - `timeout`: no answer within the client's timeout.
 * - `aborted`: the caller's signal aborted the call.
 * - `page-limit`: a page-by-page read stopped after `maxPages` full pages, before the last page.
 */
export type DatabrainErrorKind = 'api' | 'unexpected-response' | 'network' | 'timeout' | 'aborted' | 'page-limit';

export interface DatabrainErrorDetails {
  readonly kind: DatabrainErrorKind;
  readonly message: string;
  readonly status?: number;
  readonly code?: ErrorCode;
  readonly body?: unknown;
  readonly cause?: unknown;
}

/** The one error every client call rejects with. Its message never holds the service token. */
export class DatabrainError extends Error {
  override readonly name = 'DatabrainError';
  readonly kind: DatabrainErrorKind;
  /** The HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  /** Databrain's error code, when the body was a documented error. */
  readonly code: ErrorCode | undefined;
  /** The parsed body (or the text of a non-JSON body), when an answer arrived. */
  readonly body: unknown;

  constructor(details: DatabrainErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.body = details.body;
  }
}
