/**
 * A bounded load storm on loopback: 250 concurrent connections and 10 000 mixed requests (valid,
 * paginated, every error, hostile) against the real HTTP mock server.
 */
import { Agent, request } from 'node:http';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { dashboardsPath, documentedStatuses } from '../src/spec/index.js';
import { responseValidator } from '../src/spec/index.js';

const connections = 250;
const total = 10_000;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Shot {
  readonly body: string;
  readonly headers: Record<string, string>;
}

const json = { 'content-type': 'application/json', authorization: `Bearer ${devToken}` };
const mix: readonly Shot[] = [
  { body: '{"workspaceName":"my-workspace"}', headers: json },
  { body: '{"workspaceName":"my-workspace","isPagination":true,"pageNumber":2}', headers: json },
  { body: '{"workspaceName":"my-workspace","isPagination":true,"pageNumber":9}', headers: json },
  { body: '{"workspaceName":"empty-workspace"}', headers: json },
  { body: '{}', headers: json },
  { body: '{"workspaceName":"nope"}', headers: json },
  {
    body: '{"workspaceName":"my-workspace"}',
    headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
  },
  { body: '{"workspaceName":"my-workspace"}', headers: { ...json, prefer: 'code=500' } },
  { body: '{"workspaceName":', headers: json },
  { body: '[1,2,3]', headers: json },
  { body: '{"workspaceName":"my-workspace","__proto__":{"x":1}}', headers: json },
  { body: '{"workspaceName":"my-workspace","pageNumber":-4}', headers: json },
  {
    body: 'workspaceName=my-workspace',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${devToken}` },
  },
];

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

function send(agent: Agent, shot: Shot): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: '127.0.0.1',
        port: mock.port,
        method: 'POST',
        path: dashboardsPath,
        headers: { ...shot.headers, 'content-length': Buffer.byteLength(shot.body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
        });
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
    outgoing.end(shot.body);
  });
}

describe('a load storm on the HTTP mock server', () => {
  it('answers 10 000 mixed requests over 250 connections with documented answers only, then settles', async () => {
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const statuses = new Map<number, number>();
    let failed = 0;
    let invalidBodies = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let index = next++; index < total; index = next++) {
          const shot = mix[index % mix.length];
          if (shot === undefined) throw new Error('the request mix is empty');
          try {
            const answer = await send(agent, shot);
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            // Check every 10th body against the spec; parsing all 10 000 would only slow the storm.
            if (index % 10 === 0 && !responseValidator(answer.status)?.(JSON.parse(answer.body))) invalidBodies += 1;
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();

    expect(failed).toBe(0);
    expect(invalidBodies).toBe(0);
    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
    expect([...statuses.keys()].filter((status) => !documentedStatuses.includes(status))).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200, 400, 401, 500]);
    console.log(
      `storm: ${total} requests in ${seconds.toFixed(1)} s (${Math.round(total / seconds)}/s) over ${connections} connections`,
    );

    await new Promise((resolve) => setTimeout(resolve, 200));
    collectGarbage();
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(25);

    const after = await fetch(`${mock.url}${dashboardsPath}`, {
      method: 'POST',
      headers: json,
      body: '{"workspaceName":"my-workspace","isPagination":true,"pageNumber":3}',
    });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { data: unknown[] }).data).toHaveLength(3);
  }, 60_000);
});
