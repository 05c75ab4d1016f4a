/** The spec kernel's small helpers and the scenario checks, value by value. */
import { describe, expect, it } from 'vitest';
import { checkScenario, maxDelayMs, parsePrefer } from '../mocks/scenarios.js';
import {
  errorCodeOf,
  insecureUrlProblem,
  isJsonContentType,
  isLoopbackHost,
  shortTokenProblem,
  missingWorkspaceName,
  operationAt,
  pastLastPage,
  redact,
  redactValue,
  trimTrailingSlash,
} from '../src/kernel/index.js';

describe('the kernel helpers', () => {
  it('names this machine by localhost, 127.0.0.0/8 and ::1, and nothing that only looks like them', () => {
    const hosts = [
      'localhost',
      'LocalHost',
      '127.0.0.1',
      '127.9.8.7',
      '127.10.200.30',
      '[::1]',
      '::1',
      'localhost.',
      '1127.0.0.1',
      '127.0.0.1.nip.io',
      '128.0.0.1',
      '127.0.0',
      '::2',
      'evil.example',
    ];
    expect(hosts.filter(isLoopbackHost)).toEqual([
      'localhost',
      'LocalHost',
      '127.0.0.1',
      '127.9.8.7',
      '127.10.200.30',
      '[::1]',
      '::1',
    ]);
  });

  it('refuses a token shorter than 8 characters, naming its length', () => {
    expect(['1234567', 'a', '12345678'].map((token) => shortTokenProblem(token, 'DATABRAIN_SERVICE_TOKEN'))).toEqual([
      'DATABRAIN_SERVICE_TOKEN is 7 characters long, too short to be a service token (Databrain issues UUIDs): export the real token.',
      'DATABRAIN_SERVICE_TOKEN is 1 character long, too short to be a service token (Databrain issues UUIDs): export the real token.',
      undefined,
    ]);
  });

  it('reads application/json and any +json type as JSON, with parameters, and nothing that only contains them', () => {
    const types = [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/vnd.api+json',
      'application/problem+json;q=1',
      'text/application/x+json',
      'application/x+jsonp',
      'text/json',
      '',
      null,
    ];
    expect(types.map(isJsonContentType)).toEqual([true, true, true, true, false, false, false, false, false]);
  });

  it('refuses plain HTTP beyond this machine unless the user opted in', () => {
    const urls = ['http://127.0.0.1:4010', 'http://[::1]:9', 'https://api.example', 'http://api.example'];
    expect(urls.map((url) => insecureUrlProblem(new URL(url), '--proxy', '--allow-insecure-http'))).toEqual([
      undefined,
      undefined,
      undefined,
      '--proxy http://api.example is plain HTTP beyond this machine: the service token would travel in clear text. Use https, or pass --allow-insecure-http if you accept that.',
    ]);
  });

  it('trims every trailing slash of a base URL and nothing else', () => {
    expect(
      ['https://a.example/', 'https://a.example///', 'https://a.example/x/', 'https://a.example'].map(
        trimTrailingSlash,
      ),
    ).toEqual(['https://a.example', 'https://a.example', 'https://a.example/x', 'https://a.example']);
  });

  it('reads a string error code and nothing else', () => {
    expect(
      [{ error: { code: 'X' } }, { error: { code: 7 } }, { error: 'X' }, { error: null }, null, 'x', { data: [] }].map(
        errorCodeOf,
      ),
    ).toEqual(['X', undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('takes application/json and application/*+json, with parameters and any case, as JSON', () => {
    expect(
      [
        'application/json',
        'Application/JSON; charset=utf-8',
        ' application/json ;charset=utf-8',
        'application/vnd.api+json',
        'application/problem+json; x=1',
        'text/json',
        'application/jsonp',
        'application/json-seq',
        'text/plain',
        '',
        null,
        undefined,
      ].map(isJsonContentType),
    ).toEqual([true, true, true, true, true, false, false, false, false, false, false, false]);
  });

  it('gives a page strictly past the last one, for any page size', () => {
    expect([0, 1, 9, 10, 11, 23, 30].map((count) => pastLastPage(count))).toEqual([2, 2, 2, 3, 3, 4, 5]);
    expect(pastLastPage(13, 5)).toBe(4);
  });

  it('makes a new random workspace name each time', () => {
    const [a, b] = [missingWorkspaceName(), missingWorkspaceName()];
    expect(a).toMatch(/^no-such-workspace-[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it('redacts a secret everywhere in a text and in every string and key of a value', () => {
    expect(redact('s3cret and s3cret', 's3cret')).toBe('[redacted] and [redacted]');
    expect(redact('nothing', undefined)).toBe('nothing');
    expect(redact('nothing', '')).toBe('nothing');
    expect(redactValue({ a: ['x s3cret', 1, null, true], s3cret: { b: 's3cret' } }, 's3cret')).toEqual({
      a: ['x [redacted]', 1, null, true],
      '[redacted]': { b: '[redacted]' },
    });
    const value = { a: 's3cret' };
    expect(redactValue(value, undefined)).toBe(value);
  });

  it('finds an operation by method and path, and nothing for anything else', () => {
    expect(operationAt('GET', '/api/v2/workspace')?.facts.operationId).toBe('listWorkspaces');
    expect(operationAt('POST', '/api/v2/workspace/dashboards')?.facts.operationId).toBe('listWorkspaceDashboards');
    expect([operationAt('POST', '/api/v2/workspace'), operationAt('GET', '/api/v2/workspace/dashboards')]).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('the scenario checks', () => {
  it('turns a documented error into its status and example, for each operation that documents it', () => {
    expect(checkScenario({ error: 'WORKSPACE_ID_ERROR' }, 's')).toEqual({
      ok: true,
      scenario: { status: 400, example: 'workspaceIdError' },
    });
    expect(checkScenario({ error: 'INTERNAL_SERVER_ERROR' }, 's', 'listWorkspaces')).toEqual({
      ok: true,
      scenario: { status: 500, example: 'internalServerError' },
    });
  });

  it.each([
    [
      { error: 'NOPE' },
      'listWorkspaceDashboards',
      's: error=NOPE is not a documented error code; use one of INVALID_REQUEST_BODY, WORKSPACE_ID_ERROR, INVALID_DATA_APP_API_KEY, INTERNAL_SERVER_ERROR',
    ],
    [
      { error: 'INVALID_REQUEST_BODY' },
      'listWorkspaces',
      's: error=INVALID_REQUEST_BODY is not documented for listWorkspaces; use one of INVALID_DATA_APP_API_KEY, INTERNAL_SERVER_ERROR',
    ],
    [{ status: 400 }, 'listWorkspaces', 's: code=400 is not a documented status; use one of 200, 401, 500'],
    [
      { status: 'abc' },
      'listWorkspaceDashboards',
      's: code=abc is not a documented status; use one of 200, 400, 401, 500',
    ],
    [
      { example: 'firstPage' },
      'listWorkspaces',
      's: example=firstPage is an example of listWorkspaceDashboards, not of listWorkspaces',
    ],
    [
      { status: 500, example: 'firstPage' },
      'listWorkspaceDashboards',
      's: example=firstPage is not an example of status 500',
    ],
    [
      { delayMs: -1 },
      'listWorkspaceDashboards',
      `s: delay=-1 must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
    ],
    [
      { delayMs: maxDelayMs + 1 },
      'listWorkspaceDashboards',
      `s: delay=${maxDelayMs + 1} must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
    ],
    [
      { delayMs: 1.5 },
      'listWorkspaceDashboards',
      `s: delay=1.5 must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
    ],
  ] as const)('refuses %j for %s, naming what is known', (parts, operation, message) => {
    expect(checkScenario(parts, 's', operation)).toEqual({ ok: false, message });
  });

  it('takes the edges of the delay range, a network failure, and an example with its status', () => {
    expect(checkScenario({ delayMs: 0 }, 's')).toEqual({ ok: true, scenario: { delayMs: 0 } });
    expect(checkScenario({ delayMs: maxDelayMs, networkError: true }, 's')).toEqual({
      ok: true,
      scenario: { delayMs: maxDelayMs, networkError: true },
    });
    expect(checkScenario({ networkError: false }, 's')).toEqual({ ok: true, scenario: {} });
    expect(checkScenario({ example: 'lastPartialWorkspacePage' }, 's', 'listWorkspaces')).toEqual({
      ok: true,
      scenario: { status: 200, example: 'lastPartialWorkspacePage' },
    });
  });

  it('reads a Prefer header: keys in any case, quoted values, both separators, unknown keys ignored', () => {
    expect(parsePrefer('CODE=400; Example="workspaceIdError", dynamic=true, , delay=5')).toEqual({
      ok: true,
      scenario: { status: 400, example: 'workspaceIdError', delayMs: 5 },
    });
    expect(parsePrefer('  ')).toEqual({ ok: true, scenario: {} });
    expect(parsePrefer('fail=network')).toEqual({ ok: true, scenario: { networkError: true } });
    expect(parsePrefer('fail=timeout')).toEqual({
      ok: false,
      message: 'Prefer: fail=timeout is unknown; use fail=network',
    });
    expect(parsePrefer('example=allWorkspaces', 'listWorkspaces')).toEqual({
      ok: true,
      scenario: { status: 200, example: 'allWorkspaces' },
    });
  });
});

describe('the edges of a Prefer header', () => {
  it.each(['', '1e3', '10.0', '0x10', ' 5x', '+5'])('refuses the delay %j: a delay is digits only', (delay) => {
    expect(parsePrefer(`delay=${delay}`)).toEqual({
      ok: false,
      message: `Prefer: delay=${delay.trim()} must be a whole number of milliseconds from 0 to ${maxDelayMs}`,
    });
  });

  it.each([
    ['example=a=b', 'a=b'],
    ['example="a"b', '"a"b'],
    ['example=a"b"', 'a"b"'],
    ['example=""', ''],
  ])(
    'reads %s as the example %j: an equals sign kept, only a pair of quotes around the value stripped',
    (header, name) => {
      const result = parsePrefer(header);
      const message = result.ok ? '' : result.message;
      const start = `Prefer: example=${name} names no example of the spec; use one of `;
      expect(message.slice(0, start.length)).toBe(start);
    },
  );
});
