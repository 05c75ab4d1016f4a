import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDatabrainBehaviour, type MockRequest, type MockReply, type Outcome } from '../mocks/behaviour.js';
import {
  defaultDatabrainWorld,
  devToken,
  docsPlaceholderToken,
  generatedWorkspace,
  workspaceWith23Dashboards,
} from '../mocks/fixtures.js';
import { parsePrefer } from '../mocks/scenarios.js';
import { invalidBodyMessage } from '../mocks/validation.js';
import {
  findResponseExample,
  operationFacts,
  operationResponseValidator,
  responseValidator,
} from '../src/kernel/index.js';

const behaviour = createDatabrainBehaviour();

function request(body: unknown, overrides: Partial<MockRequest> = {}): MockRequest {
  return {
    authorization: `Bearer ${devToken}`,
    contentType: 'application/json',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...overrides,
  };
}

function reply(outcome: Outcome): MockReply {
  if (outcome.kind !== 'reply') throw new Error(`expected a reply, got ${outcome.kind}`);
  return outcome.reply;
}

function answer(body: unknown, overrides: Partial<MockRequest> = {}): MockReply {
  return reply(behaviour.handle(request(body, overrides)));
}

function summary(result: MockReply): [number, string | number] {
  return result.status === 200 ? [200, result.body.data.length] : [result.status, result.body.error.code];
}

function page(workspaceName: string, pageNumber: number): MockReply {
  return answer({ workspaceName, isPagination: true, pageNumber });
}

