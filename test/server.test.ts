import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldFile } from '../mocks/fixtures-file.js';
import { devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { dashboardsPath, workspacesPath } from '../src/kernel/index.js';
import { codeOf, dataOf, getWorkspaces, post } from './support/http.js';
import { nodeArgsFor } from './support/command.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-server-'));
const logLines: string[] = [];
let mock: RunningDatabrainMockServer;

beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0, log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await mock.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the HTTP mock server', () => {
  it('answers the documentation curl call with the two documented dashboards among 23', async () => {
    const response = await fetch(`${mock.url}/api/v2/workspace/dashboards`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dbn_live_abc123...', 'Content-Type': 'application/json' },
      body: '{ "workspaceName": "my-workspace" }',
    });
    const body = (await response.json()) as { data: unknown[]; error: unknown };
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(body.data).toHaveLength(23);
    expect(body.data.slice(0, 2)).toEqual([
      { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
      { name: 'Marketing Analytics', externalDashboardId: 'marketing_dash_456' },
    ]);
    expect(body.error).toBeNull();
  });

  it('pages my-workspace as 10, 10, 3, then an empty page', async () => {
    const sizes = [];
    for (const pageNumber of [1, 2, 3, 4]) {
      const answer = await post(mock.url, { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber } });
      sizes.push(dataOf(answer).length);
    }
    expect(sizes).toEqual([10, 10, 3, 0]);
  });

  it('answers a CORS preflight for a dev server on another origin', async () => {
    const response = await fetch(`${mock.url}${dashboardsPath}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    const headers = Object.fromEntries(response.headers);
    delete headers['date'];
    expect({ status: response.status, headers }).toEqual({
      status: 204,
      headers: {
        'access-control-allow-origin': 'http://localhost:5173',
        'access-control-allow-headers': 'Authorization, Content-Type, Prefer',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-max-age': '600',
        vary: 'Origin',
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
      },
    });
  });

  it('allows the calling origin on the answer itself', async () => {
    const answer = await fetch(`${mock.url}${dashboardsPath}`, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:5173',
        authorization: `Bearer ${devToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ workspaceName: 'nope' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('reports health on GET /__health', async () => {
    const response = await fetch(`${mock.url}/__health`);
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('answers an unknown route with a 404 that names the served one', async () => {
    const response = await fetch(`${mock.url}/api/v2/workspace/metrics`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message:
          'No route POST /api/v2/workspace/metrics: this mock serves POST /api/v2/workspace/dashboards and GET /api/v2/workspace',
      },
    });
  });

  it('refuses a 3 MB body with INVALID_REQUEST_BODY and keeps serving', async () => {
    const answer = await post(mock.url, { raw: `{"workspaceName":"${'a'.repeat(3_000_000)}"}` });
    expect(answer.body).toEqual({
      error: {
        code: 'INVALID_REQUEST_BODY',
        message: 'The body is larger than the limit of 102400 bytes',
        status: 400,
      },
    });
    expect(dataOf(await post(mock.url, { body: { workspaceName: 'my-workspace' } }))).toHaveLength(23);
  });

  it('refuses a body over the cap sent in chunks without a length', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8) controller.close();
        else {
          controller.enqueue(chunk);
          sent += 1;
        }
      },
    });
    const response = await fetch(`${mock.url}${dashboardsPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST_BODY');
  });

  it('delays an answer by Prefer: delay', async () => {
    const started = performance.now();
    const answer = await post(mock.url, { body: { workspaceName: 'my-workspace' }, headers: { prefer: 'delay=200' } });
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('drops the connection for Prefer: fail=network', async () => {
    await expect(
      post(mock.url, { body: { workspaceName: 'my-workspace' }, headers: { prefer: 'fail=network' } }),
    ).rejects.toThrow('fetch failed');
  });

  it('logs one line per request, without the token', async () => {
    const before = logLines.length;
    await post(mock.url, { token: 'secret-token-value', body: { workspaceName: 'my-workspace' } });
    await post(mock.url, { body: { workspaceName: 'nope' } });
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^POST \/api\/v2\/workspace\/dashboards 401 INVALID_DATA_APP_API_KEY \d+\.\dms$/);
    expect(lines[1]).toMatch(/^POST \/api\/v2\/workspace\/dashboards 400 WORKSPACE_ID_ERROR \d+\.\dms$/);
    expect(logLines.join('\n')).not.toContain('secret-token-value');
  });

  it('logs one line for each kind of route, the path cut at 200 characters and its query hidden', async () => {
    const before = logLines.length;
    await fetch(`${mock.url}${dashboardsPath}`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } });
    await fetch(`${mock.url}/__health`);
    await fetch(`${mock.url}/${'x'.repeat(300)}`);
    await fetch(`${mock.url}/caf%C3%A9\u00e9`);
    await fetch(`${mock.url}/__databrain/requests`);
    await getWorkspaces(mock.url, '?isPagination=true');
    expect(logLines.slice(before).map((line) => line.replace(/ \d+\.\dms$/, ''))).toEqual([
      `OPTIONS ${dashboardsPath} 204 preflight`,
      'GET /__health 200',
      `GET /${'x'.repeat(199)} 404`,
      'GET /caf%C3%A9%C3%A9 404',
      'GET /__databrain/requests 200 (control)',
      `GET ${workspacesPath}?... 200 (10 workspaces)`,
    ]);
  });

  it('answers every kind of route when it was started without a log', async () => {
    const quiet = await startDatabrainMockServer({ port: 0 });
    try {
      const status = async (path: string, init: RequestInit = {}) => (await fetch(`${quiet.url}${path}`, init)).status;
      const auth = { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' };
      const statuses = [
        await status(dashboardsPath, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } }),
        await status('/__health'),
        await status('/nowhere'),
        await status('/__databrain/requests'),
        await status(workspacesPath, { headers: auth }),
        await status(dashboardsPath, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ workspaceName: 'x'.repeat(200_000) }),
        }),
        await status('/__databrain/requests', { headers: { origin: 'https://evil.example' } }),
        await status(dashboardsPath, {
          method: 'POST',
          headers: { ...auth, prefer: 'fail=network' },
          body: '{}',
        }).catch(() => 'dropped'),
      ];
      expect(statuses).toEqual([204, 200, 404, 200, 200, 400, 403, 'dropped']);
    } finally {
      await quiet.close();
    }
  });

  it('logs the path of a request whose query string carries the token as ?..., without the token', async () => {
    const before = logLines.length;
    const response = await fetch(`${mock.url}${dashboardsPath}?token=secret-in-the-query&workspace=my-workspace`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'my-workspace' }),
    });
    expect(response.status).toBe(401);
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/api\/v2\/workspace\/dashboards\?\.\.\. 401 INVALID_DATA_APP_API_KEY \d+\.\dms$/);
    expect(lines[0]).not.toContain('secret-in-the-query');
  });

  it('logs a request whose headers carry the token without any header value', async () => {
    const before = logLines.length;
    await post(mock.url, {
      token: 'secret-in-the-header',
      body: { workspaceName: 'my-workspace' },
      headers: { 'x-api-key': 'secret-in-the-header' },
    });
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/api\/v2\/workspace\/dashboards 401 INVALID_DATA_APP_API_KEY \d+\.\dms$/);
    expect(lines[0]).not.toContain('secret-in-the-header');
  });

  it('serves a world read from a YAML fixtures file', async () => {
    const file = join(scratch, 'world.yaml');
    writeFileSync(
      file,
      'tokens: [team-token]\nworkspaces:\n  analytics:\n    - name: Funnel\n      externalDashboardId: funnel_1\n',
    );
    const custom = await startDatabrainMockServer({ port: 0, world: await loadWorldFile(file) });
    try {
      const answer = await post(custom.url, { token: 'team-token', body: { workspaceName: 'analytics' } });
      expect(answer.body).toEqual({ data: [{ name: 'Funnel', externalDashboardId: 'funnel_1' }], error: null });
      expect(codeOf(await post(custom.url, { body: { workspaceName: 'analytics' } }))).toBe('INVALID_DATA_APP_API_KEY');
    } finally {
      await custom.close();
    }
  });

  it('explains what is wrong with a fixtures file, naming the dashboard', async () => {
    const file = join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ tokens: ['t'], workspaces: { w: [{ name: 'A' }] } }));
    await expect(loadWorldFile(file)).rejects.toThrow(
      `The fixtures file ${file}: workspace "w", dashboard 1: must have required property 'externalDashboardId'.`,
    );
  });
});

describe('npm run mock', () => {
  const cli = nodeArgsFor('mocks/cli.ts');

  it('prints its URL, tokens and workspaces, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, '--port', '0', '--quiet'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no URL printed: ${output}`));
      }, 15_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    try {
      expect(output).toContain('Authorization: Bearer dbn-dev-token');
      expect(output).toContain('my-workspace (23 dashboards)');
      expect((await fetch(`${url}/__health`)).status).toBe(200);
    } finally {
      const exit = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => {
          resolve(code);
        }),
      );
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
  });

  it.each([
    [['--port', 'abc'], 'databrain-mock: --port must be a whole number from 0 to 65535, not "abc".'],
    [
      ['--fixtures', '/no/such/file.json'],
      'databrain-mock: Cannot read the fixtures file /no/such/file.json: check the path.',
    ],
    [['--verbose'], "databrain-mock: Unknown option '--verbose': see databrain-mock --help."],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const result = await promisify(execFile)(process.execPath, [...cli, ...args], { cwd: root }).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => {
        const failed = error as { code: number; stderr: string };
        return { code: failed.code, stderr: failed.stderr };
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it('says which port is taken and what to do', async () => {
    const result = await promisify(execFile)(process.execPath, [...cli, '--port', String(mock.port)], {
      cwd: root,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => {
        const failed = error as { code: number; stderr: string };
        return { code: failed.code, stderr: failed.stderr };
      },
    );
    expect(result).toEqual({
      code: 2,
      stderr: `databrain-mock: port ${mock.port} on 127.0.0.1 is in use: stop what holds it or pass --port <another>.\n`,
    });
  });
});
