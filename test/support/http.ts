/** Sending one request to a face of the mock and reading the answer, for tests. */
import { request, type Agent } from 'node:http';
import { dashboardsPath, workspacesPath } from '../../src/kernel/index.js';

export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

export interface Sent {
  readonly token?: string | null;
  readonly body?: unknown;
  /** A raw body, sent as it is. */
  readonly raw?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Record<string, string>;
}

/** An answer as the tests read it: the body parsed when it is JSON, its text otherwise. */
async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, contentType: response.headers.get('content-type'), body: parsed };
}

/** POSTs to the endpoint under `baseUrl` with global fetch, which msw may intercept. */
export async function post(baseUrl: string, sent: Sent): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...sent.headers };
  if (sent.token !== null) headers['authorization'] = `Bearer ${sent.token ?? 'dbn-dev-token'}`;
  const body = sent.raw ?? JSON.stringify(sent.body ?? {});
  const response = await fetch(`${baseUrl}${dashboardsPath}`, { method: 'POST', headers, body });
  return answerOf(response);
}

/** The error code of an answer, or undefined for a success. */
export function codeOf(answer: Answer): string | undefined {
  const body = answer.body as { error?: { code?: string } | null };
  return body.error?.code ?? undefined;
}

export function dataOf(answer: Answer): { name: string; externalDashboardId: string }[] {
  return (answer.body as { data: { name: string; externalDashboardId: string }[] }).data;
}

/** GETs List Workspaces under `baseUrl` with a query string, with global fetch, which msw may intercept. */
export async function getWorkspaces(
  baseUrl: string,
  query = '',
  sent: Omit<Sent, 'body' | 'raw'> = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...sent.headers };
  if (sent.token !== null) headers['authorization'] = `Bearer ${sent.token ?? 'dbn-dev-token'}`;
  const response = await fetch(`${baseUrl}${workspacesPath}${query}`, { headers });
  return answerOf(response);
}

/** The names a List Workspaces answer holds. */
export function namesOf(answer: Answer): string[] {
  return (answer.body as { data: { name: string }[] }).data.map((workspace) => workspace.name);
}

/** A request as node:http sends it: a body, when given, with its length. */
export interface RawRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/** An answer as it came: its status and its body's text. */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * Sends one request with node:http over `agent`'s kept-alive connections and reads the whole answer:
 * for the fuzz and the storm, which send thousands to the HTTP mock server (no msw there to
 * intercept), at a third of fetch's CPU per request. Nothing heard for 20 s is an error.
 */
export function sendOverHttp(agent: Agent, url: string, sent: RawRequest): Promise<RawAnswer> {
  const { body } = sent;
  const headers =
    body === undefined ? sent.headers : { ...sent.headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent, method: sent.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
      });
      response.on('error', reject);
    });
    outgoing.setTimeout(20_000, () => outgoing.destroy(new Error('nothing heard within 20 s')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