describe('the mock behaviour', () => {
  it('answers the documentation call with every dashboard of my-workspace, the documented two first', () => {
    const result = reply(
      behaviour.handle(request({ workspaceName: 'my-workspace' }, { authorization: `Bearer ${docsPlaceholderToken}` })),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: workspaceWith23Dashboards, error: null });
    expect(result.status === 200 && result.body.data.slice(0, 2)).toEqual([
      { name: 'Sales Dashboard', externalDashboardId: 'sales_dash_123' },
      { name: 'Marketing Analytics', externalDashboardId: 'marketing_dash_456' },
    ]);
  });

  it('pages my-workspace as 10, 10, 3, then an empty page', () => {
    expect([1, 2, 3, 4].map((n) => summary(page('my-workspace', n)))).toEqual([
      [200, 10],
      [200, 10],
      [200, 3],
      [200, 0],
    ]);
  });

  it('gives an empty second page for a workspace of exactly 10', () => {
    expect([1, 2].map((n) => summary(page('ten-dashboards', n)))).toEqual([
      [200, 10],
      [200, 0],
    ]);
  });

  it('reads page 1 when isPagination is true without pageNumber', () => {
    const result = answer({ workspaceName: 'my-workspace', isPagination: true });
    expect(result.body).toEqual({ data: workspaceWith23Dashboards.slice(0, 10), error: null });
  });

  it('ignores pageNumber when isPagination is false', () => {
    const result = answer({ workspaceName: 'my-workspace', isPagination: false, pageNumber: 3 });
    expect(summary(result)).toEqual([200, 23]);
  });

  it('lists an empty workspace as an empty array', () => {
    expect(answer({ workspaceName: 'empty-workspace' }).body).toEqual({ data: [], error: null });
  });

  it('answers an unknown workspace with WORKSPACE_ID_ERROR', () => {
    expect(answer({ workspaceName: 'no-such-workspace' }).body).toEqual({
      error: { code: 'WORKSPACE_ID_ERROR', message: 'The workspace name provided does not exist.', status: 400 },
    });
  });

  it('matches workspace names exactly, without inherited object keys', () => {
    expect(
      ['My-Workspace', 'constructor', '__proto__', 'toString'].map((name) => summary(answer({ workspaceName: name }))),
    ).toEqual([
      [400, 'WORKSPACE_ID_ERROR'],
      [400, 'WORKSPACE_ID_ERROR'],
      [400, 'WORKSPACE_ID_ERROR'],
      [400, 'WORKSPACE_ID_ERROR'],
    ]);
  });

  it.each([
    ['no Authorization header', null],
    ['an unknown token', 'Bearer not-a-token'],
    ['a Basic scheme', `Basic ${devToken}`],
    ['a bare token without a scheme', devToken],
    ['an empty bearer', 'Bearer '],
  ])('answers %s with 401 INVALID_DATA_APP_API_KEY', (_label, authorization) => {
    expect(answer({ workspaceName: 'my-workspace' }, { authorization }).body).toEqual({
      error: { code: 'INVALID_DATA_APP_API_KEY', message: 'Invalid API key', status: 401 },
    });
  });

  it('accepts the scheme name in any case, as RFC 7235 allows', () => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { authorization: `bearer ${devToken}` }))).toEqual([
      200, 23,
    ]);
  });

  it('checks the token before the body', () => {
    expect(summary(answer('{broken', { authorization: null }))).toEqual([401, 'INVALID_DATA_APP_API_KEY']);
  });

  it('checks the body before the workspace', () => {
    expect(summary(answer({ workspaceName: 'no-such-workspace', pageNumber: 0 }))).toEqual([
      400,
      'INVALID_REQUEST_BODY',
    ]);
  });

  it.each([
    [{}, '"workspaceName" is required'],
    [{ workspaceName: '' }, '"workspaceName" is not allowed to be empty'],
    [{ workspaceName: 42 }, '"workspaceName" must be a string'],
    [{ workspaceName: 'my-workspace', isPagination: 'true' }, '"isPagination" must be a boolean'],
    [{ workspaceName: 'my-workspace', pageNumber: 0 }, '"pageNumber" must be greater than or equal to 1'],
    [{ workspaceName: 'my-workspace', pageNumber: 1.5 }, '"pageNumber" must be an integer'],
    [{ workspaceName: 'my-workspace', pageNumber: '2' }, '"pageNumber" must be a number'],
    [{ workspaceName: 'my-workspace', extra: true }, '"extra" is not allowed'],
    [[], '"value" must be of type object'],
    [null, '"value" must be of type object'],
    [{ pageNumber: 2 ** 31 }, '"workspaceName" is required'],
    [{ workspaceName: 'my-workspace', pageNumber: -(2 ** 31) - 1 }, '"pageNumber" must be greater than or equal to 1'],
  ])('answers the body %j with INVALID_REQUEST_BODY: %s', (body, message) => {
    expect(answer(body).body).toEqual({ error: { code: 'INVALID_REQUEST_BODY', message, status: 400 } });
  });

  it.each([
    ['an empty body as a body without workspaceName', '', '"workspaceName" is required'],
    ['a body of whitespace as one that is not JSON', ' \n\t ', 'The body is not valid JSON'],
  ])('answers %s', (_name, body, message) => {
    expect(answer(body).body).toEqual({ error: { code: 'INVALID_REQUEST_BODY', message, status: 400 } });
  });

  it('answers bytes that are not UTF-8 with INVALID_REQUEST_BODY saying so', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    expect(answer(null, { body: bytes }).body).toEqual({
      error: { code: 'INVALID_REQUEST_BODY', message: 'The body is not valid UTF-8', status: 400 },
    });
  });

  it("words a refusal the request schema cannot raise today in the validator's own words", () => {
    const issue = (keyword: string, params: Record<string, unknown>, message?: string) => ({
      instancePath: '/workspaceName',
      schemaPath: `#/properties/workspaceName/${keyword}`,
      keyword,
      params,
      ...(message === undefined ? {} : { message }),
    });
    const body = { workspaceName: 'abcdefgh' };
    expect(invalidBodyMessage([issue('maxLength', { limit: 5 }, 'must NOT have more than 5 characters')], body)).toBe(
      '"workspaceName" must NOT have more than 5 characters',
    );
    expect(invalidBodyMessage([issue('pattern', { pattern: '^a' })], body)).toBe('"workspaceName" is invalid');
    expect(invalidBodyMessage([issue('type', { type: 'array' })], body)).toBe('"workspaceName" must be of type array');
    expect(invalidBodyMessage([{ ...issue('type', { type: 'string' }), instancePath: '/filter/name' }], body)).toBe(
      '"filter.name" must be a string',
    );
    expect(invalidBodyMessage([], body)).toBe('The body is invalid');
  });

  it('answers a body that is not JSON with INVALID_REQUEST_BODY', () => {
    expect(answer('{"workspaceName": ').body).toEqual({
      error: { code: 'INVALID_REQUEST_BODY', message: 'The body is not valid JSON', status: 400 },
    });
  });

  it('answers a body sent as another content type with INVALID_REQUEST_BODY', () => {
    const result = answer({ workspaceName: 'my-workspace' }, { contentType: 'text/plain' });
    expect(summary(result)).toEqual([400, 'INVALID_REQUEST_BODY']);
  });

  it('forces a named example given directly as a scenario, without its status', () => {
    const example = findResponseExample(200, 'firstPage')?.value;
    expect(behaviour.handle(request({ workspaceName: 'no-such-workspace' }), { example: 'firstPage' })).toEqual({
      kind: 'reply',
      reply: { status: 200, body: example },
      text: JSON.stringify(example),
      delayMs: 0,
    });
  });

  it('gives each answer the JSON text of its own body, when answers of other requests come between', () => {
    const requests = [
      request({ workspaceName: 'my-workspace' }),
      request({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 3 }),
      request({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 9 }),
      request({ workspaceName: 'no-such-workspace' }),
      request({}),
      request({ workspaceName: 'my-workspace' }, { authorization: null }),
      { ...request({}), operation: 'listWorkspaces' as const, query: '?isPagination=true&pageNumber=2' },
    ];
    // Twice over, so the second round is served from the cache, interleaved with the others.
    const outcomes = [...requests, ...requests].map((each) => behaviour.handle(each));
    expect(outcomes.map((outcome) => (outcome.kind === 'reply' ? outcome.text : outcome.kind))).toEqual(
      outcomes.map((outcome) => (outcome.kind === 'reply' ? JSON.stringify(outcome.reply.body) : outcome.kind)),
    );
    expect(outcomes.map((outcome) => (outcome.kind === 'reply' ? outcome.reply.status : 0))).toEqual([
      200, 200, 200, 400, 400, 401, 200, 200, 200, 200, 400, 400, 401, 200,
    ]);
  });

  it('forces the named example of a Prefer header once the token is accepted', () => {
    const result = answer({ workspaceName: 'my-workspace' }, { prefer: 'code=400, example=workspaceIdError' });
    expect(summary(result)).toEqual([400, 'WORKSPACE_ID_ERROR']);
    const refused = answer({ workspaceName: 'my-workspace' }, { prefer: 'code=500', authorization: null });
    expect(summary(refused)).toEqual([401, 'INVALID_DATA_APP_API_KEY']);
  });

  it('forces a 500 with Prefer: code=500', () => {
    expect(answer({ workspaceName: 'my-workspace' }, { prefer: 'code=500' }).body).toEqual({
      error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', status: 500 },
    });
  });

  it('keeps the stateful answer for Prefer: code=200 without an example', () => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { prefer: 'code=200' }))).toEqual([200, 23]);
  });

  it('answers a Prefer header that names an undocumented status with a message that lists the documented ones', () => {
    expect(answer({ workspaceName: 'my-workspace' }, { prefer: 'code=404' }).body).toEqual({
      error: {
        code: 'INVALID_REQUEST_BODY',
        message: 'Prefer: code=404 is not a documented status; use one of 200, 400, 401, 500',
        status: 400,
      },
    });
  });

  it('reads delay and fail=network from the Prefer header', () => {
    expect(parsePrefer('delay=250, fail=network')).toEqual({
      ok: true,
      scenario: { delayMs: 250, networkError: true },
    });
    expect(behaviour.handle(request({ workspaceName: 'my-workspace' }, { prefer: 'fail=network' }))).toEqual({
      kind: 'network-error',
      delayMs: 0,
    });
  });

  it('ignores Prefer keys it does not know, keeping the stateful answer', () => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { prefer: 'dynamic=true, respond-async' }))).toEqual([
      200, 23,
    ]);
  });

  it('reads a quoted Prefer value, as in Prefer: example="lastPartialPage"', () => {
    expect(answer({ workspaceName: 'my-workspace' }, { prefer: 'example="lastPartialPage"' })).toEqual({
      status: 200,
      body: findResponseExample(200, 'lastPartialPage')?.value,
    });
  });

  it('answers a request without a Content-Type with INVALID_REQUEST_BODY saying the body must be JSON', () => {
    expect(answer({ workspaceName: 'my-workspace' }, { contentType: null }).body).toEqual({
      error: {
        code: 'INVALID_REQUEST_BODY',
        message: 'The body must be JSON, sent with Content-Type: application/json',
        status: 400,
      },
    });
  });

  it('accepts a +json content type such as application/vnd.api+json', () => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { contentType: 'application/vnd.api+json' }))).toEqual([
      200, 23,
    ]);
  });

  it("answers a page number past the int32 range with the maximum's message, in Joi's wording", () => {
    expect(answer({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 2 ** 31 }).body).toEqual({
      error: {
        code: 'INVALID_REQUEST_BODY',
        message: '"pageNumber" must be less than or equal to 2147483647',
        status: 400,
      },
    });
  });

  it.each([
    ['another scheme name', `Token ${devToken}`],
    ['a prefix before Bearer', `XBearer ${devToken}`],
    ['no space between Bearer and the token', `Bearer${devToken}`],
  ])('answers an Authorization header with %s with 401', (_label, authorization) => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { authorization }))).toEqual([
      401,
      'INVALID_DATA_APP_API_KEY',
    ]);
  });

  it('accepts spaces and tabs around the bearer token', () => {
    expect(summary(answer({ workspaceName: 'my-workspace' }, { authorization: `Bearer \t ${devToken} \t` }))).toEqual([
      200, 23,
    ]);
  });

  it('serves a world given in code, with its own tokens', () => {
    const custom = createDatabrainBehaviour({ tokens: ['t-1'], workspaces: { sales: generatedWorkspace(2, 'Sales') } });
    const result = reply(custom.handle(request({ workspaceName: 'sales' }, { authorization: 'Bearer t-1' })));
    expect(result.body).toEqual({
      data: [
        { name: 'Sales 1', externalDashboardId: 'sales_1' },
        { name: 'Sales 2', externalDashboardId: 'sales_2' },
      ],
      error: null,
    });
    expect(summary(reply(custom.handle(request({ workspaceName: 'sales' }))))).toEqual([
      401,
      'INVALID_DATA_APP_API_KEY',
    ]);
  });

  it('freezes its answers, so no caller can change the world through them', () => {
    const first = answer({ workspaceName: 'my-workspace' });
    expect(() => {
      if (first.status === 200) first.body.data.length = 0;
    }).toThrow(TypeError);
    expect(() => {
      if (first.status === 200 && first.body.data[0]) first.body.data[0].name = 'changed';
    }).toThrow(TypeError);
    expect(summary(answer({ workspaceName: 'my-workspace' }))).toEqual([200, 23]);
    expect(defaultDatabrainWorld.workspaces['my-workspace']?.[0]?.name).toBe('Sales Dashboard');
  });

  it('answers a repeated request the same, with or without its answer cache', () => {
    const uncached = createDatabrainBehaviour(defaultDatabrainWorld, { cacheSize: 0 });
    const ask = (target: typeof behaviour) =>
      reply(target.handle(request({ workspaceName: 'my-workspace', isPagination: true, pageNumber: 2 })));
    expect([ask(behaviour), ask(behaviour)]).toEqual([ask(uncached), ask(uncached)]);
    expect(ask(behaviour)).toBe(ask(behaviour));
  });
});

