import { createServer } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createDatabrainClient, type Dashboard } from '../src/index.js';
import { findResponseExample } from '../src/kernel/index.js';
import { failure } from './support/failure.js';

const token = '6f1c2a9e-7d4b-4e0f-9a51-2b8c3d4e5f60';

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Reply = (body: Record<string, unknown>) => Response;

/** A fetch that records each request and answers with `reply`. */
function recordingFetch(reply: Reply): { fetch: typeof fetch; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    // As fetch does, refuse a request whose signal is already aborted.
    if (request.signal.aborted) throw request.signal.reason;
    const text = await request.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body,
    });
    return reply(body);
  };
  return { fetch: fetchImpl, requests };
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const json = (status: number, body: unknown, type = 'application/json'): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

function dashboards(count: number, from = 1): Dashboard[] {
  return Array.from({ length: count }, (_, index) => ({
    name: `Dashboard ${from + index}`,
    externalDashboardId: `dash_${from + index}`,
  }));
}

/** Answers pages of 10 over a list of `total` dashboards. */
function pagingReply(total: number): Reply {
  const all = dashboards(total);
  return (body) => {
    const page = typeof body['pageNumber'] === 'number' ? body['pageNumber'] : 1;
    const data = body['isPagination'] === true ? all.slice((page - 1) * 10, page * 10) : all;
    return json(200, { data, error: null });
  };
}

function exampleBody(status: number, name?: string): unknown {
  const example = findResponseExample(status, name);
  if (!example) throw new Error(`no example for ${status} ${name ?? ''}`);
  return example.value;
}

/** A fetch that never answers and rejects when its request is aborted. */
const hanging = ((input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => {
    const { signal } = new Request(input, init);
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener('abort', () => {
      reject(signal.reason as Error);
    });
  })) as typeof fetch;

