/**
 * The running mock as a fixture and as a neighbour on a laptop: its control API through
 * `connectDatabrainMock` and over raw HTTP, the request journal, and the request policy (a foreign
 * `Host` or `Origin` gets no answer, the proxy forwards nothing for it).
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import {
  connectDatabrainMock,
  DatabrainMockControlError,
  startDatabrainMockServer,
  type RunningDatabrainMockServer,
} from '../mocks/http-server.js';
import { createProxy } from '../mocks/proxy.js';
import { createRecorder } from '../mocks/recording.js';
import { dashboardsPath, workspacesPath } from '../src/kernel/index.js';
import { codeOf, getWorkspaces, post } from './support/http.js';
import { cleanToken, startProvider, type RunningProvider } from './support/providers.js';

interface RawAnswer {
  readonly status: number;
  readonly cors: string | undefined;
  readonly body: unknown;
}

/** A request with headers fetch will not set (`Host`), as a rebound page's browser sends them. */
function raw(url: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const cors = response.headers['access-control-allow-origin'];
        resolve({ status: response.statusCode ?? 0, cors, body: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const lines: string[] = [];
let mock: RunningDatabrainMockServer;
const control = () => connectDatabrainMock(mock.url);

beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0, log: (line) => lines.push(line), allowedHosts: ['app.test'] });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await control().reset();
  lines.length = 0;
});

const page = (pageNumber: number) => ({ workspaceName: 'my-workspace', isPagination: true, pageNumber });

describe('the log', () => {
  it('gives each API answer one line: method, path without its query, what was answered, and how long it took', async () => {
    const started = performance.now();
    await post(mock.url, { body: page(1) });
    await getWorkspaces(mock.url, '?isPagination=true&pageNumber=1');
    await control().use({ delayMs: 30, once: true });
    await getWorkspaces(mock.url);
    const elapsed = performance.now() - started;
    // The control API's own line about the scenario has no duration: it is left out here.
    const timed = lines.filter((line) => !line.startsWith('control:')).map((line) => /^(.*) ([\d.]+)ms$/.exec(line));
    expect(timed.map((match) => match?.[1])).toEqual([
      `POST ${dashboardsPath} 200 (10 dashboards)`,
      `GET ${workspacesPath}?... 200 (10 workspaces)`,
      'PUT /__databrain/scenario 200 (control)',
      `GET ${workspacesPath} 200 (13 workspaces)`,
    ]);
    // Every line's duration lies within the test's own: none is negative or longer.
    expect(timed.filter((match) => !(Number(match?.[2]) >= 0 && Number(match?.[2]) <= elapsed))).toEqual([]);
    // The delayed answer, and the journal, hold it once.
    expect((await control().requests()).map((entry) => entry.status)).toEqual([200, 200, 200]);
  });
});

