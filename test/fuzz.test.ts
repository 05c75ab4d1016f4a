/**
 * Fuzzing the HTTP mock server with fast-check (bounded runs): arbitrary JSON values, byte strings
 * and header values. Every answer is a documented status with a body that validates against the
 * spec.
 */
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import {
  dashboardsPath,
  documentedStatuses,
  operationFacts,
  operationResponseValidator,
  responseValidator,
  workspacesPath,
} from '../src/kernel/index.js';
import { sendOverHttp, type RawRequest } from './support/http.js';

let mock: RunningDatabrainMockServer;
const agent = new Agent({ keepAlive: true });
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0 });
});
afterAll(async () => {
  agent.destroy();
  await mock.close();
});

/** The answer to one request, its body parsed: an answer that is not JSON fails the run. */
async function jsonAnswer(path: string, sent: RawRequest): Promise<{ status: number; body: unknown }> {
  const { status, text } = await sendOverHttp(agent, `${mock.url}${path}`, sent);
  return { status, body: JSON.parse(text) as unknown };
}

/** The answer to a POST of `body` to the dashboards endpoint. */
const answerTo = (body: string | Uint8Array, headers: Record<string, string>) =>
  jsonAnswer(dashboardsPath, { method: 'POST', headers, body });

function documented(answer: { status: number; body: unknown }): boolean {
  return documentedStatuses.includes(answer.status) && responseValidator(answer.status)?.(answer.body) === true;
}

/** An answer of List Workspaces: one of its documented statuses, with the body its schema allows. */
function documentedWorkspaces(answer: { status: number; body: unknown }): boolean {
  return (
    (operationFacts.listWorkspaces.facts.statuses as readonly number[]).includes(answer.status) &&
    operationResponseValidator('listWorkspaces', answer.status)?.(answer.body) === true
  );
}

/** Characters a header value may hold. */
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 80,
});
/** An Authorization header: any text, any bearer token, or the accepted one. */
const anyAuthorization = fc.oneof(
  headerText,
  headerText.map((text) => `Bearer ${text}`),
  fc.constant(`Bearer ${devToken}`),
);
const authorized = { 'content-type': 'application/json', authorization: `Bearer ${devToken}` };

/** Bodies near the valid ones, so the fuzz reaches the workspace lookup and pagination too. */
const nearlyValid = fc
  .record(
    {
      workspaceName: fc.oneof(
        fc.constantFrom('my-workspace', 'empty-workspace', 'ten-dashboards'),
        fc.string(),
        fc.jsonValue(),
      ),
      isPagination: fc.oneof(fc.boolean(), fc.jsonValue()),
      pageNumber: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  )
  .chain((base) =>
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 2 }).map((extra) => ({ ...extra, ...base })),
  );

describe('fuzzing the HTTP mock server', () => {
  it('answers any JSON value as a body with a documented answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), nearlyValid), async (value) => {
        const answer = await answerTo(JSON.stringify(value), authorized);
        expect(documented(answer)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('answers any byte string as a body with a documented answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const answer = await answerTo(new Uint8Array(bytes), authorized);
        expect([answer.status, documented(answer)]).toEqual([400, true]);
      }),
      { numRuns: 200 },
    );
  });

  it('answers any Authorization, Content-Type and Prefer values with a documented answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            authorization: anyAuthorization,
            'content-type': fc.oneof(
              headerText,
              fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json'),
            ),
            prefer: fc.oneof(
              headerText,
              headerText.map((text) => `code=${text}`),
              fc.constantFrom('code=500', 'code=400, example=workspaceIdError', 'example=firstPage'),
            ),
          },
          { requiredKeys: [] },
        ),
        async (headers) => {
          const answer = await answerTo('{"workspaceName":"my-workspace","isPagination":true}', headers);
          expect(documented(answer)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers any Authorization and Prefer values on List Workspaces with an answer List Workspaces documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            authorization: anyAuthorization,
            // Well-formed scenarios of its own and keys the mock does not know (a malformed
            // scenario is the mock's own 400, tested in hostile.test.ts).
            prefer: fc.oneof(
              headerText.filter((text) => !/code|example|delay|fail/.test(text)),
              fc.constantFrom(
                'code=500',
                'code=401',
                'code=200',
                'example=allWorkspaces',
                'example=lastPartialWorkspacePage',
              ),
            ),
            'x-anything': headerText,
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom('', '?isPagination=true', '?isPagination=true&pageNumber=2'),
        async (headers, query) => {
          const answer = await jsonAnswer(`${workspacesPath}${query}`, { method: 'GET', headers });
          const accepted = headers.authorization === `Bearer ${devToken}`;
          expect([accepted ? 'accepted' : answer.status, documentedWorkspaces(answer)]).toEqual([
            accepted ? 'accepted' : 401,
            true,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
