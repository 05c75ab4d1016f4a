/**
 * Who may reach the kit's local servers and what a request may carry: the `Host` rule (DNS
 * rebinding), the `Origin` rule, CORS, and the body cap. Every local server (the mock, the proxy,
 * the control API) applies these before it routes a request.
 */
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../src/kernel/helpers.js';

/** The names of this machine a refusal lists (any of 127.0.0.0/8 is this machine too). */
export const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** What a request is refused with, and the one log line that says why. */
export interface Refusal {
  readonly status: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string; readonly status?: number } };
  readonly log: string;
}

export const hostRefusedCode = 'HOST_NOT_ALLOWED';
export const originRefusedCode = 'ORIGIN_NOT_ALLOWED';

/**
 * The host name a `Host` header names, read as a browser's URL parser reads it (`[::1]:4010` is
 * `[::1]`, `LocalHost` is `localhost`, `localhost:80@evil` is `evil`); undefined when it names none.
 */
export function hostName(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}`);
    const nothingElse = url.username === '' && url.password === '' && url.pathname === '/' && url.search === '';
    return nothingElse && url.hash === '' ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the `Host` header names this machine or an allowed host. A missing header is allowed:
 * browsers always send one, so a rebound page cannot leave it out.
 */
export function isAllowedHost(host: string | undefined, allowedHosts: readonly string[]): boolean {
  if (host === undefined) return true;
  const name = hostName(host);
  if (name === undefined) return false;
  return isLoopbackHost(name) || allowedHosts.some((allowed) => allowed.toLowerCase() === name);
}

/** True for a request from no page (curl, a server) or from a page served by this machine. */
export function isLoopbackOrigin(origin: string | null): boolean {
  if (origin === null) return true;
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** The refusal of a request whose `Host` is not this machine, or undefined when it may go on. */
export function hostRefusal(host: string | undefined, allowedHosts: readonly string[]): Refusal | undefined {
  if (isAllowedHost(host, allowedHosts)) return undefined;
  const name = hostName(host ?? '') ?? (host ?? '').slice(0, 100);
  const allowed = [...loopbackHosts, ...allowedHosts].join(', ');
  return {
    status: 403,
    body: {
      error: {
        code: hostRefusedCode,
        message: `This local server answers requests for ${allowed} only, not for the host "${name}"; start it with --allowed-host ${name} to allow that name.`,
      },
    },
    log: `403 refused: host ${JSON.stringify(name)} is not this machine`,
  };
}

/**
 * The refusal of a request from a page of another site, where only this machine's pages may call:
 * 403 by default; `answer` gives another status and code (the proxy answers as Databrain would).
 */
export function originRefusal(
  origin: string | null,
  what: string,
  answer: { readonly status: number; readonly code: string } = { status: 403, code: originRefusedCode },
): Refusal | undefined {
  if (isLoopbackOrigin(origin)) return undefined;
  const message = `${what} answers only pages served from this machine (localhost).`;
  const repeated = answer.status === 403 ? {} : { status: answer.status };
  return {
    status: answer.status,
    body: { error: { code: answer.code, message, ...repeated } },
    log: `${answer.status} refused: origin ${origin ?? ''} is not this machine`,
  };
}

export const corsHeaders = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
  'access-control-max-age': '600',
};

/** After refusing an oversized body, read at most this much more before dropping the connection. */
const drainFactor = 64;

/** Discards the rest of a refused body, so the client can read the answer; drops a flood. */
function drain(request: IncomingMessage, maxBytes: number): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes * drainFactor) request.socket.destroy();
  });
  request.resume();
}

/** Reads the body and calls back with it, or with undefined when it passes the cap. */
export function readBody(
  request: IncomingMessage,
  maxBytes: number,
  callback: (body: Buffer | undefined) => void,
): void {
  if (Number(request.headers['content-length']) > maxBytes) {
    drain(request, maxBytes);
    callback(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > maxBytes) {
      request.off('data', onData);
      request.off('end', onEnd);
      drain(request, maxBytes);
      callback(undefined);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = (): void => {
    const [first] = chunks;
    callback(chunks.length === 1 && first !== undefined ? first : Buffer.concat(chunks, size));
  };
  request.on('data', onData);
  request.on('end', onEnd);
  // A client that hangs up mid-body is not an error of the mock: its request is simply dropped.
  request.on('error', () => undefined);
}
