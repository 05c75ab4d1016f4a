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
