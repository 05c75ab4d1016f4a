/**
 * A bounded load storm on loopback: 250 concurrent connections and 5 000 mixed requests of both
 * operations (valid, paginated, every error, hostile) against the real HTTP mock server, ten times
 * what its request journal keeps (`defaultJournalSize`). Every answer is checked: its status and
 * error code are the ones its request must get, and its body is valid for that operation and
 * status. The memory the storm leaves behind is reported by the benchmark (`npm run bench`), not
 * asserted here.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { controlPrefix } from '../mocks/control-api.js';
import { defaultJournalSize } from '../mocks/journal.js';
import {
  dashboardsPath,
  errorCodeOf,
  operationResponseValidator,
  workspacesPath,
  type ErrorCode,
  type OperationId,
} from '../src/kernel/index.js';
import { sendOverHttp, type RawAnswer } from './support/http.js';

const connections = 250;
/** Ten times what the journal keeps: the storm wraps the journal's ring ten times over. */
const total = 10 * defaultJournalSize;

/** One request of the mix, and what it must get: the status and, for an error, its code. */
interface Shot {
  readonly operation: OperationId;
  readonly query?: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
  readonly expected: { readonly status: number; readonly code: ErrorCode | undefined };
}

const json: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${devToken}` };
const ok = { status: 200, code: undefined } as const;
const refused = (code: ErrorCode, status: number) => ({ status, code });
const invalidBody = refused('INVALID_REQUEST_BODY', 400);
const dashboards = (body: string, expected: Shot['expected'], headers = json): Shot => ({
  operation: 'listWorkspaceDashboards',
  body,
  headers,
  expected,
});
const workspaces = (query: string, expected: Shot['expected'], headers: Record<string, string> = json): Shot => ({
  operation: 'listWorkspaces',
  query,
  headers,
  expected,
});
const mix: readonly Shot[] = [
  dashboards('{"workspaceName":"my-workspace"}', ok),
  dashboards('{"workspaceName":"my-workspace","isPagination":true,"pageNumber":2}', ok),
  dashboards('{"workspaceName":"my-workspace","isPagination":true,"pageNumber":9}', ok),
  dashboards('{"workspaceName":"empty-workspace"}', ok),
  dashboards('{}', invalidBody),
  dashboards('{"workspaceName":"nope"}', refused('WORKSPACE_ID_ERROR', 400)),
  dashboards('{"workspaceName":"my-workspace"}', refused('INVALID_DATA_APP_API_KEY', 401), {
    'content-type': 'application/json',
    authorization: 'Bearer wrong',
  }),
  dashboards('{"workspaceName":"my-workspace"}', refused('INTERNAL_SERVER_ERROR', 500), {
    ...json,
    prefer: 'code=500',
  }),
  dashboards('{"workspaceName":', invalidBody),
  dashboards('[1,2,3]', invalidBody),
  dashboards('{"workspaceName":"my-workspace","__proto__":{"x":1}}', invalidBody),
  dashboards('{"workspaceName":"my-workspace","pageNumber":-4}', invalidBody),
  dashboards('workspaceName=my-workspace', invalidBody, {
    'content-type': 'text/plain',
    authorization: `Bearer ${devToken}`,
  }),
  workspaces('', ok),
  workspaces('?isPagination=true&pageNumber=2', ok),
  workspaces('?isPagination=true&pageNumber=99', ok),
  workspaces('', refused('INVALID_DATA_APP_API_KEY', 401), { authorization: 'Bearer wrong' }),
  workspaces('', refused('INTERNAL_SERVER_ERROR', 500), { ...json, prefer: 'code=500' }),
];

/** What is wrong with one answer, or undefined when it is what the shot must get. */
function mismatch(shot: Shot, answer: RawAnswer): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${answer.status} with a body that is not JSON`;
  }
  const code = errorCodeOf(body);
  if (answer.status !== shot.expected.status || code !== shot.expected.code) {
    return `${answer.status} ${String(code)}, not ${shot.expected.status} ${String(shot.expected.code)}`;
  }
  const valid = operationResponseValidator(shot.operation, answer.status)?.(body) === true;
  return valid ? undefined : `${answer.status} with a body the spec does not allow`;
}

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

function send(agent: Agent, shot: Shot): Promise<RawAnswer> {
  const post = shot.operation === 'listWorkspaceDashboards';
  const path = post ? dashboardsPath : `${workspacesPath}${shot.query ?? ''}`;
  return sendOverHttp(agent, `${mock.url}${path}`, {
    method: post ? 'POST' : 'GET',
    headers: shot.headers,
    ...(shot.body === undefined ? {} : { body: shot.body }),
  });
}

describe('a load storm on the HTTP mock server', () => {
  it(`answers ${String(total)} mixed requests of both operations over ${String(connections)} connections, each as it must, then settles`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const wrong = new Map<string, number>();
    const note = (what: string): void => {
      wrong.set(what, (wrong.get(what) ?? 0) + 1);
    };
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        for (let index = next++; index < total; index = next++) {
          const shot = mix[index % mix.length];
          if (shot === undefined) throw new Error('the request mix is empty');
          const label = `shot ${index % mix.length}`;
          try {
            const problem = mismatch(shot, await send(agent, shot));
            if (problem !== undefined) note(`${label}: ${problem}`);
          } catch (error) {
            note(`${label}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();

    expect(Object.fromEntries(wrong)).toEqual({});
    console.log(
      `storm: ${total} requests in ${seconds.toFixed(1)} s (${Math.round(total / seconds)}/s) over ${connections} connections`,
    );

    const after = await fetch(`${mock.url}${dashboardsPath}`, {
      method: 'POST',
      headers: json,
      body: '{"workspaceName":"my-workspace","isPagination":true,"pageNumber":3}',
    });
    expect(after.status).toBe(200);
    expect(
      ((await after.json()) as { data: { externalDashboardId: string }[] }).data.map((d) => d.externalDashboardId),
    ).toEqual(['cohort_dash_118', 'feature_adoption_dash_119', 'executive_dash_120']);

    // The journal kept its size through the storm, and the request after it is its newest entry.
    const { requests } = (await (await fetch(`${mock.url}${controlPrefix}requests`)).json()) as {
      requests: Record<string, unknown>[];
    };
    const newest = { ...requests.at(-1) };
    delete newest['time'];
    expect({ kept: requests.length, newest }).toEqual({
      kept: defaultJournalSize,
      newest: {
        method: 'POST',
        path: dashboardsPath,
        query: '',
        body: { workspaceName: 'my-workspace', isPagination: true, pageNumber: 3 },
        status: 200,
      },
    });
  }, 60_000);
});
