/** Small helpers every part uses, so that each is written once. */
import { pageSize } from './facts.js';

/** A base URL without its trailing slashes, ready to have a path appended. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The `error.code` of a parsed body, when it has a string one. */
export function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error: unknown = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True for `application/json` and `application/<anything>+json`, with or without parameters. */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** A page number past the last page of a list of `count` items (never the last page itself). */
export function pastLastPage(count: number, size: number = pageSize): number {
  return Math.floor(count / size) + 2;
}

/** A workspace name no real workspace has: random, so no one can have created it. */
export function missingWorkspaceName(): string {
  return `no-such-workspace-${globalThis.crypto.randomUUID()}`;
}

/** The first line of a message, or of an error's message (anything else as a string): what a one-line report shows. */
export function firstLine(reason: unknown): string {
  const text = reason instanceof Error ? reason.message : String(reason);
  return text.split('\n', 1)[0] ?? '';
}

/** Replaces every occurrence of the secret in a text, so it can be shown. */
export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}

/** A copy of a JSON value in which every string has the secret replaced (keys too). */
export function redactValue(value: unknown, secret: string | undefined): unknown {
  if (!secret) return value;
  if (typeof value === 'string') return redact(value, secret);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secret));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secret), redactValue(item, secret)]),
    );
  }
  return value;
}

/**
 * The shortest secret the drift check and the proxy take. Databrain issues UUIDs (36 characters);
 * a shorter value is a mistake, and masking it would mangle every message it occurs in.
 */
export const minimumTokenLength = 8;

/** Why `token` (from `source`) cannot be a service token, or undefined when it may be one. */
export function shortTokenProblem(token: string, source: string): string | undefined {
  if (token.length >= minimumTokenLength) return undefined;
  const length = `${token.length} character${token.length === 1 ? '' : 's'}`;
  return `${source} is ${length} long, too short to be a service token (Databrain issues UUIDs): export the real token.`;
}

/**
 * True when a host name names this machine: `localhost`, an IPv4 address of 127.0.0.0/8, or
 * `::1` (bracketed as in a URL, or bare as `--host` takes it). The one definition of "this machine"
 * for the Host and Origin rules, the insecure-URL rule and the CLI's `--host`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** True when a URL's host is this machine, so plain HTTP to it never leaves it. */
export function isLoopbackUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

/**
 * Why the service token may not be sent to `url` (named by `source`): plain HTTP to a host beyond
 * this machine, unless the user opted in with `optIn`. Undefined when it may.
 */
export function insecureUrlProblem(url: URL, source: string, optIn: string): string | undefined {
  if (url.protocol !== 'http:' || isLoopbackUrl(url)) return undefined;
  return `${source} ${url.origin} is plain HTTP beyond this machine: the service token would travel in clear text. Use https, or pass ${optIn} if you accept that.`;
}
