/**
 * One Prism process, one HTTP mock server and the msw handlers, asked the same things. msw and the
 * HTTP server run the same behaviour, so they must give the same whole answer to every request.
 * Prism keeps no state: it serves every named example when told to, and where it picks its answer
 * itself it must agree with the stateful mocks on the status and the error code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupDatabrainMswServer } from '../mocks/node.js';
import { startPrism, type RunningPrism } from '../mocks/prism.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import {
  describeIssues,
  documentedErrors,
  findResponseExample,
  jsonMediaType,
  operationFacts,
  operationResponseValidator,
  responseExamples,
  type ErrorCode,
  type OperationId,
} from '../src/kernel/index.js';
import { codeOf, getWorkspaces, post, type Answer, type Sent } from './support/http.js';

const mswBaseUrl = 'https://msw.databrain.test';
const msw = setupDatabrainMswServer({ baseUrl: mswBaseUrl });
let prism: RunningPrism;
let server: RunningDatabrainMockServer;

beforeAll(async () => {
  // Before msw listens: msw 3 intercepts sockets too, so a readiness probe would connect to msw.
  [prism, server] = await Promise.all([startPrism(), startDatabrainMockServer({ port: 0 })]);
  msw.listen({
    onUnhandledFrame({ frame, defaults }) {
      // Prism and the HTTP server listen on loopback; anything else is a mistake.
      const { request } = frame.data as { readonly request?: Request };
      if (request === undefined || new URL(request.url).hostname !== '127.0.0.1') defaults.error();
    },
  });
}, 60_000);

afterAll(async () => {
  msw.close();
  await Promise.all([prism.stop(), server.close()]);
});

/** The differences between an answer and what the spec documents for its status (of `operation`). */
function conforms(answer: Answer, operation: OperationId = 'listWorkspaceDashboards'): string[] {
  const validate = operationResponseValidator(operation, answer.status);
  if (!validate) return [`status ${answer.status} is not documented`];
  if (answer.contentType !== jsonMediaType) return [`content type ${String(answer.contentType)}`];
  return validate(answer.body) ? [] : describeIssues(validate.errors);
}

/** The whole answer: status, Content-Type as sent (every face sends the spec's media type) and parsed body. */
function whole(answer: Answer): { status: number; mediaType: string | null; body: unknown } {
  return { status: answer.status, mediaType: answer.contentType, body: answer.body };
}

describe('Prism on the spec', () => {
  it.each(responseExamples.map((example) => [example.name, example.status] as const))(
    'serves the %s example for Prefer: code=%i, example=...',
    async (name, status) => {
      const answer = await post(prism.url, {
        body: { workspaceName: 'my-workspace' },
        headers: { prefer: `code=${status}, example=${name}` },
      });
      expect([answer.status, answer.body]).toEqual([status, findResponseExample(status, name)?.value]);
    },
  );

  it('answers a missing token with the documented 401 example', async () => {
    const answer = await post(prism.url, { token: null, body: { workspaceName: 'my-workspace' } });
    expect([answer.status, answer.body]).toEqual([401, findResponseExample(401)?.value]);
  });

  it.each(
    operationFacts.listWorkspaces.examples.map((example) => [example.name, example.status, example.value] as const),
  )('serves List Workspaces its %s example for Prefer: code=%i, example=...', async (name, status, value) => {
    const answer = await getWorkspaces(prism.url, '', { headers: { prefer: `code=${status}, example=${name}` } });
    expect([answer.status, answer.body]).toEqual([status, value]);
  });

  it('answers List Workspaces without a token with the documented 401 example', async () => {
    const answer = await getWorkspaces(prism.url, '', { token: null });
    expect([answer.status, answer.body]).toEqual([401, findResponseExample(401)?.value]);
  });

  it('answers a missing workspaceName with the documented INVALID_REQUEST_BODY example', async () => {
    const answer = await post(prism.url, { body: {} });
    expect([answer.status, answer.body]).toEqual([400, findResponseExample(400, 'invalidRequestBody')?.value]);
  });
});

