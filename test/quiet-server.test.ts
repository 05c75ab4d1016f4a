/**
 * The HTTP mock server started without a log (its default: silent) answers every route as it does
 * with one: a refused Host, a preflight, health, each control route, an unknown path, each API
 * answer, a body over the cap, a dropped connection and a client that leaves during a delay.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { freePort } from '../mocks/ports.js';
import {
  connectDatabrainMock,
  startDatabrainMockServer,
  type RunningDatabrainMockServer,
} from '../mocks/http-server.js';
import { dashboardsPath, workspacesPath } from '../src/kernel/index.js';

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0, maxBodyBytes: 1_000 });
});
afterAll(async () => {
  await mock.close();
});

/** Sends one request over plain node:http (so that Host can be set) and gives its status, or why it failed. */
function send(method: string, path: string, headers: Record<string, string> = {}, body = ''): Promise<number | string> {
  return new Promise((resolve) => {
    const sent = httpRequest(`${mock.url}${path}`, { method, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    sent.on('error', (error) => resolve(error.message));
    sent.end(body);
  });
}

const auth = { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' };
const page = JSON.stringify({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 1 });

describe('a mock server without a log', () => {
  it('answers each route of its own', async () => {
    const control = connectDatabrainMock(mock.url);
    const statuses = [
      await send('GET', '/__health', { host: 'rebound.example' }),
      await send('OPTIONS', dashboardsPath, { origin: 'http://localhost:5173' }),
      await send('GET', '/__health'),
      await send('GET', '/nowhere'),
      await send('POST', '/__health'),
    ];
    // Each control route: the client throws on any answer but its success.
    await control.use({ error: 'INTERNAL_SERVER_ERROR', once: true });
    await control.clear();
    await control.world({ tokens: [devToken], workspaces: { 'my-workspace': [] } });
    const requests = await control.requests();
    await control.reset();
    expect({ statuses, requests }).toEqual({ statuses: [403, 204, 200, 404, 404], requests: [] });
  });

  it('answers each API request, however it ends', async () => {
    const connect = connectDatabrainMock(mock.url);
    const answers = [
      await send('POST', dashboardsPath, auth, page),
      await send('GET', `${workspacesPath}?isPagination=true&pageNumber=1`, auth),
      await send('POST', dashboardsPath, auth, JSON.stringify({ workspaceName: 'x'.repeat(2_000) })),
    ];
    await connect.use({ networkError: true, once: true });
    answers.push(await send('POST', dashboardsPath, auth, page));
    await connect.use({ delayMs: 300, once: true });
    const leaving = new AbortController();
    const left = fetch(`${mock.url}${workspacesPath}`, { headers: auth, signal: leaving.signal }).then(
      (answer) => answer.status,
      (error: unknown) => (error as Error).name,
    );
    setTimeout(() => leaving.abort(), 50);
    answers.push(await left);
    // The journal holds each request; the one whose client left, without a status.
    await expect
      .poll(async () => (await connect.requests()).map((entry) => entry.status))
      .toEqual([200, 200, 400, undefined, undefined]);
    expect(answers).toEqual([200, 200, 400, 'socket hang up', 'AbortError']);
    await connect.reset();
  });
});

describe('starting and stopping a mock server', () => {
  it('listens on the port it is given, refuses one in use, and accepts no connection once closed', async () => {
    const port = await freePort();
    const first = await startDatabrainMockServer({ port });
    const taken = await startDatabrainMockServer({ port }).then(
      () => 'started',
      (error: unknown) => (error as NodeJS.ErrnoException).code,
    );
    await first.close();
    const after = await fetch(`${first.url}/__health`).then(
      (answer) => answer.status,
      (error: unknown) => ((error as Error).cause as NodeJS.ErrnoException).code,
    );
    expect({ url: first.url, taken, after }).toEqual({
      url: `http://127.0.0.1:${port}`,
      taken: 'EADDRINUSE',
      after: 'ECONNREFUSED',
    });
  });
});