describe('createDatabrainClient', () => {
  it('posts the workspace name as JSON with the bearer token to the cloud URL', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, exampleBody(200, 'allDashboards')));
    const client = createDatabrainClient({ token, fetch });
    await client.listDashboards('my-workspace');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.usedatabrain.com/api/v2/workspace/dashboards',
      body: { workspaceName: 'my-workspace' },
    });
    expect(requests[0]?.headers['authorization']).toBe(`Bearer ${token}`);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends to a self-hosted base URL without doubling its trailing slash', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [], error: null }));
    const client = createDatabrainClient({ token, fetch, baseUrl: 'https://bi.example.org/' });
    await client.listDashboards('w');
    expect(requests[0]?.url).toBe('https://bi.example.org/api/v2/workspace/dashboards');
  });

  it('reads the token at request time from a function', async () => {
    let current = 'first-token';
    const { fetch, requests } = recordingFetch(() => json(200, { data: [], error: null }));
    const client = createDatabrainClient({ token: () => current, fetch });
    await client.listDashboards('w');
    current = 'second-token';
    await client.listDashboards('w');
    expect(requests.map((request) => request.headers['authorization'])).toEqual([
      'Bearer first-token',
      'Bearer second-token',
    ]);
  });

  it('returns the dashboards of the documented response', async () => {
    const { fetch } = recordingFetch(() => json(200, exampleBody(200, 'allDashboards')));
    const client = createDatabrainClient({ token, fetch });
    expect(await client.listDashboards('my-workspace')).toEqual([
      { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
      { name: 'Marketing Analytics', externalDashboardId: 'marketing_dash_456' },
    ]);
  });

  it('asks for one page with isPagination and pageNumber', async () => {
    const { fetch, requests } = recordingFetch(pagingReply(23));
    const client = createDatabrainClient({ token, fetch });
    const page = await client.listDashboardsPage('my-workspace', 3);
    expect(requests[0]?.body).toEqual({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 3 });
    expect(page).toEqual(dashboards(3, 21));
  });

  it('reads pages until one holds fewer than 10 dashboards', async () => {
    const { fetch, requests } = recordingFetch(pagingReply(23));
    const client = createDatabrainClient({ token, fetch });
    const sizes: [number, number][] = [];
    for await (const page of client.listDashboardPages('my-workspace'))
      sizes.push([page.pageNumber, page.dashboards.length]);
    expect(sizes).toEqual([
      [1, 10],
      [2, 10],
      [3, 3],
    ]);
    expect(requests).toHaveLength(3);
  });

  it('reads one empty page past the end when the count is a multiple of 10', async () => {
    const { fetch, requests } = recordingFetch(pagingReply(20));
    const client = createDatabrainClient({ token, fetch });
    const all = await client.listAllDashboardsByPage('w');
    expect(all).toEqual(dashboards(20));
    expect(requests.map((request) => request.body)).toEqual([
      { workspaceName: 'w', isPagination: true, pageNumber: 1 },
      { workspaceName: 'w', isPagination: true, pageNumber: 2 },
      { workspaceName: 'w', isPagination: true, pageNumber: 3 },
    ]);
  });

  it('stops with an error when a server ignores pagination and sends more than 10', async () => {
    const { fetch } = recordingFetch(() => json(200, { data: dashboards(23), error: null }));
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listAllDashboardsByPage('w'));
    expect(error.kind).toBe('unexpected-response');
    expect(error.message).toBe(
      'Page 1 held 23 dashboards, more than the page size of 10: the server did not paginate.',
    );
  });

  it('stops after maxPages full pages', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: dashboards(10), error: null }));
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listAllDashboardsByPage('w', { maxPages: 4 }));
    expect(requests.map((request) => (request.body as { pageNumber?: number }).pageNumber)).toEqual([1, 2, 3, 4]);
    expect({ kind: error.kind, status: error.status, message: error.message }).toEqual({
      kind: 'page-limit',
      status: undefined,
      message: 'Stopped after 4 full pages of workspace "w": raise maxPages to read further.',
    });
  });

  it('refuses a page number the request schema does not allow, and sends nothing', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [], error: null }));
    const client = createDatabrainClient({ token, fetch });
    const pages = [0, -1, 1.5, Number.NaN, 2 ** 31];
    const errors = await Promise.all(
      pages.map((page) => client.listDashboardsPage('w', page).catch((e: unknown) => e)),
    );
    expect(errors).toEqual(
      pages.map(
        (page) =>
          new TypeError(
            `listDashboardsPage: ${page} is not a page number; pages are whole numbers from 1 to 2147483647.`,
          ),
      ),
    );
    expect(requests).toEqual([]);
    expect(await client.listDashboardsPage('w', 2 ** 31 - 1)).toEqual([]);
  });

  it.each([
    [400, 'invalidRequestBody', 'INVALID_REQUEST_BODY', '"workspaceName" is required'],
    [400, 'workspaceIdError', 'WORKSPACE_ID_ERROR', 'The workspace name provided does not exist.'],
    [401, 'invalidDataAppApiKey', 'INVALID_DATA_APP_API_KEY', 'Invalid API key'],
    [500, 'internalServerError', 'INTERNAL_SERVER_ERROR', 'Internal server error'],
  ] as const)('turns a %i %s answer into a DatabrainError with its code', async (status, name, code, text) => {
    const { fetch } = recordingFetch(() => json(status, exampleBody(status, name)));
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listDashboards('w'));
    expect({
      name: error.name,
      // No cause to show: an answer arrived.
      hasCause: 'cause' in error,
      kind: error.kind,
      status: error.status,
      code: error.code,
      message: error.message,
    }).toEqual({
      name: 'DatabrainError',
      hasCause: false,
      kind: 'api',
      status,
      code,
      message: `Databrain answered ${status} ${code}: ${text}`,
    });
  });

  it('reports a body that is not JSON with its status and content type', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listDashboards('w'));
    expect(error.kind).toBe('unexpected-response');
    expect(error.status).toBe(502);
    expect(error.message).toBe(
      'Databrain answered 502 with a body that is not JSON (text/html): "<html>Bad gateway</html>"',
    );
  });

  it('reports a 200 body that the spec does not allow, naming the field', async () => {
    const { fetch } = recordingFetch(() => json(200, { data: [{ title: 'Sales' }], error: null }));
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listDashboards('w'));
    expect(error.kind).toBe('unexpected-response');
    expect(error.message).toBe(
      "Databrain answered 200 with a body the spec does not allow: /data/0 must have required property 'name'; /data/0 must have required property 'externalDashboardId'",
    );
  });

  it.each([
    ['no body', () => new Response(null, { status: 500 }), 'no content type'],
    [
      'a zero Content-Length',
      () => new Response(null, { status: 500, headers: { 'content-length': '0' } }),
      'no content type',
    ],
    [
      'an empty JSON body',
      () => new Response('', { status: 500, headers: { 'content-type': 'application/json' } }),
      'application/json',
    ],
  ])('reports a 500 with %s as a body that is not JSON', async (_name, answer, type) => {
    const client = createDatabrainClient({ token, fetch: recordingFetch(answer).fetch });
    const error = await failure(client.listDashboards('w'));
    expect({ kind: error.kind, status: error.status, body: error.body, message: error.message }).toEqual({
      kind: 'unexpected-response',
      status: 500,
      body: '',
      message: `Databrain answered 500 with a body that is not JSON (${type}): ""`,
    });
  });

  it.each([
    ['a JSON string', '"oops"', 'oops'],
    ['a JSON number', '42', 42],
    ['JSON with spaces around it', ' {"message":"Not Found"} ', { message: 'Not Found' }],
  ])('reads a 500 whose body is %s as the JSON it is', async (_name, text, body) => {
    const answer = () => new Response(text, { status: 500, headers: { 'content-type': 'application/json' } });
    const client = createDatabrainClient({ token, fetch: recordingFetch(answer).fetch });
    const error = await failure(client.listDashboards('w'));
    expect({ kind: error.kind, status: error.status, body: error.body, message: error.message }).toEqual({
      kind: 'unexpected-response',
      status: 500,
      body,
      message: `Databrain answered 500 with a body the spec does not document for that status: ${JSON.stringify(body)}`,
    });
  });

  it('reports an error body of an undocumented shape as unexpected', async () => {
    const { fetch } = recordingFetch(() => json(404, { message: 'Not Found' }));
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listDashboards('w'));
    expect([error.kind, error.status, error.code]).toEqual(['unexpected-response', 404, undefined]);
  });

  it('never puts the token in an error message, even when the server echoes it', async () => {
    const { fetch } = recordingFetch(() =>
      json(401, { error: { code: 'INVALID_DATA_APP_API_KEY', message: `Invalid API key ${token}` } }),
    );
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listDashboards('w'));
    expect(error.message).toBe('Databrain answered 401 INVALID_DATA_APP_API_KEY: Invalid API key [redacted]');
    expect(String(error)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('reports an unreachable host as a network error without the token', async () => {
    const port = await closedPort();
    const client = createDatabrainClient({ token, baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
    const error = await failure(client.listDashboards('w'));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(
      new RegExp(`^Could not reach Databrain at http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    expect(error.message).not.toContain(token);
  });

  it('times out a request that gets no answer', async () => {
    const client = createDatabrainClient({ token, fetch: hanging, timeoutMs: 50 });
    const error = await failure(client.listDashboards('w'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      'Databrain did not answer within 50 ms (https://api.usedatabrain.com/api/v2/workspace/dashboards).',
    );
  });

  it.each([
    ['an empty token', () => ''],
    ['no token at all, from a function typed loosely in JavaScript', () => undefined as unknown as string],
  ])('refuses to send with %s', async (_name, token) => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [], error: null }));
    const client = createDatabrainClient({ token, fetch });
    await expect(client.listDashboards('w')).rejects.toThrow(
      new TypeError(
        'No Databrain service token: pass `token` to createDatabrainClient (read on a server, never in a browser).',
      ),
    );
    expect(requests).toEqual([]);
  });
});

describe('a server that echoes the token', () => {
  /** The error of one call to a server answering `reply`, with the checks every echo must pass. */
  async function echoed(reply: Reply, options: { baseUrl?: string } = {}) {
    const { fetch } = recordingFetch(reply);
    const error = await failure(createDatabrainClient({ token, fetch, ...options }).listDashboards('w'));
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error.body)).not.toContain(token);
    return error;
  }

  it('hides it in a body that is not JSON, keeping the rest of the body', async () => {
    const error = await echoed(
      () =>
        new Response(`<html>Bad gateway for ${token}</html>`, {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect({ kind: error.kind, message: error.message, body: error.body }).toEqual({
      kind: 'unexpected-response',
      message:
        'Databrain answered 502 with a body that is not JSON (text/html): "<html>Bad gateway for [redacted]</html>"',
      body: '<html>Bad gateway for [redacted]</html>',
    });
  });

  it('hides it in a 200 body the spec does not allow', async () => {
    const error = await echoed(() => json(200, { data: [{ name: `Dashboard of ${token}` }], error: null }));
    expect({ kind: error.kind, message: error.message, body: error.body }).toEqual({
      kind: 'unexpected-response',
      message:
        "Databrain answered 200 with a body the spec does not allow: /data/0 must have required property 'externalDashboardId'",
      body: { data: [{ name: 'Dashboard of [redacted]' }], error: null },
    });
  });

  it('hides it in an error body of an undocumented shape, key and value', async () => {
    const error = await echoed(() => json(404, { message: `No route for ${token}`, [token]: true }));
    expect({ kind: error.kind, message: error.message, body: error.body }).toEqual({
      kind: 'unexpected-response',
      message:
        'Databrain answered 404 with a body the spec does not document for that status: {"message":"No route for [redacted]","[redacted]":true}',
      body: { message: 'No route for [redacted]', '[redacted]': true },
    });
  });

  it('hides it in the message of a documented error, in the message and the body', async () => {
    const error = await echoed(() =>
      json(401, { error: { code: 'INVALID_DATA_APP_API_KEY', message: `Invalid API key ${token}` } }),
    );
    expect({ kind: error.kind, code: error.code, message: error.message, body: error.body }).toEqual({
      kind: 'api',
      code: 'INVALID_DATA_APP_API_KEY',
      message: 'Databrain answered 401 INVALID_DATA_APP_API_KEY: Invalid API key [redacted]',
      body: { error: { code: 'INVALID_DATA_APP_API_KEY', message: 'Invalid API key [redacted]' } },
    });
  });

  it('hides it in the message of a network error', async () => {
    const failing = (() =>
      Promise.reject(
        new TypeError('fetch failed', { cause: new Error(`proxy refused Bearer ${token}`) }),
      )) as typeof fetch;
    const error = await failure(createDatabrainClient({ token, fetch: failing }).listDashboards('w'));
    expect({ kind: error.kind, message: error.message, body: error.body }).toEqual({
      kind: 'network',
      message: 'Could not reach Databrain at https://api.usedatabrain.com: proxy refused Bearer [redacted]',
      body: undefined,
    });
  });

  it('hides it when it was put in the base URL of an unreachable host', async () => {
    const port = await closedPort();
    const client = createDatabrainClient({ token, baseUrl: `http://127.0.0.1:${port}/${token}`, timeoutMs: 5_000 });
    const error = await failure(client.listDashboards('w'));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      `Could not reach Databrain at http://127.0.0.1:${port}/[redacted]: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('hides it when it was put in the base URL of a host that does not answer in time', async () => {
    const client = createDatabrainClient({
      token,
      fetch: hanging,
      baseUrl: `https://bi.example.org/${token}`,
      timeoutMs: 50,
    });
    const error = await failure(client.listDashboards('w'));
    expect([error.kind, error.message]).toEqual([
      'timeout',
      'Databrain did not answer within 50 ms (https://bi.example.org/[redacted]/api/v2/workspace/dashboards).',
    ]);
  });
});

describe('what a failed call keeps', () => {
  it('keeps the network failure as the cause', async () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.1:443') });
    const error = await failure(
      createDatabrainClient({ token, fetch: () => Promise.reject(refused) }).listDashboards('w'),
    );
    expect(error.kind).toBe('network');
    expect(error.cause).toBe(refused);
  });

  it('quotes at most 200 characters of a body that is not JSON, then an ellipsis, and keeps the whole body', async () => {
    const text = `${'x'.repeat(200)}yz`;
    const { fetch } = recordingFetch(
      () => new Response(text, { status: 502, headers: { 'content-type': 'text/plain' } }),
    );
    const error = await failure(createDatabrainClient({ token, fetch }).listDashboards('w'));
    expect(error.message).toBe(
      `Databrain answered 502 with a body that is not JSON (text/plain): "${'x'.repeat(200)}…"`,
    );
    expect(error.body).toBe(text);
  });

  it('quotes a body of exactly 200 characters whole, without an ellipsis', async () => {
    const text = 'x'.repeat(200);
    const { fetch } = recordingFetch(
      () => new Response(text, { status: 502, headers: { 'content-type': 'text/plain' } }),
    );
    const error = await failure(createDatabrainClient({ token, fetch }).listDashboards('w'));
    expect(error.message).toBe(`Databrain answered 502 with a body that is not JSON (text/plain): "${text}"`);
  });

  it('says "no content type" for a body that is not JSON and has none', async () => {
    const { fetch } = recordingFetch(() => new Response(new Uint8Array([0x3c, 0x21]), { status: 500 }));
    const error = await failure(createDatabrainClient({ token, fetch }).listDashboards('w'));
    expect(error.message).toBe('Databrain answered 500 with a body that is not JSON (no content type): "<!"');
  });

  it('refuses a token of only spaces with a TypeError before sending anything', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [], error: null }));
    const client = createDatabrainClient({ token: ' \t ', fetch });
    await expect(client.listDashboards('w')).rejects.toThrow(
      new TypeError(
        'No Databrain service token: pass `token` to createDatabrainClient (read on a server, never in a browser).',
      ),
    );
    await expect(client.listDashboards('w')).rejects.toBeInstanceOf(TypeError);
    expect(requests).toEqual([]);
  });
});

