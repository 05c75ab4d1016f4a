/**
 * The validating proxy: the mock forwards what it accepts to a provider with other data than the
 * fixtures, sends the answers back as they came, checks each against the spec in the drift check's
 * words, and records what it saw whole as a world that replays the same answers offline. The real
 * token never shows: wherever the provider echoes it, `[redacted]` stands in its place.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadWorldFile } from '../mocks/fixtures-file.js';
import { defaultDatabrainWorld, devToken } from '../mocks/fixtures.js';
import { connectDatabrainMock } from '../mocks/control-client.js';
import { startDatabrainMockServer } from '../mocks/http-server.js';
import { createProxy, proxyErrorCode, proxyErrorStatus } from '../mocks/proxy.js';
import {
  dashboardsPath,
  documentedErrors,
  jsonMediaType,
  pageSize,
  workspacesPath,
  type ErrorCode,
} from '../src/kernel/index.js';
import { startProxyRig, type ProxyRig } from './support/proxy-rig.js';
import { cleanToken, cleanWorkspace, cleanWorld, drifts, echoes, type Drift } from './support/providers.js';
import { nodeArgsFor } from './support/command.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-proxy-'));

/** An answer as the app reads it: status, content type and the body's text. */
interface HttpAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

async function fetchAnswer(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

const postInit = (body: unknown, token: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const postTo = (base: string, body: unknown, token: string, headers: Record<string, string> = {}) =>
  fetchAnswer(`${base}${dashboardsPath}`, postInit(body, token, headers));
const listFrom = (base: string, query: string, token: string): Promise<HttpAnswer> =>
  fetchAnswer(`${base}${workspacesPath}${query}`, { headers: { authorization: `Bearer ${token}` } });

/** The body of a documented error, as the spec documents it. */
const documentedBody = (code: ErrorCode) => ({
  error: { code, message: documentedErrors[code].message, status: documentedErrors[code].status },
});

/** The requests a frontend would send while developing: lists, pages to the end, errors. */
const session = [
  { body: { workspaceName: cleanWorkspace } },
  ...[1, 2, 3, 4, 5].map((pageNumber) => ({ body: { workspaceName: cleanWorkspace, isPagination: true, pageNumber } })),
  { body: { workspaceName: 'project-3' } },
  { body: { workspaceName: 'no-such-team' } },
  { body: {} },
  { query: '' },
  { query: '?isPagination=true&pageNumber=2' },
] as const;

function send(base: string, step: (typeof session)[number], token: string): Promise<HttpAnswer> {
  return 'query' in step ? listFrom(base, step.query, token) : postTo(base, step.body, token);
}

let rig: ProxyRig;
beforeAll(async () => {
  rig = await startProxyRig();
});
beforeEach(() => rig.reset());
afterAll(async () => {
  await rig.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the proxy in front of a clean provider', () => {
  it('sends every answer back as the provider gave it: status, content type and body bytes', async () => {
    for (const step of session) {
      const direct = await send(rig.provider.url, step, cleanToken);
      expect(await send(rig.mock.url, step, devToken)).toEqual(direct);
    }
    expect(rig.current().proxyLines).toEqual([]);
  });

  it('answers any other token with the mock 401 and forwards nothing', async () => {
    const before = rig.provider.requests();
    const refused = await postTo(rig.mock.url, { workspaceName: cleanWorkspace }, cleanToken);
    expect([refused.status, JSON.parse(refused.text)]).toEqual([
      documentedErrors.INVALID_DATA_APP_API_KEY.status,
      documentedBody('INVALID_DATA_APP_API_KEY'),
    ]);
    expect(rig.provider.requests()).toBe(before);
  });

  it('answers a Prefer scenario itself, without forwarding it', async () => {
    const before = rig.provider.requests();
    const forced = await postTo(rig.mock.url, { workspaceName: cleanWorkspace }, devToken, { prefer: 'code=500' });
    expect([forced.status, JSON.parse(forced.text)]).toEqual([
      documentedErrors.INTERNAL_SERVER_ERROR.status,
      documentedBody('INTERNAL_SERVER_ERROR'),
    ]);
    expect(rig.provider.requests()).toBe(before);
  });

  it('records what it saw whole, with the mock tokens, and the recording replays the same answers', async () => {
    for (const step of session) await send(rig.mock.url, step, devToken);
    const { world, leftOut } = rig.current().recorder.recording(defaultDatabrainWorld.tokens);
    expect([world.tokens, Object.entries(world.workspaces)]).toEqual([
      defaultDatabrainWorld.tokens,
      [
        [cleanWorkspace, cleanWorld.workspaces[cleanWorkspace]],
        ['project-3', cleanWorld.workspaces['project-3']],
      ],
    ]);
    expect(leftOut).toEqual([
      'workspace "no-such-team" stays unknown: the API answered WORKSPACE_ID_ERROR',
      '11 listed workspace(s) left out, their dashboards never asked for: region-1, region-2, region-3, region-4, region-5, region-6, new-team, project-1, project-2, project-4, project-5',
    ]);
    const replay = await startDatabrainMockServer({ port: 0, world });
    try {
      for (const step of session.filter((candidate) => 'body' in candidate)) {
        expect(await send(replay.url, step, devToken)).toEqual(await send(rig.provider.url, step, cleanToken));
      }
    } finally {
      await replay.close();
    }
  });
});

describe('the proxy and other sites', () => {
  it('forwards for pages of this machine, and refuses any other origin without CORS or forwarding', async () => {
    const local = await fetchAnswer(`${rig.mock.url}${workspacesPath}`, {
      headers: { authorization: `Bearer ${devToken}`, origin: 'http://localhost:5173' },
    });
    expect(local).toEqual(await listFrom(rig.provider.url, '', cleanToken));
    const before = rig.provider.requests();
    const foreign = await fetch(`${rig.mock.url}${workspacesPath}`, {
      headers: { authorization: `Bearer ${devToken}`, origin: 'https://evil.example' },
    });
    expect([foreign.status, foreign.headers.get('access-control-allow-origin'), await foreign.json()]).toEqual([
      documentedErrors.INVALID_DATA_APP_API_KEY.status,
      null,
      {
        error: {
          code: 'INVALID_DATA_APP_API_KEY',
          message: 'The proxy answers only pages served from this machine (localhost).',
          status: documentedErrors.INVALID_DATA_APP_API_KEY.status,
        },
      },
    ]);
    const preflight = await fetch(`${rig.mock.url}${workspacesPath}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([403, null]);
    expect(rig.provider.requests()).toBe(before);
  });
});

describe('the proxy in front of a drifted provider', () => {
  it('prints one DRIFT line naming the renamed field, in the drift check words', async () => {
    rig.answerWith(drifts['a renamed field (name → title)']);
    await postTo(rig.mock.url, { workspaceName: cleanWorkspace }, devToken);
    const message = '$.data[*].name is required by the spec but missing (in 37 items)';
    expect(rig.current().proxyLines).toEqual([
      `DRIFT POST ${dashboardsPath}: $.data[*].name: ${message} (expected present; actual missing)`,
    ]);
    const finding = { severity: 'drift', where: '$.data[*].name', expected: 'present', actual: 'missing', message };
    expect(
      rig
        .current()
        .proxy.checks()
        .map(({ name, findings }) => ({ name, findings })),
    ).toEqual([{ name: `POST ${dashboardsPath} answered 200`, findings: [finding] }]);
  });
});

/**
 * Everything the proxy and the mock show of what passed: the answer (every header but Date),
 * the proxy's lines, the mock's lines, the checks for the reports, the journal and the recording.
 */
async function everythingShown(response: Response) {
  const { proxy, recorder, proxyLines, serverLines } = rig.current();
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return {
    answer: { status: response.status, headers, text: await response.text() },
    proxyLines: [...proxyLines],
    serverLines: [...serverLines],
    checks: proxy.checks().map(({ name, findings }) => ({ name, findings })),
    journal: await rig.journal(),
    recording: recorder.recording([devToken]),
  };
}

/** The headers the mock sends with a forwarded answer of this content type and text: no other. */
const forwardedHeaders = (contentType: string, text: string) => ({
  'access-control-allow-origin': '*',
  connection: 'keep-alive',
  'content-length': String(Buffer.byteLength(text)),
  'content-type': contentType,
  'keep-alive': 'timeout=5',
});

const postShown = async (body: unknown) =>
  everythingShown(await fetch(`${rig.mock.url}${dashboardsPath}`, postInit(body, devToken)));

const answered = (status: number) => `POST ${dashboardsPath} answered ${status}`;
const forwardedLine = (status: number) => `POST ${dashboardsPath} ${status} (forwarded)`;
const nothingRecorded = { world: { tokens: [devToken], workspaces: {} }, leftOut: [] };

/** Every unpaginated list with the token in each dashboard's name and in an added field. */
const echoInNames: Drift = (request, reply, dashboards) =>
  reply.status === 200 && request.body['isPagination'] !== true
    ? {
        ...reply,
        body: {
          data: dashboards.map(({ name, externalDashboardId }) => ({
            name: `${name} for ${cleanToken}`,
            externalDashboardId,
          })),
          error: null,
          echo: cleanToken,
        },
      }
    : reply;

/** The token as JSON may escape it: its first character as `\uXXXX`. */
const escapedToken = `\\u${cleanToken.charCodeAt(0).toString(16).padStart(4, '0')}${cleanToken.slice(1)}`;

describe('the proxy when the provider echoes the real token', () => {
  it('masks it in a field of a JSON answer', async () => {
    rig.answerWith(echoes['in an added field']);
    const text = JSON.stringify({ data: cleanWorld.workspaces['project-3'], error: null, echo: '[redacted]' });
    const finding = {
      severity: 'warning',
      where: '$.echo',
      expected: 'no such field',
      actual: '"[redacted]"',
      message: '$.echo is not declared in the spec (an additive change)',
    };
    expect(await postShown({ workspaceName: 'project-3' })).toEqual({
      answer: { status: 200, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [
        `warning POST ${dashboardsPath}: $.echo: $.echo is not declared in the spec (an additive change) (expected no such field; actual "[redacted]")`,
      ],
      serverLines: [forwardedLine(200)],
      checks: [{ name: answered(200), findings: [finding] }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: { workspaceName: 'project-3' }, status: 200 }],
      recording: {
        world: { tokens: [devToken], workspaces: { 'project-3': cleanWorld.workspaces['project-3'] } },
        leftOut: [],
      },
    });
  });

  it('masks it in a field name of a JSON answer', async () => {
    rig.answerWith((_request, reply) =>
      reply.status === 200 ? { ...reply, body: { ...(reply.body as object), [cleanToken]: 1 } } : reply,
    );
    const text = JSON.stringify({ data: cleanWorld.workspaces['project-3'], error: null, '[redacted]': 1 });
    const finding = {
      severity: 'warning',
      where: '$.[redacted]',
      expected: 'no such field',
      actual: '1',
      message: '$.[redacted] is not declared in the spec (an additive change)',
    };
    expect(await postShown({ workspaceName: 'project-3' })).toEqual({
      answer: { status: 200, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [
        `warning POST ${dashboardsPath}: $.[redacted]: $.[redacted] is not declared in the spec (an additive change) (expected no such field; actual 1)`,
      ],
      serverLines: [forwardedLine(200)],
      checks: [{ name: answered(200), findings: [finding] }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: { workspaceName: 'project-3' }, status: 200 }],
      recording: {
        world: { tokens: [devToken], workspaces: { 'project-3': cleanWorld.workspaces['project-3'] } },
        leftOut: [],
      },
    });
  });

  it('masks it escaped in a JSON answer, which then goes back written again', async () => {
    const escaped = `{"data":[{"name":"Board of ${escapedToken}","externalDashboardId":"board_1"}],"error":null,"echo":"${escapedToken}"}`;
    rig.answerWith((_request, reply) => ({ ...reply, text: escaped }));
    const dashboards = [{ name: 'Board of [redacted]', externalDashboardId: 'board_1' }];
    const text = JSON.stringify({ data: dashboards, error: null, echo: '[redacted]' });
    const finding = {
      severity: 'warning',
      where: '$.echo',
      expected: 'no such field',
      actual: '"[redacted]"',
      message: '$.echo is not declared in the spec (an additive change)',
    };
    expect(await postShown({ workspaceName: 'project-3' })).toEqual({
      answer: { status: 200, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [
        `warning POST ${dashboardsPath}: $.echo: $.echo is not declared in the spec (an additive change) (expected no such field; actual "[redacted]")`,
      ],
      serverLines: [forwardedLine(200)],
      checks: [{ name: answered(200), findings: [finding] }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: { workspaceName: 'project-3' }, status: 200 }],
      recording: { world: { tokens: [devToken], workspaces: { 'project-3': dashboards } }, leftOut: [] },
    });
  });

  it('masks an escaped echo wherever the JSON holds it, and passes an answer without it on as written', async () => {
    const texts: string[] = [];
    const plain = { name: 'Plain', externalDashboardId: 'plain_1' };
    for (const sent of [
      `{"data":[${JSON.stringify(plain)},{"name":"Board of ${escapedToken}","externalDashboardId":"b_1"}],"error":null}`,
      `{"data":[],"error":null,"${escapedToken}":1}`,
      JSON.stringify({ data: [plain], error: null }, null, 2),
    ]) {
      rig.answerWith((_request, reply) => ({ ...reply, text: sent }));
      texts.push((await postShown({ workspaceName: 'project-3' })).answer.text);
    }
    expect(texts).toEqual([
      JSON.stringify({ data: [plain, { name: 'Board of [redacted]', externalDashboardId: 'b_1' }], error: null }),
      JSON.stringify({ data: [], error: null, '[redacted]': 1 }),
      JSON.stringify({ data: [plain], error: null }, null, 2),
    ]);
  });

  it('masks it in an error message', async () => {
    rig.answerWith(echoes['in an error message']);
    const message = 'No workspace of that name for token [redacted]';
    const text = JSON.stringify({ error: message });
    const { status } = documentedErrors.WORKSPACE_ID_ERROR;
    const finding = {
      severity: 'drift',
      where: '$.error',
      expected: 'type "object"',
      actual: `"${message}"`,
      message: '$.error must be object',
    };
    expect(await postShown({ workspaceName: 'no-such-team' })).toEqual({
      answer: { status, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [
        `DRIFT POST ${dashboardsPath}: $.error: $.error must be object (expected type "object"; actual "${message}")`,
      ],
      serverLines: [forwardedLine(status)],
      checks: [{ name: answered(status), findings: [finding] }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: { workspaceName: 'no-such-team' }, status }],
      recording: nothingRecorded,
    });
  });

  it('masks it in an answer that is not JSON', async () => {
    rig.answerWith(echoes['in a body that is not JSON']);
    const text = '<html><body>400 Bad Request for token [redacted]</body></html>';
    const { status } = documentedErrors.INVALID_REQUEST_BODY;
    const findings = [
      {
        severity: 'drift',
        where: 'content-type',
        expected: jsonMediaType,
        actual: 'text/html',
        message: 'the content type is text/html, not JSON',
      },
      {
        severity: 'drift',
        where: 'body',
        expected: 'JSON',
        actual: JSON.stringify(text),
        message: 'the body is not JSON',
      },
    ];
    expect(await postShown({})).toEqual({
      answer: { status, headers: forwardedHeaders('text/html', text), text },
      proxyLines: [
        `DRIFT POST ${dashboardsPath}: content-type: the content type is text/html, not JSON (expected ${jsonMediaType}; actual text/html)`,
        `DRIFT POST ${dashboardsPath}: body: the body is not JSON (expected JSON; actual ${JSON.stringify(text)})`,
      ],
      serverLines: [forwardedLine(status)],
      checks: [{ name: answered(status), findings }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: {}, status }],
      recording: nothingRecorded,
    });
  });

  it('masks it in the Content-Type header', async () => {
    rig.answerWith(echoes['in a response header']);
    const page = cleanWorld.workspaces[cleanWorkspace]?.slice(0, pageSize);
    const text = JSON.stringify({ data: page, error: null });
    const contentType = 'text/plain; token=[redacted]';
    const finding = {
      severity: 'drift',
      where: 'content-type',
      expected: jsonMediaType,
      actual: contentType,
      message: `the content type is ${contentType}, not JSON`,
    };
    const request = { workspaceName: cleanWorkspace, isPagination: true, pageNumber: 1 };
    expect(await postShown(request)).toEqual({
      answer: { status: 200, headers: forwardedHeaders(contentType, text), text },
      proxyLines: [
        `DRIFT POST ${dashboardsPath}: content-type: the content type is ${contentType}, not JSON (expected ${jsonMediaType}; actual ${contentType})`,
      ],
      serverLines: [forwardedLine(200)],
      checks: [{ name: answered(200), findings: [finding] }],
      journal: [{ method: 'POST', path: dashboardsPath, query: '', body: request, status: 200 }],
      recording: {
        world: { tokens: [devToken], workspaces: {} },
        leftOut: [
          `workspace "${cleanWorkspace}" left out: page 2 was not seen (seen: 1), so its list was not seen whole`,
        ],
      },
    });
  });

  it('passes on no other header: not WWW-Authenticate, not a header of its own', async () => {
    const refusal: Drift = () => ({
      status: documentedErrors.INVALID_DATA_APP_API_KEY.status,
      body: documentedBody('INVALID_DATA_APP_API_KEY'),
      headers: {
        'www-authenticate': `Bearer error="invalid_token", error_description="the token ${cleanToken} expired"`,
        'x-echo-token': cleanToken,
      },
    });
    rig.answerWith(refusal);
    const text = JSON.stringify(documentedBody('INVALID_DATA_APP_API_KEY'));
    const { status } = documentedErrors.INVALID_DATA_APP_API_KEY;
    expect(await postShown({ workspaceName: cleanWorkspace })).toEqual({
      answer: { status, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [],
      serverLines: [forwardedLine(status)],
      checks: [{ name: answered(status), findings: [] }],
      journal: [
        {
          method: 'POST',
          path: dashboardsPath,
          query: '',
          body: { workspaceName: cleanWorkspace },
          status,
          code: 'INVALID_DATA_APP_API_KEY',
        },
      ],
      recording: nothingRecorded,
    });
  });
});

describe('the proxy beside scenarios', () => {
  const statusAndCode = async (response: Response) => {
    const body = (await response.json()) as { error?: { code?: string } | null };
    return [response.status, body.error?.code];
  };
  const both = async () => [
    await statusAndCode(
      await fetch(`${rig.mock.url}${dashboardsPath}`, postInit({ workspaceName: 'project-3' }, devToken)),
    ),
    await statusAndCode(
      await fetch(`${rig.mock.url}${workspacesPath}`, { headers: { authorization: `Bearer ${devToken}` } }),
    ),
  ];

  it('leaves an operation with a control API scenario to the mock, and forwards the other one', async () => {
    const control = connectDatabrainMock(rig.mock.url);
    await control.use({ operation: 'listWorkspaces', error: 'INTERNAL_SERVER_ERROR' });
    try {
      expect({ answers: await both(), lines: [...rig.current().serverLines] }).toEqual({
        answers: [
          [200, undefined],
          [500, 'INTERNAL_SERVER_ERROR'],
        ],
        lines: [
          'control: scenario set (listWorkspaces: status 500, example internalServerError)',
          'PUT /__databrain/scenario 200 (control)',
          forwardedLine(200),
          `GET ${workspacesPath} 500 INTERNAL_SERVER_ERROR`,
        ],
      });
    } finally {
      await control.clear();
    }
  });

  it('leaves every operation to the mock while a configured scenario holds', async () => {
    rig.mock.configure({ scenario: { status: 500 } });
    try {
      expect({ answers: await both(), lines: [...rig.current().serverLines] }).toEqual({
        answers: [
          [500, 'INTERNAL_SERVER_ERROR'],
          [500, 'INTERNAL_SERVER_ERROR'],
        ],
        lines: [`POST ${dashboardsPath} 500 INTERNAL_SERVER_ERROR`, `GET ${workspacesPath} 500 INTERNAL_SERVER_ERROR`],
      });
    } finally {
      rig.mock.configure({});
    }
  });
});

describe('the proxy when the app sends the real token', () => {
  it('masks it in the recording and the journal when a request names it', async () => {
    const text = JSON.stringify(documentedBody('WORKSPACE_ID_ERROR'));
    const { status } = documentedErrors.WORKSPACE_ID_ERROR;
    expect(await postShown({ workspaceName: cleanToken })).toEqual({
      answer: { status, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [],
      serverLines: [forwardedLine(status)],
      checks: [{ name: answered(status), findings: [] }],
      journal: [
        {
          method: 'POST',
          path: dashboardsPath,
          query: '',
          body: { workspaceName: '[redacted]' },
          status,
          code: 'WORKSPACE_ID_ERROR',
        },
      ],
      recording: {
        world: { tokens: [devToken], workspaces: {} },
        leftOut: ['workspace "[redacted]" stays unknown: the API answered WORKSPACE_ID_ERROR'],
      },
    });
  });

  it('masks it in the recording and the journal when a request names it JSON-escaped', async () => {
    const escaped = `\\u${cleanToken.charCodeAt(0).toString(16).padStart(4, '0')}${cleanToken.slice(1)}`;
    const init = { ...postInit({}, devToken), body: `{"workspaceName":"${escaped}"}` };
    const shown = await everythingShown(await fetch(`${rig.mock.url}${dashboardsPath}`, init));
    expect({ journal: shown.journal, recording: shown.recording }).toEqual({
      journal: [
        {
          method: 'POST',
          path: dashboardsPath,
          query: '',
          body: { workspaceName: '[redacted]' },
          status: documentedErrors.WORKSPACE_ID_ERROR.status,
          code: 'WORKSPACE_ID_ERROR',
        },
      ],
      recording: {
        world: { tokens: [devToken], workspaces: {} },
        leftOut: ['workspace "[redacted]" stays unknown: the API answered WORKSPACE_ID_ERROR'],
      },
    });
    expect(JSON.stringify(shown)).not.toContain(cleanToken);
  });

  it('masks it in the journal and shows no query in the lines when a query holds it', async () => {
    const query = `?isPagination=true&pageNumber=1&note=${cleanToken}`;
    const direct = await listFrom(rig.provider.url, query, cleanToken);
    const response = await fetch(`${rig.mock.url}${workspacesPath}${query}`, {
      headers: { authorization: `Bearer ${devToken}` },
    });
    expect(await everythingShown(response)).toEqual({
      answer: { status: direct.status, headers: forwardedHeaders(jsonMediaType, direct.text), text: direct.text },
      proxyLines: [],
      serverLines: [`GET ${workspacesPath}?... ${direct.status} (forwarded)`],
      checks: [{ name: `GET ${workspacesPath}?... answered ${direct.status}`, findings: [] }],
      journal: [
        {
          method: 'GET',
          path: workspacesPath,
          query: 'isPagination=true&pageNumber=1&note=[redacted]',
          status: direct.status,
        },
      ],
      recording: {
        world: { tokens: [devToken], workspaces: {} },
        leftOut: ['the workspace listing was not used for the order: page 2 was not seen (seen: 1)'],
      },
    });
  });
});

describe('the proxy when the API fails', () => {
  let closedUrl: string;
  let slow: Server;
  let slowUrl: string;
  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    slow = createServer((_request, response) => setTimeout(() => response.end('{}'), 1_000));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });

  const proxyErrorBody = (message: string) => ({
    error: { code: proxyErrorCode, message, status: proxyErrorStatus },
  });

  it('answers 502 in the Databrain error shape when the API is unreachable, logs one line, and keeps serving', async () => {
    rig.forwardWith({ target: closedUrl, timeoutMs: 2_000 });
    const first = await postTo(rig.mock.url, { workspaceName: cleanWorkspace }, devToken);
    const message = `The Databrain API at ${closedUrl} did not answer POST ${dashboardsPath}: connect ECONNREFUSED ${new URL(closedUrl).host}`;
    expect([first.status, first.contentType, JSON.parse(first.text)]).toEqual([
      proxyErrorStatus,
      jsonMediaType,
      proxyErrorBody(message),
    ]);
    expect(rig.current().proxyLines).toEqual([`proxy: ${proxyErrorStatus} ${proxyErrorCode}: ${message}`]);
    expect(await fetchAnswer(`${rig.mock.url}/__health`)).toEqual({
      status: 200,
      contentType: jsonMediaType,
      text: JSON.stringify({ status: 'ok' }),
    });
    const listed = await listFrom(rig.mock.url, '', devToken);
    expect([listed.status, JSON.parse(listed.text)]).toEqual([
      proxyErrorStatus,
      proxyErrorBody(message.replace(`POST ${dashboardsPath}`, `GET ${workspacesPath}`)),
    ]);
  });

  it('forwards, finds and fails alike with neither a log nor a recorder, each check timed within the run', async () => {
    const started = performance.now();
    rig.answerWith(echoes['in an added field']);
    const checked = createProxy({ target: rig.provider.url, token: cleanToken, timeoutMs: 2_000 });
    const failing = createProxy({ target: closedUrl, token: cleanToken, timeoutMs: 2_000 });
    const statuses: number[] = [];
    const findings: string[][] = [];
    for (const proxy of [checked, failing]) {
      const server = await startDatabrainMockServer({ port: 0, proxy });
      try {
        statuses.push((await postTo(server.url, { workspaceName: 'project-3' }, devToken)).status);
        findings.push(proxy.checks().flatMap((check) => check.findings.map((finding) => finding.where)));
      } finally {
        await server.close();
      }
    }
    const elapsed = performance.now() - started;
    expect({ statuses, findings }).toEqual({
      statuses: [200, proxyErrorStatus],
      findings: [['$.echo'], ['connection']],
    });
    const durations = [...checked.checks(), ...failing.checks()].map((check) => check.durationMs);
    expect(durations.filter((duration) => duration < 0 || duration > elapsed)).toEqual([]);
  });

  it('answers 502 when the API is slower than the timeout', async () => {
    rig.forwardWith({ target: slowUrl, timeoutMs: 150 });
    const answer = await listFrom(rig.mock.url, '', devToken);
    expect([answer.status, JSON.parse(answer.text)]).toEqual([
      proxyErrorStatus,
      proxyErrorBody(`The Databrain API at ${slowUrl} did not answer GET ${workspacesPath}: no answer within 150 ms`),
    ]);
  });

  it('holds the last 1000 exchanges for the reports and counts the older ones it dropped', async () => {
    const { proxy } = rig.forwardWith({ target: closedUrl });
    const paths = Array.from({ length: 1002 }, (_, index) => `/exchange-${index + 1}`);
    for (const path of paths) {
      await proxy.forward({
        operation: 'listWorkspaces',
        method: 'GET',
        path,
        search: '',
        contentType: null,
        body: undefined,
      });
    }
    expect([proxy.checks().map((check) => check.name), proxy.dropped()]).toEqual([
      paths.slice(2).map((path) => `GET ${path} got no answer`),
      2,
    ]);
  });

  it('masks the real token in its error when fetch names it (a token of two lines)', async () => {
    rig.forwardWith({ token: `${cleanToken}\n${cleanToken}` });
    const message = `The Databrain API at ${rig.provider.url} did not answer POST ${dashboardsPath}: TypeError: Headers.append: "Bearer [redacted]" is an invalid header value.`;
    const text = JSON.stringify(proxyErrorBody(message));
    const finding = { severity: 'not-verifiable', where: 'connection', expected: 'an answer', actual: 'none', message };
    expect(await postShown({ workspaceName: cleanWorkspace })).toEqual({
      answer: { status: proxyErrorStatus, headers: forwardedHeaders(jsonMediaType, text), text },
      proxyLines: [`proxy: ${proxyErrorStatus} ${proxyErrorCode}: ${message}`],
      serverLines: [forwardedLine(proxyErrorStatus)],
      checks: [{ name: `POST ${dashboardsPath} got no answer`, findings: [finding] }],
      journal: [
        {
          method: 'POST',
          path: dashboardsPath,
          query: '',
          body: { workspaceName: cleanWorkspace },
          status: proxyErrorStatus,
          code: proxyErrorCode,
        },
      ],
      recording: nothingRecorded,
    });
  });
});

describe('databrain-mock --proxy', () => {
  const cli = nodeArgsFor('mocks/cli.ts');

  function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [...cli, ...args],
        { cwd: root, env: { PATH: process.env['PATH'] ?? '', ...env } },
        (error, _stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
        },
      );
    });
  }

  /** The CLI proxying to the rig's provider, recording to `record` and reporting to `reports`. */
  async function startProxyCli(record: string, reports: string) {
    const child = spawn(
      process.execPath,
      [...cli, '--port', '0', '--proxy', rig.provider.url, '--record', record, '--report-dir', reports],
      { cwd: root, env: { PATH: process.env['PATH'] ?? '', DATABRAIN_SERVICE_TOKEN: cleanToken } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect.poll(() => /listening on (\S+)/.exec(output)?.[1], { timeout: 15_000 }).toBeDefined();
    return {
      url: /listening on (\S+)/.exec(output)?.[1] ?? '',
      output: () => output,
      /** Stops it with SIGTERM: its exit code and every line it printed after its banner. */
      async stop() {
        child.kill('SIGTERM');
        const code = await exited;
        const lines = output.split('\n').filter(Boolean);
        const afterBanner = lines.slice(lines.findIndex((line) => line.startsWith('Scenarios:')) + 1);
        return { code, lines: afterBanner.map((line) => line.replace(/ [\d.]+ms$/, '')) };
      },
      kill: () => child.kill('SIGKILL'),
    };
  }

  it.each([
    [
      ['--proxy', 'http://127.0.0.1:9'],
      {},
      'databrain-mock: --proxy needs DATABRAIN_SERVICE_TOKEN: export your Databrain service token in it.',
    ],
    [
      ['--record', 'x.yaml'],
      { DATABRAIN_SERVICE_TOKEN: cleanToken },
      'databrain-mock: --record works with --proxy only: add --proxy URL.',
    ],
    [
      ['--proxy', 'http://127.0.0.1:9', '--host', '0.0.0.0'],
      { DATABRAIN_SERVICE_TOKEN: cleanToken },
      'databrain-mock: --proxy serves your real workspace, so it listens on this machine only: drop --host 0.0.0.0 or pass --host 127.0.0.1.',
    ],
    [
      ['--proxy', 'http://bi.example.org'],
      { DATABRAIN_SERVICE_TOKEN: cleanToken },
      'databrain-mock: --proxy http://bi.example.org is plain HTTP beyond this machine: the service token would travel in clear text. Use https, or pass --allow-insecure-http if you accept that.',
    ],
    [
      ['--proxy', 'http://127.0.0.1:9'],
      { DATABRAIN_SERVICE_TOKEN: 't' },
      'databrain-mock: DATABRAIN_SERVICE_TOKEN is 1 character long, too short to be a service token (Databrain issues UUIDs): export the real token.',
    ],
    [['--allow-insecure-http'], {}, 'databrain-mock: --allow-insecure-http works with --proxy only: add --proxy URL.'],
  ])('refuses %j with one line and exit 2', async (args, env, message) => {
    expect(await runCli(args, env)).toEqual({ code: 2, stderr: `${message}\n` });
  });

  it('writes the reports and the recording at stop, and the recording serves the same pages offline', async () => {
    const record = join(scratch, 'seen.yaml');
    const reports = join(scratch, 'reports');
    const running = await startProxyCli(record, reports);
    try {
      const pages = [1, 2, 3, 4].map((pageNumber) => ({
        workspaceName: cleanWorkspace,
        isPagination: true,
        pageNumber,
      }));
      const live = await Promise.all(pages.map((body) => postTo(running.url, body, devToken)));
      const stopped = await running.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.lines.slice(-3)).toEqual([
        `databrain-mock: reports of the last 4 forwarded requests: ${['json', 'xml', 'md'].map((ext) => join(reports, `drift-report.${ext}`)).join(', ')}`,
        `databrain-mock: recorded 1 workspaces to ${record}`,
        'databrain-mock: stopped (SIGTERM).',
      ]);
      expect(readdirSync(reports).sort()).toEqual(['drift-report.json', 'drift-report.md', 'drift-report.xml']);
      const report = JSON.parse(readFileSync(join(reports, 'drift-report.json'), 'utf8')) as {
        exitCode: number;
        summary: unknown;
        checks: { source: string; name: string; status: string }[];
      };
      expect([report.exitCode, report.summary]).toEqual([0, { passed: 4, drift: 0, warning: 0, notVerifiable: 0 }]);
      expect(report.checks.map((check) => [check.source, check.name, check.status])).toEqual(
        pages.map(() => ['proxy', answered(200), 'passed']),
      );
      const replay = await startDatabrainMockServer({ port: 0, world: await loadWorldFile(record) });
      try {
        expect(await Promise.all(pages.map((body) => postTo(replay.url, body, devToken)))).toEqual(live);
      } finally {
        await replay.close();
      }
    } finally {
      running.kill();
    }
  });

  it('keeps the real token out of its lines, the reports and the recording when the API echoes it', async () => {
    const record = join(scratch, 'echoed.yaml');
    const reports = join(scratch, 'echoed-reports');
    rig.answerWith(echoInNames);
    const running = await startProxyCli(record, reports);
    try {
      await postTo(running.url, { workspaceName: 'project-3' }, devToken);
      await postTo(running.url, { workspaceName: cleanToken }, devToken);
      const stopped = await running.stop();
      const files = ['json', 'xml', 'md'].map((ext) => join(reports, `drift-report.${ext}`));
      expect(stopped).toEqual({
        code: 0,
        lines: [
          `warning POST ${dashboardsPath}: $.echo: $.echo is not declared in the spec (an additive change) (expected no such field; actual "[redacted]")`,
          forwardedLine(200),
          forwardedLine(documentedErrors.WORKSPACE_ID_ERROR.status),
          `databrain-mock: reports of the last 2 forwarded requests: ${files.join(', ')}`,
          'databrain-mock: not recorded: workspace "[redacted]" stays unknown: the API answered WORKSPACE_ID_ERROR',
          `databrain-mock: recorded 1 workspaces to ${record}`,
          'databrain-mock: stopped (SIGTERM).',
        ],
      });
      const report = JSON.parse(readFileSync(files[0] ?? '', 'utf8')) as { checks: { findings: unknown }[] };
      expect(report.checks.map((check) => check.findings)).toEqual([
        [
          {
            severity: 'warning',
            where: '$.echo',
            expected: 'no such field',
            actual: '"[redacted]"',
            message: '$.echo is not declared in the spec (an additive change)',
          },
        ],
        [],
      ]);
      const redactedLines = (file: string) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.includes('[redacted]') || line.includes(cleanToken))
          .map((line) => line.trim());
      expect(files.slice(1).map(redactedLines)).toEqual([
        [
          '<system-out>$.echo: $.echo is not declared in the spec (an additive change) (expected no such field; actual &quot;[redacted]&quot;)</system-out>',
        ],
        [
          `| POST ${dashboardsPath} answered 200 | \`$.echo\` | no such field | "[redacted]" | $.echo is not declared in the spec (an additive change) |`,
        ],
      ]);
      const dashboards = (cleanWorld.workspaces['project-3'] ?? []).map(({ name, externalDashboardId }) => ({
        name: `${name} for [redacted]`,
        externalDashboardId,
      }));
      expect(await loadWorldFile(record)).toEqual({
        tokens: defaultDatabrainWorld.tokens,
        workspaces: { 'project-3': dashboards },
      });
      expect(redactedLines(record)).toEqual(dashboards.map(({ name }) => `- name: ${name}`));
    } finally {
      running.kill();
    }
  });
});