describe('every route of the control API, answer and log line whole', () => {
  const at = (route: string) => `${mock.url}/__databrain/${route}`;
  const send = (method: string, route: string, body?: unknown) =>
    raw(
      at(route),
      { 'content-type': 'application/json' },
      method,
      body === undefined ? undefined : JSON.stringify(body),
    );

  it('answers each route with what it did, and logs it in one line', async () => {
    const answers = [
      await send('PUT', 'scenario', { operation: 'listWorkspaceDashboards', example: 'lastPartialPage', delayMs: 5 }),
      await send('PUT', 'scenario', { operation: 'listWorkspaces', networkError: true, once: true }),
      await send('PUT', 'scenario', {}),
      await send('DELETE', 'scenario'),
      await send('PUT', 'world', { tokens: ['t-1'], workspaces: { solo: [{ name: 'A', externalDashboardId: 'a' }] } }),
      await send('PUT', 'world', { tokens: ['t-1', 't-2'], workspaces: { one: [], two: [] } }),
      await send('DELETE', 'requests'),
      await send('POST', 'reset'),
      await send('GET', 'nowhere'),
    ];
    expect({
      answers: answers.map(({ status, body }) => [status, body]),
      lines: lines.filter((line) => line.startsWith('control:')),
    }).toEqual({
      answers: [
        [
          200,
          {
            scenarios: {
              listWorkspaceDashboards: { status: 200, example: 'lastPartialPage', delayMs: 5, once: false },
            },
          },
        ],
        [200, { scenarios: { listWorkspaces: { networkError: true, once: true } } }],
        [200, { scenarios: { listWorkspaceDashboards: { once: false }, listWorkspaces: { once: false } } }],
        [200, { scenarios: {} }],
        [200, { workspaces: ['solo'] }],
        [200, { workspaces: ['one', 'two'] }],
        [200, { requests: [] }],
        [200, { reset: true }],
        [
          404,
          {
            error: {
              code: 'INVALID_CONTROL_REQUEST',
              message:
                'No control route GET /__databrain/nowhere; use PUT /__databrain/scenario, DELETE /__databrain/scenario, GET /__databrain/requests, DELETE /__databrain/requests, PUT /__databrain/world, POST /__databrain/reset',
            },
          },
        ],
      ],
      lines: [
        'control: scenario set (listWorkspaceDashboards: status 200, example lastPartialPage, delay 5 ms)',
        'control: scenario set for the next request (listWorkspaces: network failure)',
        'control: scenario set (listWorkspaceDashboards: as usual; listWorkspaces: as usual)',
        'control: scenarios cleared',
        'control: world loaded (1 workspace, 1 token)',
        'control: world loaded (2 workspaces, 2 tokens)',
        'control: request journal cleared',
        'control: reset to the start-up world, no scenario, an empty journal',
      ],
    });
  });

  it.each([
    ['a JSON array', 'scenario', [], 'scenario: the body must be a JSON object'],
    ['null', 'scenario', null, 'scenario: the body must be a JSON object'],
    ['a JSON string', 'scenario', 'red', 'scenario: the body must be a JSON object'],
    [
      'unknown fields',
      'scenario',
      { colour: 'red', size: 2 },
      'scenario: "colour", "size" is not a scenario field; use operation, error, example, delayMs, networkError, once',
    ],
    [
      'an unknown field',
      'scenario',
      { colour: 'red' },
      'scenario: "colour" is not a scenario field; use operation, error, example, delayMs, networkError, once',
    ],
    [
      'an unknown operation',
      'scenario',
      { operation: 'listEverything' },
      'scenario: operation=listEverything is not an operation of the spec; use listWorkspaceDashboards, listWorkspaces',
    ],
    ['a world that is a JSON array', 'world', [], 'world: the body must be a JSON object'],
  ])('refuses %s with a 400 that says what to send', async (_name, route, body, message) => {
    expect(await send('PUT', route, body)).toEqual({
      status: 400,
      cors: '*',
      body: { error: { code: 'INVALID_CONTROL_REQUEST', message } },
    });
  });
});