interface Scenario {
  readonly name: string;
  readonly sent: Sent;
  /** The documented status, and the error code for an error. */
  readonly expected: readonly [number, ErrorCode | undefined];
}

const ok = [200, undefined] as const;
const documented = (code: ErrorCode) => [documentedErrors[code].status, code] as const;
const my = { workspaceName: 'my-workspace' };

const scenarios: readonly Scenario[] = [
  { name: 'every dashboard', sent: { body: my }, expected: ok },
  { name: 'a first page', sent: { body: { ...my, isPagination: true, pageNumber: 1 } }, expected: ok },
  { name: 'the last, partial page', sent: { body: { ...my, isPagination: true, pageNumber: 3 } }, expected: ok },
  { name: 'a page past the end', sent: { body: { ...my, isPagination: true, pageNumber: 9 } }, expected: ok },
  { name: 'an empty workspace', sent: { body: { workspaceName: 'empty-workspace' } }, expected: ok },
  { name: 'a missing workspaceName', sent: { body: {} }, expected: documented('INVALID_REQUEST_BODY') },
  {
    name: 'an empty workspaceName',
    sent: { body: { workspaceName: '' } },
    expected: documented('INVALID_REQUEST_BODY'),
  },
  {
    name: 'a page number of 0',
    sent: { body: { ...my, isPagination: true, pageNumber: 0 } },
    expected: documented('INVALID_REQUEST_BODY'),
  },
  {
    name: 'a fractional page number',
    sent: { body: { ...my, isPagination: true, pageNumber: 1.5 } },
    expected: documented('INVALID_REQUEST_BODY'),
  },
  { name: 'an unknown property', sent: { body: { ...my, limit: 5 } }, expected: documented('INVALID_REQUEST_BODY') },
  { name: 'a body that is not JSON', sent: { raw: '{"workspaceName":' }, expected: documented('INVALID_REQUEST_BODY') },
  {
    name: 'a text/plain body',
    sent: { body: my, headers: { 'content-type': 'text/plain' } },
    expected: documented('INVALID_REQUEST_BODY'),
  },
  {
    name: 'an unknown workspace',
    sent: { body: { workspaceName: 'no-such-workspace' } },
    expected: documented('WORKSPACE_ID_ERROR'),
  },
  { name: 'a missing token', sent: { token: null, body: my }, expected: documented('INVALID_DATA_APP_API_KEY') },
  {
    name: 'an unknown token',
    sent: { token: 'not-a-known-token', body: my },
    expected: documented('INVALID_DATA_APP_API_KEY'),
  },
  {
    name: 'Prefer: code=500',
    sent: { body: my, headers: { prefer: 'code=500' } },
    expected: documented('INTERNAL_SERVER_ERROR'),
  },
  {
    name: 'Prefer: example=lastPartialPage',
    sent: { body: my, headers: { prefer: 'example=lastPartialPage' } },
    expected: ok,
  },
  {
    name: 'Prefer: code=404',
    sent: { body: my, headers: { prefer: 'code=404' } },
    expected: documented('INVALID_REQUEST_BODY'),
  },
];

const named = (list: readonly Scenario[]) => list.map((scenario) => [scenario.name, scenario] as const);

describe('msw and the HTTP server', () => {
  it.each(named(scenarios))('give the same status, media type and body for %s', async (_name, scenario) => {
    const [fromMsw, fromServer] = await Promise.all([post(mswBaseUrl, scenario.sent), post(server.url, scenario.sent)]);
    expect(whole(fromMsw)).toEqual(whole(fromServer));
  });

  it.each(named(scenarios))(
    'answer %s with the documented status and code, in a body the spec allows',
    async (_name, scenario) => {
      for (const [face, answer] of [
        ['msw', await post(mswBaseUrl, scenario.sent)],
        ['server', await post(server.url, scenario.sent)],
      ] as const) {
        expect({ face, status: answer.status, code: codeOf(answer), issues: conforms(answer) }).toEqual({
          face,
          status: scenario.expected[0],
          code: scenario.expected[1],
          issues: [],
        });
      }
    },
  );

  it("serve the first and the last page of my-workspace as the spec's firstPage and lastPartialPage examples", async () => {
    const page = (pageNumber: number) => post(server.url, { body: { ...my, isPagination: true, pageNumber } });
    expect([(await page(1)).body, (await page(3)).body]).toEqual([
      findResponseExample(200, 'firstPage')?.value,
      findResponseExample(200, 'lastPartialPage')?.value,
    ]);
  });
});