describe('aborting a call', () => {
  it("rejects with kind aborted when the call's own signal aborts it mid-request", async () => {
    const controller = new AbortController();
    const client = createDatabrainClient({ token, fetch: hanging, timeoutMs: 5_000 });
    const call = failure(client.listDashboards('w', { signal: controller.signal }));
    setTimeout(() => {
      controller.abort();
    }, 20);
    const error = await call;
    expect([error.kind, error.message]).toEqual(['aborted', 'The request was aborted.']);
  });

  it("rejects with kind aborted when the client's signal was aborted before the call", async () => {
    const controller = new AbortController();
    controller.abort();
    const client = createDatabrainClient({ token, fetch: hanging, timeoutMs: 5_000, signal: controller.signal });
    const error = await failure(client.listDashboards('w'));
    expect([error.kind, error.message]).toEqual(['aborted', 'The request was aborted.']);
  });

  it('stops reading pages when the signal given to listAllDashboardsByPage aborts', async () => {
    const controller = new AbortController();
    const { fetch, requests } = recordingFetch(() => {
      controller.abort();
      return json(200, { data: dashboards(10), error: null });
    });
    const client = createDatabrainClient({ token, fetch });
    const error = await failure(client.listAllDashboardsByPage('w', { signal: controller.signal }));
    expect([error.kind, requests.length]).toEqual(['aborted', 1]);
  });

  it('rejects with kind timeout, not aborted, when only the timeout fires while a signal is given', async () => {
    const client = createDatabrainClient({
      token,
      fetch: hanging,
      timeoutMs: 50,
      signal: new AbortController().signal,
    });
    const error = await failure(client.listDashboards('w', { signal: new AbortController().signal }));
    expect(error.kind).toBe('timeout');
  });
});

