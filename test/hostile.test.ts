/**
 * Malformed and hostile requests against the real HTTP mock server: each gets a documented status
 * with a body in Databrain's shape, never a 500, a crash or a hang, and the server keeps serving.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken } from '../mocks/fixtures.js';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from '../mocks/http-server.js';
import { defaultDatabrainWorld } from '../mocks/fixtures.js';
import {
  dashboardsPath,
  jsonMediaType,
  operationResponseValidator,
  responseValidator,
  workspacesPageSize,
} from '../src/kernel/index.js';
import { codeOf, dataOf, getWorkspaces, namesOf, post, type Sent } from './support/http.js';

let mock: RunningDatabrainMockServer;
beforeAll(async () => {
  mock = await startDatabrainMockServer({ port: 0 });
});
afterAll(async () => {
  await mock.close();
});

const valid = { workspaceName: 'my-workspace' };
const bytes = (...values: number[]) => new Uint8Array(values);
const json = (text: string): Sent => ({ raw: text });
const auth = (authorization: string): Sent => ({ token: null, body: valid, headers: { authorization } });

const cases: readonly (readonly [string, Sent, number, string | undefined])[] = [
  ['broken JSON', json('{"workspaceName":'), 400, 'INVALID_REQUEST_BODY'],
  ['a null body', json('null'), 400, 'INVALID_REQUEST_BODY'],
  ['an array body', json('[]'), 400, 'INVALID_REQUEST_BODY'],
  ['an array holding a valid body', json('[{"workspaceName":"my-workspace"}]'), 400, 'INVALID_REQUEST_BODY'],
  ['a JSON string body', json('"my-workspace"'), 400, 'INVALID_REQUEST_BODY'],
  ['a number body', json('42'), 400, 'INVALID_REQUEST_BODY'],
  ['a boolean body', json('true'), 400, 'INVALID_REQUEST_BODY'],
  ['an empty body', json(''), 400, 'INVALID_REQUEST_BODY'],
  ['a body of white space', json(' \n\t '), 400, 'INVALID_REQUEST_BODY'],
  ['a numeric workspaceName', { body: { workspaceName: 7 } }, 400, 'INVALID_REQUEST_BODY'],
  ['a null workspaceName', { body: { workspaceName: null } }, 400, 'INVALID_REQUEST_BODY'],
  ['an object workspaceName', { body: { workspaceName: { name: 'my-workspace' } } }, 400, 'INVALID_REQUEST_BODY'],
  ['an array workspaceName', { body: { workspaceName: ['my-workspace'] } }, 400, 'INVALID_REQUEST_BODY'],
  ['an empty workspaceName', { body: { workspaceName: '' } }, 400, 'INVALID_REQUEST_BODY'],
  ['a 50 000 character workspaceName', { body: { workspaceName: 'w'.repeat(50_000) } }, 400, 'WORKSPACE_ID_ERROR'],
  ['a workspaceName of NUL characters', { body: { workspaceName: '\u0000\u0000' } }, 400, 'WORKSPACE_ID_ERROR'],
  ['isPagination as a string', { body: { ...valid, isPagination: 'true' } }, 400, 'INVALID_REQUEST_BODY'],
  ['isPagination as a number', { body: { ...valid, isPagination: 1 } }, 400, 'INVALID_REQUEST_BODY'],
  ['isPagination as null', { body: { ...valid, isPagination: null } }, 400, 'INVALID_REQUEST_BODY'],
  ['pageNumber 0', { body: { ...valid, isPagination: true, pageNumber: 0 } }, 400, 'INVALID_REQUEST_BODY'],
  ['a negative pageNumber', { body: { ...valid, isPagination: true, pageNumber: -1 } }, 400, 'INVALID_REQUEST_BODY'],
  ['a fractional pageNumber', { body: { ...valid, isPagination: true, pageNumber: 1.5 } }, 400, 'INVALID_REQUEST_BODY'],
  ['pageNumber as a string', { body: { ...valid, isPagination: true, pageNumber: '1' } }, 400, 'INVALID_REQUEST_BODY'],
  [
    'pageNumber 1e308',
    json('{"workspaceName":"my-workspace","isPagination":true,"pageNumber":1e308}'),
    400,
    'INVALID_REQUEST_BODY',
  ],
  [
    'pageNumber past the int32 range',
    { body: { ...valid, isPagination: true, pageNumber: 2 ** 31 } },
    400,
    'INVALID_REQUEST_BODY',
  ],
  ['pageNumber as an object', { body: { ...valid, isPagination: true, pageNumber: {} } }, 400, 'INVALID_REQUEST_BODY'],
  [
    'a __proto__ key',
    json('{"workspaceName":"my-workspace","__proto__":{"isPagination":true}}'),
    400,
    'INVALID_REQUEST_BODY',
  ],
  [
    'a constructor.prototype key',
    json('{"workspaceName":"my-workspace","constructor":{"prototype":{"x":1}}}'),
    400,
    'INVALID_REQUEST_BODY',
  ],
  ['invalid UTF-8 bytes', { raw: bytes(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d) }, 400, 'INVALID_REQUEST_BODY'],
  ['JSON nested 40 000 levels deep', json(`${'['.repeat(40_000)}${']'.repeat(40_000)}`), 400, 'INVALID_REQUEST_BODY'],
  [
    'duplicate keys (the last one wins, as in JSON.parse)',
    json('{"workspaceName":"nope","workspaceName":"my-workspace"}'),
    200,
    undefined,
  ],
  ['no Authorization header', { token: null, body: valid }, 401, 'INVALID_DATA_APP_API_KEY'],
  [
    'a Basic Authorization scheme',
    auth(`Basic ${Buffer.from(`user:${devToken}`).toString('base64')}`),
    401,
    'INVALID_DATA_APP_API_KEY',
  ],
  ['a bearer scheme without a token', auth('Bearer'), 401, 'INVALID_DATA_APP_API_KEY'],
  ['a bearer token followed by another word', auth(`Bearer ${devToken} extra`), 401, 'INVALID_DATA_APP_API_KEY'],
  ['a token in the wrong case', auth(`Bearer ${devToken.toUpperCase()}`), 401, 'INVALID_DATA_APP_API_KEY'],
  ['an 8 KB Authorization header', auth(`Bearer ${'x'.repeat(8_000)}`), 401, 'INVALID_DATA_APP_API_KEY'],
  ['a token-shaped Authorization without a scheme', auth(devToken), 401, 'INVALID_DATA_APP_API_KEY'],
  ['a text/plain body', { body: valid, headers: { 'content-type': 'text/plain' } }, 400, 'INVALID_REQUEST_BODY'],
  [
    'a form-encoded body',
    { raw: 'workspaceName=my-workspace', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    400,
    'INVALID_REQUEST_BODY',
  ],
  [
    'a multipart content type',
    { body: valid, headers: { 'content-type': 'multipart/form-data; boundary=x' } },
    400,
    'INVALID_REQUEST_BODY',
  ],
  [
    'a body over the 100 KiB cap',
    { raw: JSON.stringify({ workspaceName: 'x'.repeat(200_000) }) },
    400,
    'INVALID_REQUEST_BODY',
  ],
  ['a Prefer code that is not a number', { body: valid, headers: { prefer: 'code=abc' } }, 400, 'INVALID_REQUEST_BODY'],
  ['a Prefer delay past the limit', { body: valid, headers: { prefer: 'delay=999999' } }, 400, 'INVALID_REQUEST_BODY'],
  [
    'a Prefer example that does not exist',
    { body: valid, headers: { prefer: 'example=nope' } },
    400,
    'INVALID_REQUEST_BODY',
  ],
];

const allNames = Object.keys(defaultDatabrainWorld.workspaces);
const firstPage = allNames.slice(0, workspacesPageSize);
type WorkspacesCase = readonly [string, string, Omit<Sent, 'body' | 'raw'>, number, string | string[]];
const withAuth = (authorization: string): Omit<Sent, 'body' | 'raw'> => ({ token: null, headers: { authorization } });

/** List Workspaces: a hostile query or header, the status it gets, and the code or the names listed. */
const workspacesCases: readonly WorkspacesCase[] = [
  ['no Authorization header', '', { token: null }, 401, 'INVALID_DATA_APP_API_KEY'],
  ['a Basic Authorization scheme', '', withAuth(`Basic ${devToken}`), 401, 'INVALID_DATA_APP_API_KEY'],
  ['an 8 KB Authorization header', '', withAuth(`Bearer ${'x'.repeat(8_000)}`), 401, 'INVALID_DATA_APP_API_KEY'],
  [
    'a refused token with Prefer: code=500',
    '',
    { token: 'nope', headers: { prefer: 'code=500' } },
    401,
    'INVALID_DATA_APP_API_KEY',
  ],
  ['a page number of NUL characters', '?isPagination=true&pageNumber=%00%00', {}, 200, firstPage],
  ['a page number of 400 digits', `?isPagination=true&pageNumber=${'9'.repeat(400)}`, {}, 200, []],
  ['a negative page number', '?isPagination=true&pageNumber=-1', {}, 200, firstPage],
  ['a page number in exponent form', '?isPagination=true&pageNumber=1e3', {}, 200, firstPage],
  ['a __proto__ parameter', '?__proto__=x&isPagination=true', {}, 200, firstPage],
  ['an 8 KB query string of unknown parameters', `?${'colour=blue&'.repeat(680)}`, {}, 200, allNames],
  ['a query of broken percent escapes', '?isPagination=%E0%A4%A&pageNumber=%', {}, 200, allNames],
  ['a JSON body media type on a GET', '', { headers: { 'content-type': 'application/json' } }, 200, allNames],
];