/** List Workspaces: a query string and headers, and the documented status and code they get. */
interface WorkspacesScenario {
  readonly name: string;
  readonly query: string;
  readonly sent: Omit<Sent, 'body' | 'raw'>;
  readonly expected: readonly [number, ErrorCode | undefined];
}

const workspacesScenarios: readonly WorkspacesScenario[] = [
  { name: 'the documentation call', query: '', sent: {}, expected: ok },
  { name: 'a first page', query: '?isPagination=true&pageNumber=1', sent: {}, expected: ok },
  { name: 'the last, partial page', query: '?isPagination=true&pageNumber=2', sent: {}, expected: ok },
  { name: 'a page past the end', query: '?isPagination=true&pageNumber=9', sent: {}, expected: ok },
  { name: 'a malformed page number', query: '?isPagination=true&pageNumber=abc', sent: {}, expected: ok },
  { name: 'a missing token', query: '', sent: { token: null }, expected: documented('INVALID_DATA_APP_API_KEY') },
  {
    name: 'Prefer: code=500',
    query: '',
    sent: { headers: { prefer: 'code=500' } },
    expected: documented('INTERNAL_SERVER_ERROR'),
  },
  {
    name: 'Prefer: example=firstWorkspacePage',
    query: '',
    sent: { headers: { prefer: 'example=firstWorkspacePage' } },
    expected: ok,
  },
];

describe('msw and the HTTP server on List Workspaces', () => {
  it.each(workspacesScenarios.map((scenario) => [scenario.name, scenario] as const))(
    'give the same whole answer for %s: the documented status and code, in a body List Workspaces allows',
    async (_name, scenario) => {
      const [fromMsw, fromServer] = await Promise.all([
        getWorkspaces(mswBaseUrl, scenario.query, scenario.sent),
        getWorkspaces(server.url, scenario.query, scenario.sent),
      ]);
      expect(whole(fromMsw)).toEqual(whole(fromServer));
      expect({
        status: fromServer.status,
        code: codeOf(fromServer),
        issues: conforms(fromServer, 'listWorkspaces'),
      }).toEqual({
        status: scenario.expected[0],
        code: scenario.expected[1],
        issues: [],
      });
    },
  );
});

/** Scenarios Prism cannot answer as the stateful mocks do, and why. */
const beyondPrism: Readonly<Record<string, string>> = {
  'a page past the end': 'Prism keeps no dashboards, so it cannot know where the list ends',
  'an empty workspace': 'Prism keeps no workspaces',
  'an unknown workspace': 'Prism keeps no workspaces',
  'an unknown token': 'Prism accepts any bearer token',
  'a body that is not JSON': 'Prism answers it with its own error code, invalid_json, which the spec does not document',
};

/** Where Prism picks its own answer: no Prefer header tells it what to answer, and it can know the answer. */
const prismDecides = scenarios.filter(
  (scenario) => scenario.sent.headers?.['prefer'] === undefined && beyondPrism[scenario.name] === undefined,
);

describe('Prism, left to pick its own answer', () => {
  it.each(named(prismDecides))(
    'answers %s with the status and error code of the stateful mocks, in a body the spec allows',
    async (_name, scenario) => {
      const [fromPrism, fromServer] = await Promise.all([
        post(prism.url, scenario.sent),
        post(server.url, scenario.sent),
      ]);
      expect({ status: fromPrism.status, code: codeOf(fromPrism), issues: conforms(fromPrism) }).toEqual({
        status: fromServer.status,
        code: codeOf(fromServer),
        issues: [],
      });
    },
  );
});