describe('a timeout that always fires', () => {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;

  /** Runs the collector every 20 ms while `settling` is pending. */
  async function underGarbageCollection<T>(settling: Promise<T>): Promise<T> {
    const collector = setInterval(collectGarbage, 20);
    try {
      return await settling;
    } finally {
      clearInterval(collector);
    }
  }

  /** A fetch that ignores its signal and never answers. */
  const silent = (() => new Promise<Response>(() => undefined)) as typeof fetch;

  it('fires while the collector runs and only the stub fetch waits on the signal', async () => {
    const client = createDatabrainClient({ token, fetch: hanging, timeoutMs: 200 });
    const error = await underGarbageCollection(failure(client.listDashboards('w')));
    expect([error.kind, error.message]).toEqual([
      'timeout',
      'Databrain did not answer within 200 ms (https://api.usedatabrain.com/api/v2/workspace/dashboards).',
    ]);
  });

  it('settles a call whose fetch ignores its signal and never answers', async () => {
    const client = createDatabrainClient({ token, fetch: silent, timeoutMs: 100 });
    const error = await underGarbageCollection(failure(client.listWorkspaces()));
    expect([error.kind, error.message]).toEqual([
      'timeout',
      'Databrain did not answer within 100 ms (https://api.usedatabrain.com/api/v2/workspace).',
    ]);
  });

  it("settles a call whose fetch ignores its signal when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const client = createDatabrainClient({ token, fetch: silent, timeoutMs: 5_000 });
    const call = failure(client.listDashboards('w', { signal: controller.signal }));
    setTimeout(() => {
      controller.abort();
    }, 20);
    const error = await underGarbageCollection(call);
    expect([error.kind, error.message]).toEqual(['aborted', 'The request was aborted.']);
  });
});