describe('the control API of the running mock', () => {
  it('forces an error on the operations it fits until cleared, and logs each change in one line', async () => {
    await control().use({ error: 'INTERNAL_SERVER_ERROR' });
    const failed = [await post(mock.url, { body: page(1) }), await getWorkspaces(mock.url, '')];
    await control().clear();
    const served = await post(mock.url, { body: page(1) });
    expect([...failed.map((answer) => [answer.status, codeOf(answer)]), [served.status, codeOf(served)]]).toEqual([
      [500, 'INTERNAL_SERVER_ERROR'],
      [500, 'INTERNAL_SERVER_ERROR'],
      [200, undefined],
    ]);
    expect(lines.filter((line) => line.startsWith('control:'))).toEqual([
      'control: scenario set (listWorkspaceDashboards: status 500, example internalServerError; listWorkspaces: status 500, example internalServerError)',
      'control: scenarios cleared',
    ]);
  });

  it('applies an error only its operation documents to that operation alone, once', async () => {
    await control().use({ error: 'WORKSPACE_ID_ERROR', once: true });
    const answers = [
      await getWorkspaces(mock.url, ''),
      await post(mock.url, { body: page(1) }),
      await post(mock.url, { body: page(1) }),
    ];
    expect(answers.map((answer) => [answer.status, codeOf(answer)])).toEqual([
      [200, undefined],
      [400, 'WORKSPACE_ID_ERROR'],
      [200, undefined],
    ]);
  });

  it('keeps a once scenario for the next request it answers: a refused token does not use it up', async () => {
    await control().use({ error: 'WORKSPACE_ID_ERROR', once: true });
    const answers = [
      await post(mock.url, { token: 'not-a-token', body: page(1) }),
      await post(mock.url, { body: page(1), headers: { prefer: 'code=999' } }),
      await post(mock.url, { body: page(1) }),
      await post(mock.url, { body: page(1) }),
    ];
    expect(answers.map((answer) => [answer.status, codeOf(answer)])).toEqual([
      [401, 'INVALID_DATA_APP_API_KEY'],
      [400, 'INVALID_REQUEST_BODY'],
      [400, 'WORKSPACE_ID_ERROR'],
      [200, undefined],
    ]);
  });

  it('uses a once scenario of both operations up on the first request of either', async () => {
    await control().use({ error: 'INTERNAL_SERVER_ERROR', once: true });
    const answers = [await getWorkspaces(mock.url, ''), await post(mock.url, { body: page(1) })];
    expect(answers.map((answer) => [answer.status, codeOf(answer)])).toEqual([
      [500, 'INTERNAL_SERVER_ERROR'],
      [200, undefined],
    ]);
  });

  it('refuses a control body over the cap and changes nothing', async () => {
    const large = JSON.stringify({ error: 'INTERNAL_SERVER_ERROR', padding: 'x'.repeat(200 * 1024) });
    const refused = await raw(`${mock.url}/__databrain/scenario`, { 'content-type': 'application/json' }, 'PUT', large);
    expect([refused.status, (refused.body as { error: { message: string } }).error.message]).toEqual([
      400,
      'the body is larger than the limit of 102400 bytes; nothing was changed',
    ]);
    expect((await post(mock.url, { body: page(1) })).status).toBe(200);
  });

  it('journals a request whose client left during a delay, at the time it arrived', async () => {
    await control().use({ delayMs: 300 });
    const before = new Date().toISOString();
    const leaving = new AbortController();
    const left = fetch(`${mock.url}${workspacesPath}`, {
      headers: { authorization: `Bearer ${devToken}` },
      signal: leaving.signal,
    }).catch((error: unknown) => (error as Error).name);
    setTimeout(() => leaving.abort(), 50);
    expect(await left).toBe('AbortError');
    await expect.poll(async () => (await control().requests()).length).toBe(1);
    const [entry] = await control().requests();
    expect([
      entry?.method,
      entry?.path,
      entry?.status,
      (entry?.time ?? '') >= before,
      (entry?.time ?? '') < new Date(Date.parse(before) + 200).toISOString(),
    ]).toEqual(['GET', workspacesPath, undefined, true, true]);
    expect(lines.filter((line) => line.includes('client left'))).toHaveLength(1);
  });

  it('journals a body over the cap, a dropped connection and an empty body as what they were', async () => {
    const big = JSON.stringify({ workspaceName: 'x'.repeat(200_000) });
    const over = await post(mock.url, { raw: big });
    await control().use({ networkError: true, once: true });
    const dropped = await post(mock.url, { body: page(1) }).catch((error: unknown) => (error as Error).message);
    const empty = await post(mock.url, { raw: '' });
    const journal = (await control().requests()).map((entry) =>
      Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'time')),
    );
    expect({ over: [over.status, codeOf(over)], dropped, empty: [empty.status, codeOf(empty)], journal }).toEqual({
      over: [400, 'INVALID_REQUEST_BODY'],
      dropped: 'fetch failed',
      empty: [400, 'INVALID_REQUEST_BODY'],
      journal: [
        { method: 'POST', path: dashboardsPath, query: '', status: 400, code: 'INVALID_REQUEST_BODY' },
        { method: 'POST', path: dashboardsPath, query: '', body: page(1) },
        { method: 'POST', path: dashboardsPath, query: '', status: 400, code: 'INVALID_REQUEST_BODY' },
      ],
    });
    expect(lines.filter((line) => !line.startsWith('control:')).map((line) => line.replace(/ [\d.]+ms$/, ''))).toEqual([
      `POST ${dashboardsPath} 400 INVALID_REQUEST_BODY (body over the cap)`,
      'PUT /__databrain/scenario 200 (control)',
      `POST ${dashboardsPath} connection dropped (a network-failure scenario)`,
      `POST ${dashboardsPath} 400 INVALID_REQUEST_BODY`,
      'GET /__databrain/requests 200 (control)',
    ]);
  });

  it('journals what was asked and answered, without a header, oldest first, and clears it', async () => {
    await post(mock.url, { body: page(2) });
    await getWorkspaces(mock.url, '?isPagination=true&pageNumber=2');
    await post(mock.url, { token: 'not-a-token', body: { workspaceName: 'x' } });
    const journal = await control().requests();
    expect(journal.map((entry) => ({ ...entry, time: typeof entry.time }))).toEqual([
      { time: 'string', method: 'POST', path: dashboardsPath, query: '', body: page(2), status: 200 },
      { time: 'string', method: 'GET', path: workspacesPath, query: 'isPagination=true&pageNumber=2', status: 200 },
      {
        time: 'string',
        method: 'POST',
        path: dashboardsPath,
        query: '',
        body: { workspaceName: 'x' },
        status: 401,
        code: 'INVALID_DATA_APP_API_KEY',
      },
    ]);
    expect(journal.every((entry) => !Number.isNaN(Date.parse(entry.time)))).toBe(true);
    await control().clearRequests();
    expect(await control().requests()).toEqual([]);
  });

  it('serves a loaded world, and the start-up world, scenario and journal after a reset', async () => {
    await control().world({
      tokens: ['team-token'],
      workspaces: { analytics: [{ name: 'A', externalDashboardId: 'a_1' }] },
    });
    const loaded = await post(mock.url, { token: 'team-token', body: { workspaceName: 'analytics' } });
    await control().use({ delayMs: 5 });
    await control().reset();
    const after = await post(mock.url, { token: 'team-token', body: { workspaceName: 'analytics' } });
    expect([loaded.status, loaded.body, after.status, await control().requests()]).toEqual([
      200,
      { data: [{ name: 'A', externalDashboardId: 'a_1' }], error: null },
      401,
      [expect.objectContaining({ status: 401 })],
    ]);
  });

  it.each([
    [
      { error: 'NOT_A_CODE' },
      'scenario: error=NOT_A_CODE is not a documented error code; use one of INVALID_REQUEST_BODY, WORKSPACE_ID_ERROR, INVALID_DATA_APP_API_KEY, INTERNAL_SERVER_ERROR',
    ],
    [
      { example: 'nope' },
      'scenario: example=nope names no example of the spec; use one of allDashboards, firstPage, lastPartialPage, pagePastTheEnd, emptyWorkspace, invalidRequestBody, workspaceIdError, invalidDataAppApiKey, internalServerError, allWorkspaces, firstWorkspacePage, lastPartialWorkspacePage, workspacePagePastTheEnd',
    ],
    [
      { colour: 'blue' },
      'scenario: "colour" is not a scenario field; use operation, error, example, delayMs, networkError, once',
    ],
    [{ delayMs: '5' }, 'scenario: "delayMs" must be a number'],
    [
      { operation: 'listEverything' },
      'scenario: operation=listEverything is not an operation of the spec; use listWorkspaceDashboards, listWorkspaces',
    ],
  ])('refuses the scenario %j with a 400 naming what it knows', async (scenario, message) => {
    const refused = await control()
      .use(scenario as never)
      .catch((error: unknown) => error);
    expect(refused).toEqual(new DatabrainMockControlError(message));
    expect([refused instanceof DatabrainMockControlError, (refused as Error).name]).toEqual([
      true,
      'DatabrainMockControlError',
    ]);
  });

  it('refuses a world that is not one, an unknown route and a body that is not JSON', async () => {
    await expect(control().world({ tokens: [], workspaces: {} })).rejects.toThrow(
      'world: "tokens" must be a non-empty list of non-empty strings.',
    );
    const unknown = await raw(`${mock.url}/__databrain/mappings`, {});
    const notJson = await raw(`${mock.url}/__databrain/scenario`, { 'content-type': 'application/json' }, 'PUT', '{');
    expect([unknown.status, notJson]).toEqual([
      404,
      {
        status: 400,
        cors: '*',
        body: { error: { code: 'INVALID_CONTROL_REQUEST', message: 'scenario: the body is not valid JSON' } },
      },
    ]);
  });

  it('rejects with a DatabrainMockControlError when what answers is not the mock', async () => {
    const other = createServer((_request, response) =>
      response.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway'),
    );
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      await expect(connectDatabrainMock(`http://127.0.0.1:${port}`).reset()).rejects.toThrow(
        new DatabrainMockControlError(
          `POST http://127.0.0.1:${port}/__databrain/reset answered 502, not as databrain-mock answers: is the mock running at http://127.0.0.1:${port}?`,
        ),
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it("refuses a page of another site, and answers this machine's pages", async () => {
    const foreign = await raw(`${mock.url}/__databrain/requests`, { origin: 'https://evil.example' });
    const local = await raw(`${mock.url}/__databrain/requests`, { origin: 'http://localhost:5173' });
    expect([foreign, local.status]).toEqual([
      {
        status: 403,
        cors: undefined,
        body: {
          error: {
            code: 'ORIGIN_NOT_ALLOWED',
            message: 'The control API answers only pages served from this machine (localhost).',
          },
        },
      },
      200,
    ]);
  });
});

describe('the Host rule of every local server', () => {
  const api = (host: string) => raw(`${mock.url}${workspacesPath}`, { host, authorization: `Bearer ${devToken}` });

  it.each([
    ['localhost:4010'],
    ['127.0.0.1'],
    ['127.0.0.2'],
    ['[::1]:9'],
    ['app.test:3000'],
    ['LOCALHOST'],
    ['0x7f.0.0.1'],
  ])('answers a request for %s', async (host) => {
    expect((await api(host)).status).toBe(200);
  });

  it.each([
    ['localhost:80@evil.example'],
    ['[::1]evil.example'],
    ['localhost.'],
    ['127.0.0.1.nip.io'],
    ['127.1.2.300'],
    ['evil.example'],
  ])('refuses a request for %s, and so does the control API', async (host) => {
    const answers = [await api(host), await raw(`${mock.url}/__databrain/requests`, { host })];
    expect(answers.map((answer) => [answer.status, (answer.body as { error: { code: string } }).error.code])).toEqual([
      [403, 'HOST_NOT_ALLOWED'],
      [403, 'HOST_NOT_ALLOWED'],
    ]);
  });

  it('refuses a rebound domain with one log line and an answer that says why, without CORS', async () => {
    const refused = await api('evil.example:4698');
    expect([refused, lines]).toEqual([
      {
        status: 403,
        cors: undefined,
        body: {
          error: {
            code: 'HOST_NOT_ALLOWED',
            message:
              'This local server answers requests for localhost, 127.0.0.1, [::1], app.test only, not for the host "evil.example"; start it with --allowed-host evil.example to allow that name.',
          },
        },
      },
      [
        expect.stringMatching(
          /^GET \/api\/v2\/workspace 403 refused: host "evil\.example" is not this machine \d+\.\dms$/,
        ),
      ],
    ]);
  });
});

describe('the proxy and a rebound domain', () => {
  let provider: RunningProvider;
  let proxied: RunningDatabrainMockServer;
  beforeAll(async () => {
    provider = await startProvider();
    const proxy = createProxy({
      target: provider.url,
      token: cleanToken,
      timeoutMs: 5_000,
      recorder: createRecorder(),
      log: () => undefined,
    });
    proxied = await startDatabrainMockServer({ port: 0, proxy });
  });
  afterAll(() => Promise.all([proxied.close(), provider.close()]));

  it('forwards nothing for a request whose Host is not this machine, though it carries the dev token and no Origin', async () => {
    const rebound = await raw(`${proxied.url}${workspacesPath}`, {
      host: 'evil.example:4698',
      authorization: `Bearer ${devToken}`,
    });
    expect([rebound.status, (rebound.body as { error: { code: string } }).error.code, provider.requests()]).toEqual([
      403,
      'HOST_NOT_ALLOWED',
      0,
    ]);
    const local = await raw(`${proxied.url}${workspacesPath}`, { authorization: `Bearer ${devToken}` });
    expect([local.status, provider.requests()]).toEqual([200, 1]);
  });

  it("masks the proxy's real token in the journal, should an app put it in the query or the body", async () => {
    await connectDatabrainMock(proxied.url).clearRequests();
    await raw(`${proxied.url}${workspacesPath}?key=${cleanToken}`, { authorization: `Bearer ${devToken}` });
    await raw(
      `${proxied.url}${dashboardsPath}`,
      { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ workspaceName: cleanToken }),
    );
    const journal = await connectDatabrainMock(proxied.url).requests();
    expect(journal.map(({ query, body }) => ({ query, body }))).toEqual([
      { query: 'key=[redacted]' },
      { query: '', body: { workspaceName: '[redacted]' } },
    ]);
    expect(JSON.stringify(journal)).not.toContain(cleanToken);
  });
});
