/** Writing answers on node's http, for every route of the local server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonMediaType } from '../src/kernel/index.js';
import { errorReply, replyText } from './behaviour.js';

/** A request header as one string (repeated headers joined), or null when absent. */
export function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Writes a JSON answer; headers as a flat list, the cheapest form for node's http. `origin` is
 * the page's, for CORS; `undefined` sends no CORS header at all.
 */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: object,
  origin: string | null | undefined,
  close = false,
): void {
  writeJsonText(response, status, replyText(body), origin, close);
}

/** Writes a JSON answer whose text is already written (see {@link writeJson}). */
export function writeJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  origin: string | null | undefined,
  close = false,
): void {
  // The spec's media type exactly, as msw sends it and as contract testers match it.
  const headers = ['content-type', jsonMediaType, 'content-length', String(Buffer.byteLength(text))];
  if (origin !== undefined) headers.push('access-control-allow-origin', origin ?? '*');
  if (origin) headers.push('vary', 'Origin');
  if (close) headers.push('connection', 'close');
  response.writeHead(status, headers);
  response.end(text);
}

/** Takes a summary of each answer for the log; undefined without a log, so no summary is written. */
export type LogSummary = ((summary: string) => void) | undefined;

/** Runs a step; a failure of the mock itself becomes the documented 500, never a crash. */
export function guard(response: ServerResponse, logAnswer: LogSummary, step: () => void): void {
  try {
    step();
  } catch {
    if (!response.headersSent) {
      const reply = errorReply('INTERNAL_SERVER_ERROR');
      writeJson(response, reply.status, reply.body, null, true);
    }
    logAnswer?.('500 INTERNAL_SERVER_ERROR (mock failure)');
  }
}