describe('what a call leaves behind', () => {
  it('aborts the request itself when its timeout fires, with a TimeoutError that names the limit', async () => {
    let seen: AbortSignal | undefined;
    const waiting = ((input: Request) => {
      seen = input.signal;
      return new Promise<Response>(() => undefined);
    }) as typeof fetch;
    const error = await failure(createDatabrainClient({ token, fetch: waiting, timeoutMs: 30 }).listWorkspaces());
    const reason = seen?.reason as DOMException | undefined;
    expect([error.kind, seen?.aborted, reason?.name, reason?.message]).toEqual([
      'timeout',
      true,
      'TimeoutError',
      'No answer within 30 ms.',
    ]);
  });

  it("leaves no listener on the callers' signals and no timer once each call has settled", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const clientWide = new AbortController();
      const perCall = new AbortController();
      const answering = () => Promise.resolve(json(200, { data: [], error: null }));
      const failing = () => Promise.resolve(json(500, exampleBody(500, 'internalServerError')));
      const client = createDatabrainClient({ token, fetch: answering, signal: clientWide.signal });
      await client.listDashboards('w', { signal: perCall.signal });
      await client.listWorkspaces({ signal: perCall.signal });
      const other = createDatabrainClient({ token, fetch: failing, signal: clientWide.signal });
      await failure(other.listWorkspaces({ signal: perCall.signal }));
      expect({
        clientWide: getEventListeners(clientWide.signal, 'abort').length,
        perCall: getEventListeners(perCall.signal, 'abort').length,
        timers: vi.getTimerCount(),
      }).toEqual({ clientWide: 0, perCall: 0, timers: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the client and a token cut by a preview', () => {
  it('leaves no part of the token in the message when it straddles the 200-character cut', async () => {
    const text = `${'x'.repeat(190)}${token}`;
    const client = createDatabrainClient({
      token,
      fetch: () => Promise.resolve(new Response(text, { status: 502, headers: { 'content-type': 'text/plain' } })),
    });
    const error = await failure(client.listDashboards('w'));
    expect(error.message).not.toContain(token.slice(0, 8));
    expect(error.message).toBe(
      `Databrain answered 502 with a body that is not JSON (text/plain): "${'x'.repeat(190)}[redacted]"`,
    );
  });
});
