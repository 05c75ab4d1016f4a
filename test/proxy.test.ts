/**
 * The validating proxy: the mock forwards what it accepts to a provider with other data than the
 * fixtures, sends the answers back as they came, checks each against the spec in the drift check's
 * words, and records what it saw whole as a world that replays the same answers offline.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorldFile } from '../mocks/fixtures-file.js';
import { defaultDatabrainWorld, devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { createProxy, proxyErrorCode } from '../mocks/proxy.js';
import { createRecorder } from '../mocks/recording.js';
import { dashboardsPath, workspacesPath } from '../src/kernel/index.js';
import {
  cleanToken,
  cleanWorkspace,
  drifts,
  echoing,
  startProvider,
  type RunningProvider,
} from './support/providers.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-proxy-'));

interface Raw {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

async function raw(url: string, init: RequestInit = {}): Promise<Raw> {
  const response = await fetch(url, init);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

const postTo = (base: string, body: unknown, token: string, headers: Record<string, string> = {}): Promise<Raw> =>
  raw(`${base}${dashboardsPath}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const listFrom = (base: string, query: string, token: string): Promise<Raw> =>
  raw(`${base}${workspacesPath}${query}`, { headers: { authorization: `Bearer ${token}` } });

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

function send(base: string, step: (typeof session)[number], token: string): Promise<Raw> {
  return 'query' in step ? listFrom(base, step.query, token) : postTo(base, step.body, token);
}

interface Proxied {
  readonly provider: RunningProvider;
  readonly mock: RunningDatabrainMockServer;
  readonly lines: string[];
  readonly proxy: ReturnType<typeof createProxy>;
  readonly recorder: ReturnType<typeof createRecorder>;
}

async function proxiedBy(provider: RunningProvider, timeoutMs = 5_000): Promise<Proxied> {
  const lines: string[] = [];
  const recorder = createRecorder();
  const proxy = createProxy({
    target: provider.url,
    token: cleanToken,
    timeoutMs,
    recorder,
    log: (line) => lines.push(line),
  });
  const mock = await startDatabrainMockServer({ port: 0, proxy });
  return { provider, mock, lines, proxy, recorder };
}

describe('the proxy in front of a clean provider', () => {
  let clean: Proxied;
  beforeAll(async () => {
    clean = await proxiedBy(await startProvider());
  });
  afterAll(async () => {
    await Promise.all([clean.mock.close(), clean.provider.close()]);
  });

  it('sends every answer back as the provider gave it: status, content type and body bytes', async () => {
    for (const step of session) {
      const direct = await send(clean.provider.url, step, cleanToken);
      expect(await send(clean.mock.url, step, devToken)).toEqual(direct);
    }
    expect(clean.lines).toEqual([]);
  });

  it('answers any other token with the mock 401 and forwards nothing', async () => {
    const before = clean.provider.requests();
    const refused = await postTo(clean.mock.url, { workspaceName: cleanWorkspace }, cleanToken);
    expect([refused.status, JSON.parse(refused.text)]).toEqual([
      401,
      { error: { code: 'INVALID_DATA_APP_API_KEY', message: 'Invalid API key', status: 401 } },
    ]);
    expect(clean.provider.requests()).toBe(before);
  });

  it('answers a Prefer scenario itself, without forwarding it', async () => {
    const before = clean.provider.requests();
    const forced = await postTo(clean.mock.url, { workspaceName: cleanWorkspace }, devToken, { prefer: 'code=500' });
    expect([forced.status, (JSON.parse(forced.text) as { error: { code: string } }).error.code]).toEqual([
      500,
      'INTERNAL_SERVER_ERROR',
    ]);
    expect(clean.provider.requests()).toBe(before);
  });

  it('records what it saw whole, with the mock tokens, and the recording replays the same answers', async () => {
    const { world, leftOut } = clean.recorder.recording(defaultDatabrainWorld.tokens);
    expect(Object.keys(world.workspaces)).toEqual([cleanWorkspace, 'project-3']);
    expect(world.tokens).toEqual(defaultDatabrainWorld.tokens);
    expect(leftOut).toEqual([
      'workspace "no-such-team" stays unknown: the API answered WORKSPACE_ID_ERROR',
      '11 listed workspace(s) left out, their dashboards never asked for: region-1, region-2, region-3, region-4, region-5, region-6, new-team, project-1, project-2, project-4, project-5',
    ]);
    const replay = await startDatabrainMockServer({ port: 0, world });
    try {
      for (const step of session.filter((candidate) => 'body' in candidate)) {
        expect(await send(replay.url, step, devToken)).toEqual(await send(clean.provider.url, step, cleanToken));
      }
    } finally {
      await replay.close();
    }
  });
});

describe('the proxy and other sites', () => {
  it('forwards for pages of this machine, and refuses any other origin without CORS or forwarding', async () => {
    const guarded = await proxiedBy(await startProvider());
    try {
      const local = await raw(`${guarded.mock.url}${workspacesPath}`, {
        headers: { authorization: `Bearer ${devToken}`, origin: 'http://localhost:5173' },
      });
      expect(local.status).toBe(200);
      const before = guarded.provider.requests();
      const foreign = await fetch(`${guarded.mock.url}${workspacesPath}`, {
        headers: { authorization: `Bearer ${devToken}`, origin: 'https://evil.example' },
      });
      expect([foreign.status, foreign.headers.get('access-control-allow-origin'), await foreign.json()]).toEqual([
        401,
        null,
        {
          error: {
            code: 'INVALID_DATA_APP_API_KEY',
            message: 'The proxy answers only pages served from this machine (localhost).',
            status: 401,
          },
        },
      ]);
      const preflight = await fetch(`${guarded.mock.url}${workspacesPath}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example' },
      });
      expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([403, null]);
      expect(guarded.provider.requests()).toBe(before);
    } finally {
      await Promise.all([guarded.mock.close(), guarded.provider.close()]);
    }
  });
});

describe('the proxy in front of a drifted provider', () => {
  it('prints one DRIFT line naming the renamed field, in the drift check words', async () => {
    const drifted = await proxiedBy(await startProvider(drifts['a renamed field (name → title)']));
    try {
      await postTo(drifted.mock.url, { workspaceName: cleanWorkspace }, devToken);
      expect(drifted.lines).toEqual([
        'DRIFT POST /api/v2/workspace/dashboards: $.data[*].name: $.data[*].name is required by the spec but missing (in 37 items) (expected present; actual missing)',
      ]);
      expect(drifted.proxy.checks().map((check) => [check.name, check.findings.length])).toEqual([
        ['POST /api/v2/workspace/dashboards answered 200', 1],
      ]);
    } finally {
      await Promise.all([drifted.mock.close(), drifted.provider.close()]);
    }
  });

  it('keeps the token out of the lines and reports when the provider echoes it as a field name', async () => {
    const asKey = await proxiedBy(
      await startProvider((request, reply) =>
        reply.status === 200 ? { ...reply, body: { ...(reply.body as object), [cleanToken]: 1 } } : reply,
      ),
    );
    try {
      const answer = await postTo(asKey.mock.url, { workspaceName: cleanWorkspace }, devToken);
      expect(answer.text).toContain('"[redacted]":1');
      expect(asKey.lines).toEqual([
        'warning POST /api/v2/workspace/dashboards: $.[redacted]: $.[redacted] is not declared in the spec (an additive change) (expected no such field; actual 1)',
      ]);
      expect(JSON.stringify([answer, asKey.lines, asKey.proxy.checks()])).not.toContain(cleanToken);
    } finally {
      await Promise.all([asKey.mock.close(), asKey.provider.close()]);
    }
  });

  it('keeps the real token out of every answer, line and recording when the provider echoes it', async () => {
    const echoed = await proxiedBy(await startProvider(echoing));
    try {
      const answers = await Promise.all(session.map((step) => send(echoed.mock.url, step, devToken)));
      const seen = JSON.stringify([
        answers,
        echoed.lines,
        echoed.proxy.checks(),
        echoed.recorder.recording([devToken]),
      ]);
      expect(seen).not.toContain(cleanToken);
      expect(seen).toContain('[redacted]');
    } finally {
      await Promise.all([echoed.mock.close(), echoed.provider.close()]);
    }
  });
});

describe('the proxy when the API fails', () => {
  it('answers 502 in the Databrain error shape when the API is unreachable, logs one line, and keeps serving', async () => {
    const gone = await startProvider();
    const { url } = gone;
    await gone.close();
    const lines: string[] = [];
    const proxy = createProxy({ target: url, token: cleanToken, timeoutMs: 2_000, log: (line) => lines.push(line) });
    const mock = await startDatabrainMockServer({ port: 0, proxy });
    try {
      const first = await postTo(mock.url, { workspaceName: cleanWorkspace }, devToken);
      const body = JSON.parse(first.text) as { error: { code: string; status: number; message: string } };
      expect([first.status, body.error.code, body.error.status]).toEqual([502, proxyErrorCode, 502]);
      expect(body.error.message).toMatch(
        new RegExp(`^The Databrain API at ${url} did not answer POST ${dashboardsPath}: .*ECONNREFUSED`),
      );
      expect(lines).toHaveLength(1);
      expect((await raw(`${mock.url}/__health`)).status).toBe(200);
      expect((await listFrom(mock.url, '', devToken)).status).toBe(502);
    } finally {
      await mock.close();
    }
  });

  it('answers 502 when the API is slower than the timeout', async () => {
    const slow = createServer((_request, response) => setTimeout(() => response.end('{}'), 1_000));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const proxy = createProxy({ target, token: cleanToken, timeoutMs: 150 });
    const mock = await startDatabrainMockServer({ port: 0, proxy });
    try {
      const answer = await listFrom(mock.url, '', devToken);
      expect([answer.status, (JSON.parse(answer.text) as { error: { message: string } }).error.message]).toEqual([
        502,
        `The Databrain API at ${target} did not answer GET ${workspacesPath}: no answer within 150 ms`,
      ]);
    } finally {
      await mock.close();
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

describe('databrain-mock --proxy', () => {
  const cli = ['--import', 'tsx', join(root, 'mocks/cli.ts')];

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
    const provider = await startProvider();
    const record = join(scratch, 'seen.yaml');
    const reports = join(scratch, 'reports');
    const child = spawn(
      process.execPath,
      [...cli, '--port', '0', '--proxy', provider.url, '--record', record, '--report-dir', reports],
      {
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', DATABRAIN_SERVICE_TOKEN: cleanToken },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await expect.poll(() => /listening on (\S+)/.exec(stdout)?.[1], { timeout: 15_000 }).toBeDefined();
      const url = /listening on (\S+)/.exec(stdout)?.[1] ?? '';
      const pages = [1, 2, 3, 4].map((pageNumber) => ({
        workspaceName: cleanWorkspace,
        isPagination: true,
        pageNumber,
      }));
      const live = await Promise.all(pages.map((body) => postTo(url, body, devToken)));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain(`databrain-mock: recorded 1 workspaces to ${record}`);
      expect(stdout).toContain('databrain-mock: stopped (SIGTERM).');
      expect(readdirSync(reports).sort()).toEqual(['drift-report.json', 'drift-report.md', 'drift-report.xml']);
      const report = JSON.parse(readFileSync(join(reports, 'drift-report.json'), 'utf8')) as {
        exitCode: number;
        summary: unknown;
        checks: { source: string; name: string; status: string }[];
      };
      expect([report.exitCode, report.summary]).toEqual([0, { passed: 4, drift: 0, warning: 0, notVerifiable: 0 }]);
      expect(report.checks.map((check) => [check.source, check.name, check.status])).toEqual(
        pages.map(() => ['proxy', 'POST /api/v2/workspace/dashboards answered 200', 'passed']),
      );
      const written = [
        readFileSync(record, 'utf8'),
        ...readdirSync(reports).map((file) => readFileSync(join(reports, file), 'utf8')),
      ];
      for (const text of [stdout, ...written]) expect(text).not.toContain(cleanToken);
      const replay = await startDatabrainMockServer({ port: 0, world: await loadWorldFile(record) });
      try {
        expect(await Promise.all(pages.map((body) => postTo(replay.url, body, devToken)))).toEqual(live);
      } finally {
        await replay.close();
      }
    } finally {
      child.kill('SIGKILL');
      await provider.close();
    }
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
