/**
 * The findings vocabulary on its own: every way an answer can differ from what the spec documents,
 * each asserted as the whole list of findings conformanceFindings returns.
 */
import { describe, expect, it } from 'vitest';
import { conformanceFindings, jsonPath, show, type CheckedAnswer } from '../src/kernel/conformance.js';

const json = (status: number, body: unknown, contentType = 'application/json'): CheckedAnswer => ({
  status,
  contentType,
  body,
  text: JSON.stringify(body),
});
const dashboard = { name: 'A', externalDashboardId: 'a' };

describe('the findings of one answer', () => {
  it('finds nothing in a documented answer of each operation', () => {
    expect([
      conformanceFindings(json(200, { data: [dashboard], error: null })),
      conformanceFindings(json(200, { data: [{ name: 'w' }], error: null }), undefined, 'listWorkspaces'),
      conformanceFindings(json(400, { error: { code: 'WORKSPACE_ID_ERROR', message: 'm' } }), {
        status: 400,
        code: 'WORKSPACE_ID_ERROR',
      }),
    ]).toEqual([[], [], []]);
  });

  it('names an undocumented status once, whether or not a status was expected', () => {
    const answer = json(404, { message: 'Not found' });
    expect([
      conformanceFindings(answer),
      conformanceFindings(answer, { status: 404 }),
      conformanceFindings(answer, { status: 400, code: 'WORKSPACE_ID_ERROR' }),
    ]).toEqual([
      [
        {
          severity: 'drift',
          where: 'status',
          expected: 'a documented status',
          actual: '404',
          message: 'status 404 is not documented',
        },
      ],
      [
        {
          severity: 'drift',
          where: 'status',
          expected: 'a documented status',
          actual: '404',
          message: 'status 404 is not documented',
        },
      ],
      [
        {
          severity: 'drift',
          where: 'status',
          expected: '400 WORKSPACE_ID_ERROR',
          actual: '404',
          message: 'answered 404 instead of 400 WORKSPACE_ID_ERROR',
        },
      ],
    ]);
  });

  it('names a content type that is not JSON, a missing one, and a body that is not JSON', () => {
    const html: CheckedAnswer = { status: 200, contentType: 'text/html', body: undefined, text: '<html>' };
    const bare: CheckedAnswer = { status: 200, contentType: '', body: undefined, text: '' };
    expect([conformanceFindings(html), conformanceFindings(bare)]).toEqual([
      [
        {
          severity: 'drift',
          where: 'content-type',
          expected: 'application/json',
          actual: 'text/html',
          message: 'the content type is text/html, not JSON',
        },
        { severity: 'drift', where: 'body', expected: 'JSON', actual: '"<html>"', message: 'the body is not JSON' },
      ],
      [
        {
          severity: 'drift',
          where: 'content-type',
          expected: 'application/json',
          actual: 'none',
          message: 'the content type is missing, not JSON',
        },
        { severity: 'drift', where: 'body', expected: 'JSON', actual: '""', message: 'the body is not JSON' },
      ],
    ]);
  });

  it('names a schema drift and the wrong code of the expected status together', () => {
    const answer = json(400, { error: { code: 'INVALID_REQUEST_BODY', message: 7 } });
    expect(conformanceFindings(answer, { status: 400, code: 'WORKSPACE_ID_ERROR' })).toEqual([
      {
        severity: 'drift',
        where: '$.error.message',
        expected: 'type "string"',
        actual: '7',
        message: '$.error.message must be string',
      },
      {
        severity: 'drift',
        where: '$.error.code',
        expected: 'WORKSPACE_ID_ERROR',
        actual: 'INVALID_REQUEST_BODY',
        message: 'the error code is INVALID_REQUEST_BODY instead of WORKSPACE_ID_ERROR',
      },
    ]);
  });

  it('names a missing field as missing, and an added one as a warning with its value', () => {
    const answer = json(200, { data: [{ name: 'A', owner: 'x'.repeat(300) }], error: null });
    expect(conformanceFindings(answer)).toEqual([
      {
        severity: 'drift',
        where: '$.data[0].externalDashboardId',
        expected: 'present',
        actual: 'missing',
        message: '$.data[0].externalDashboardId is required by the spec but missing',
      },
    ]);
    const added = json(200, { data: [{ ...dashboard, owner: 'x'.repeat(300) }], error: null });
    expect(conformanceFindings(added)).toEqual([
      {
        severity: 'warning',
        where: '$.data[0].owner',
        expected: 'no such field',
        actual: `"${'x'.repeat(198)}…`,
        message: '$.data[0].owner is not declared in the spec (an additive change)',
      },
    ]);
  });
});

describe('how a finding shows where and what', () => {
  it('writes a JSON pointer as a JSON path, indexes in brackets and escapes undone', () => {
    expect(['', '/data/0/name', '/a~1b/c~0d', '/12x/3', '/x12/4'].map(jsonPath)).toEqual([
      '$',
      '$.data[0].name',
      '$.a/b.c~d',
      '$.12x[3]',
      '$.x12[4]',
    ]);
  });

  it('shows a value as JSON of at most 200 characters, and nothing as nothing', () => {
    expect([show(undefined), show('x'.repeat(198)), show('x'.repeat(199)), show({ a: [1] })]).toEqual([
      'nothing',
      `"${'x'.repeat(198)}"`,
      `"${'x'.repeat(198)}…`,
      '{"a":[1]}',
    ]);
  });
});