describe('hostile input to List Workspaces on the HTTP mock server', () => {
  it.each(workspacesCases)(
    'answers %s with an answer List Workspaces documents',
    async (_name, query, sent, status, expected) => {
      const answer = await getWorkspaces(mock.url, query, sent);
      expect({
        status: answer.status,
        contentType: answer.contentType,
        allowed: operationResponseValidator('listWorkspaces', answer.status)?.(answer.body),
        outcome: typeof expected === 'string' ? codeOf(answer) : namesOf(answer),
      }).toEqual({ status, contentType: jsonMediaType, allowed: true, outcome: expected });
    },
  );
});

describe('hostile input to the HTTP mock server', () => {
  it.each(cases)('answers %s with a documented answer', async (_name, sent, status, code) => {
    const answer = await post(mock.url, sent);
    expect([answer.status, codeOf(answer)]).toEqual([status, code]);
    expect(answer.contentType).toBe(jsonMediaType);
    expect(responseValidator(answer.status)?.(answer.body)).toBe(true);
  });

  it('survives a client that promises a body and hangs up halfway', async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(mock.port, '127.0.0.1', () => {
        socket.write(
          `POST ${dashboardsPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${devToken}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"workspaceName":',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => {
        resolve();
      });
      socket.on('error', reject);
    });
    expect(dataOf(await post(mock.url, { body: valid }))).toHaveLength(23);
  });

  it('answers garbage that is not HTTP with a 400 and closes', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(mock.port, '127.0.0.1', () => socket.write('\u0000\u0001 GARBAGE \r\n\r\n'));
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  });

  it('still serves every page normally after all of the above', async () => {
    const sizes = [];
    for (const pageNumber of [1, 2, 3, 4]) {
      sizes.push(dataOf(await post(mock.url, { body: { ...valid, isPagination: true, pageNumber } })).length);
    }
    expect(sizes).toEqual([10, 10, 3, 0]);
  });
});