describe('pagination, for any workspace size', () => {
  it('pages concatenate to the full list, in order, at most 10 each, then an empty page', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 95 }), (size) => {
        const dashboards = generatedWorkspace(size);
        const world = createDatabrainBehaviour({ tokens: [devToken], workspaces: { w: dashboards } });
        const read = (pageNumber: number) =>
          reply(world.handle(request({ workspaceName: 'w', isPagination: true, pageNumber })));
        const pages: unknown[][] = [];
        for (let n = 1; ; n += 1) {
          const result = read(n);
          if (result.status !== 200) throw new Error(`page ${n} answered ${result.status}`);
          pages.push(result.body.data);
          expect(result.body.data.length).toBeLessThanOrEqual(10);
          if (result.body.data.length < 10) break;
        }
        const all = pages.flat();
        expect(all).toEqual(dashboards);
        expect(new Set(all.map((d) => (d as { externalDashboardId: string }).externalDashboardId)).size).toBe(size);
        expect(pages).toHaveLength(Math.floor(size / 10) + 1);
        const past = read(pages.length + 1);
        expect(past.body).toEqual({ data: [], error: null });
      }),
      { numRuns: 60 },
    );
  });

  it('answers every generated request with a status and body the spec documents', () => {
    const bodyArbitrary = fc.record(
      {
        workspaceName: fc.oneof(fc.constantFrom('my-workspace', 'empty-workspace', 'ten-dashboards'), fc.string()),
        isPagination: fc.oneof(fc.boolean(), fc.anything()),
        pageNumber: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(bodyArbitrary, (body) => {
        const result = answer(body);
        expect(responseValidator(result.status)?.(result.body)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('answers every generated List Workspaces request with a status and body List Workspaces documents', () => {
    const queryPart = fc.oneof(
      fc.constantFrom('isPagination=true', 'isPagination=false', 'pageNumber=1', 'pageNumber=2', 'pageNumber=0'),
      fc.string({ maxLength: 12 }),
    );
    const statuses: readonly number[] = operationFacts.listWorkspaces.facts.statuses;
    fc.assert(
      fc.property(
        fc.array(queryPart, { maxLength: 4 }),
        fc.constantFrom(`Bearer ${devToken}`, null, 'Bearer nope'),
        fc.constantFrom(null, 'code=500', 'code=200', 'example=allWorkspaces', 'delay=0'),
        (parts, authorization, prefer) => {
          const outcome = behaviour.handle({
            operation: 'listWorkspaces',
            query: `?${parts.join('&')}`,
            authorization,
            contentType: null,
            prefer,
            body: '',
          });
          const result = reply(outcome);
          expect([
            statuses.includes(result.status),
            operationResponseValidator('listWorkspaces', result.status)?.(result.body),
            result.status === 401,
          ]).toEqual([true, true, authorization !== `Bearer ${devToken}`]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
