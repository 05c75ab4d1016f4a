/**
 * One Prism process, one HTTP mock server and the msw handlers, asked the same things: Prism serves
 * every named example, and the three faces agree on every documented scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { setupDatabrainMswServer } from '../mocks/node.js';
import { startPrism, type RunningPrism } from '../mocks/prism.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { findResponseExample, responseExamples } from '../src/spec/index.js';
import { describeIssues, responseValidator, requestValidator } from '../src/spec/index.js';
import { codeOf, post, type Answer, type Sent } from './support/http.js';

const mswBaseUrl = 'https://msw.databrain.test';
const msw = setupDatabrainMswServer({ baseUrl: mswBaseUrl });
let prism: RunningPrism;
let server: RunningDatabrainMockServer;

beforeAll(async () => {
  msw.listen({
    onUnhandledRequest(request, print) {
      // Prism and the HTTP server listen on loopback; anything else is a mistake.
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  [prism, server] = await Promise.all([startPrism(), startDatabrainMockServer({ port: 0 })]);
}, 60_000);

afterAll(async () => {
  msw.close();
  await Promise.all([prism?.stop(), server?.close()]);
});


function conforms(answer: Answer): string[] {
  const validate = responseValidator(answer.status);
  if (!validate) return [`status ${answer.status} is not documented`];
  if (!answer.contentType?.startsWith('application/json')) return [`content type ${String(answer.contentType)}`];
  return validate(answer.body) ? [] : describeIssues(validate.errors);
}

describe('Prism on the spec', () => {
  it.each(responseExamples.map((example) => [example.name, example.status] as const))(
    'serves the %s example for Prefer: code=%i, example=...',
    async (name, status) => {
      const answer = await post(prism.url, {
        body: { workspaceName: 'my-workspace' },
        headers: { prefer: `code=${status}, example=${name}` },
      });
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual(findResponseExample(status, name)?.value);
    },
  );

  it('answers a missing token with the documented 401 example', async () => {
    const answer = await post(prism.url, { token: null, body: { workspaceName: 'my-workspace' } });
    expect([answer.status, answer.body]).toEqual([401, findResponseExample(401)?.value]);
  });

  it('answers a missing workspaceName with the documented INVALID_REQUEST_BODY example', async () => {
    const answer = await post(prism.url, { body: {} });
    expect([answer.status, answer.body]).toEqual([400, findResponseExample(400, 'invalidRequestBody')?.value]);
  });

  it('serves page examples equal to the pages of the stateful mock', async () => {
    const page = (pageNumber: number) =>
      post(server.url, { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber } });
    expect((await page(1)).body).toEqual(findResponseExample(200, 'firstPage')?.value);
    expect((await page(3)).body).toEqual(findResponseExample(200, 'lastPartialPage')?.value);
  });
});

interface Scenario {
  readonly name: string;
  readonly sent: Sent;
  /** What Prism, which keeps no state, needs to be told to give the same answer. */
  readonly prismPrefer?: string;
  readonly expected: readonly [number, string | undefined];
}

const scenarios: readonly Scenario[] = [
  { name: 'every dashboard', sent: { body: { workspaceName: 'my-workspace' } }, expected: [200, undefined] },
  {
    name: 'a first page',
    sent: { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber: 1 } },
    expected: [200, undefined],
  },
  {
    name: 'a page past the end',
    sent: { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber: 9 } },
    prismPrefer: 'code=200, example=pagePastTheEnd',
    expected: [200, undefined],
  },
  {
    name: 'an empty workspace',
    sent: { body: { workspaceName: 'empty-workspace' } },
    prismPrefer: 'code=200, example=emptyWorkspace',
    expected: [200, undefined],
  },
  { name: 'a missing workspaceName', sent: { body: {} }, expected: [400, 'INVALID_REQUEST_BODY'] },
  {
    name: 'an empty workspaceName',
    sent: { body: { workspaceName: '' } },
    expected: [400, 'INVALID_REQUEST_BODY'],
  },
  {
    name: 'a page number of 0',
    sent: { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber: 0 } },
    expected: [400, 'INVALID_REQUEST_BODY'],
  },
  {
    name: 'a fractional page number',
    sent: { body: { workspaceName: 'my-workspace', isPagination: true, pageNumber: 1.5 } },
    expected: [400, 'INVALID_REQUEST_BODY'],
  },
  {
    name: 'an unknown property',
    sent: { body: { workspaceName: 'my-workspace', limit: 5 } },
    expected: [400, 'INVALID_REQUEST_BODY'],
  },
  {
    name: 'an unknown workspace',
    sent: { body: { workspaceName: 'no-such-workspace' } },
    prismPrefer: 'code=400, example=workspaceIdError',
    expected: [400, 'WORKSPACE_ID_ERROR'],
  },
  { name: 'a missing token', sent: { token: null, body: { workspaceName: 'my-workspace' } }, expected: [401, 'INVALID_DATA_APP_API_KEY'] },
  {
    name: 'an unknown token',
    sent: { token: 'not-a-known-token', body: { workspaceName: 'my-workspace' } },
    prismPrefer: 'code=401',
    expected: [401, 'INVALID_DATA_APP_API_KEY'],
  },
  {
    name: 'a forced server failure',
    sent: { body: { workspaceName: 'my-workspace' }, headers: { prefer: 'code=500' } },
    expected: [500, 'INTERNAL_SERVER_ERROR'],
  },
];

describe('msw, the HTTP server and Prism agree', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('on %s', async (_name, scenario) => {
    const toPrism: Sent = scenario.prismPrefer
      ? { ...scenario.sent, headers: { ...scenario.sent.headers, prefer: scenario.prismPrefer } }
      : scenario.sent;
    const answers = {
      msw: await post(mswBaseUrl, scenario.sent),
      server: await post(server.url, scenario.sent),
      prism: await post(prism.url, toPrism),
    };
    for (const [face, answer] of Object.entries(answers)) {
      expect({ face, status: answer.status, code: codeOf(answer) }).toEqual({
        face,
        status: scenario.expected[0],
        code: scenario.expected[1],
      });
      expect({ face, issues: conforms(answer) }).toEqual({ face, issues: [] });
    }
  });

  it('on the dashboards of my-workspace between msw and the HTTP server', async () => {
    const sent = { token: devToken, body: { workspaceName: 'my-workspace' } };
    expect((await post(mswBaseUrl, sent)).body).toEqual((await post(server.url, sent)).body);
  });
});
