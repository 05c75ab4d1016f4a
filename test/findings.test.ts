/**
 * How findings are folded and shown: the table's labels, its closing line, and the folding of
 * findings that differ only by an array index.
 */
import { describe, expect, it } from 'vitest';
import {
  checkOf,
  collapse,
  renderDriftTable,
  summarize,
  type CheckResult,
  type Finding,
} from '../src/spec/findings.js';

const drift: Finding = {
  severity: 'drift',
  where: 'status',
  expected: '400',
  actual: '404',
  message: 'answered 404 instead of 400',
};
const warning: Finding = {
  severity: 'warning',
  where: '$.extra',
  expected: 'no such field',
  actual: '1',
  message: '$.extra is not declared in the spec (an additive change)',
};
const notVerifiable: Finding = {
  severity: 'not-verifiable',
  where: 'provider state',
  expected: 'the server fails',
  actual: 'cannot be set up',
  message: 'a live API cannot be made to fail on request',
};

function report(checks: readonly CheckResult[], strict = false) {
  return summarize({
    baseUrl: 'http://127.0.0.1:1',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1_234,
    strict,
    checks,
  });
}

describe('the drift table', () => {
  it('labels each status as ok, DRIFT, warning and not verifiable here, in aligned columns', () => {
    const table = renderDriftTable(
      report([
        checkOf('pact', 'a passing interaction', []),
        checkOf('probe', 'a drifting probe', [drift]),
        checkOf('pagination', 'a warning', [warning]),
        checkOf('pact-vs-spec', 'an unverifiable one', [notVerifiable]),
      ]),
    );
    expect(table.split('\n')).toEqual([
      'Drift check against http://127.0.0.1:1',
      '',
      'ok                   pact          a passing interaction',
      'DRIFT                probe         a drifting probe',
      '                       - status: answered 404 instead of 400',
      '                         expected 400; actual 404',
      'warning              pagination    a warning',
      '                       - $.extra: $.extra is not declared in the spec (an additive change)',
      '                         expected no such field; actual 1',
      'not verifiable here  pact-vs-spec  an unverifiable one',
      '                       - provider state: a live API cannot be made to fail on request',
      '',
      '1 passed, 1 drift, 1 warning, 1 not verifiable here (1.2 s)',
      'Drift found.',
    ]);
  });

  it('ends with "No drift." when every check passed', () => {
    const table = renderDriftTable(report([checkOf('probe', 'a probe', [])]));
    expect(table.split('\n').slice(-2)).toEqual([
      '1 passed, 0 drift, 0 warnings, 0 not verifiable here (1.2 s)',
      'No drift.',
    ]);
  });

  it('says warnings are additive when they are all it found', () => {
    const table = renderDriftTable(report([checkOf('probe', 'a probe', [warning])]));
    expect(table.split('\n').at(-1)).toBe('No drift (warnings are additive changes; --strict fails on them).');
  });

  it('fails on warnings alone with --strict, and says so', () => {
    const strict = report([checkOf('probe', 'a probe', [warning])], true);
    expect({ exitCode: strict.exitCode, summary: strict.summary }).toEqual({
      exitCode: 1,
      summary: { passed: 0, drift: 0, warning: 1, notVerifiable: 0 },
    });
    expect(renderDriftTable(strict).split('\n').at(-1)).toBe('Drift found (--strict: warnings count).');
  });
});

describe('collapse', () => {
  it('folds findings that differ only by an array index into one, counting the items', () => {
    const missing = (index: number): Finding => ({
      severity: 'drift',
      where: `$.data[${index}].name`,
      expected: 'present',
      actual: 'missing',
      message: `$.data[${index}].name is required by the spec but missing`,
    });
    expect(collapse([missing(0), missing(1), missing(2)])).toEqual([
      {
        severity: 'drift',
        where: '$.data[*].name',
        expected: 'present',
        actual: 'missing',
        message: '$.data[*].name is required by the spec but missing (in 3 items)',
      },
    ]);
  });

  it('keeps one finding, not "in 2 items", when the same place is reported twice', () => {
    const notObject: Finding = {
      severity: 'drift',
      where: '$.error',
      expected: 'type "object"',
      actual: '"text"',
      message: '$.error must be object',
    };
    expect(collapse([notObject, { ...notObject }])).toEqual([notObject]);
  });
});
