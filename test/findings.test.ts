/**
 * How findings are folded and shown: the table's labels, its closing line, and the folding of
 * findings that differ only by an array index.
 */
import { describe, expect, it } from 'vitest';
import {
  checkOf,
  collapse,
  renderDriftTable,
  renderJunit,
  renderMarkdown,
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

describe('the JUnit and Markdown reports', () => {
  const checks = [
    checkOf('pact', 'a passing interaction', [], 1_500),
    checkOf('probe', 'a <drifting> "probe"', [drift], 20),
    checkOf('pagination', 'a warning | with a bar', [warning]),
    checkOf('pact', 'an unverifiable one', [notVerifiable]),
  ];

  it('writes one test case per check: drift a failure, not verifiable skipped, a warning as output', () => {
    expect(renderJunit(report(checks)).split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="databrain drift check" tests="4" failures="1" skipped="1" time="1.234">',
      '  <testsuite name="drift against http://127.0.0.1:1" tests="4" failures="1" skipped="1" timestamp="2026-01-01T00:00:00.000Z">',
      '    <testcase classname="drift.pact" name="a passing interaction" time="1.500"></testcase>',
      '    <testcase classname="drift.probe" name="a &lt;drifting&gt; &quot;probe&quot;" time="0.020">',
      '      <failure message="answered 404 instead of 400">status: answered 404 instead of 400 (expected 400; actual 404)</failure>',
      '    </testcase>',
      '    <testcase classname="drift.pagination" name="a warning | with a bar" time="0.000">',
      '      <system-out>$.extra: $.extra is not declared in the spec (an additive change) (expected no such field; actual 1)</system-out>',
      '    </testcase>',
      '    <testcase classname="drift.pact" name="an unverifiable one" time="0.000">',
      '      <skipped message="a live API cannot be made to fail on request"/>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ]);
  });

  it('counts a warning as a failure under --strict', () => {
    expect(renderJunit(report(checks, true))).toContain(
      '<testsuites name="databrain drift check" tests="4" failures="2" skipped="1" time="1.234">',
    );
  });

  it('summarises in Markdown, with a findings table whose cells escape bars', () => {
    expect(renderMarkdown(report(checks)).split('\n')).toEqual([
      '# Drift check: drift found',
      '',
      'Against `http://127.0.0.1:1` on 2026-01-01T00:00:00.000Z: 1 passed, 1 drift, 1 warnings, 1 not verifiable here.',
      '',
      '| result | source | check |',
      '|---|---|---|',
      '| ok | pact | a passing interaction |',
      '| DRIFT | probe | a <drifting> "probe" |',
      '| warning | pagination | a warning \\| with a bar |',
      '| not verifiable here | pact | an unverifiable one |',
      '',
      '## Findings',
      '',
      '| check | where | expected | actual | finding |',
      '|---|---|---|---|---|',
      '| a <drifting> "probe" | `status` | 400 | 404 | answered 404 instead of 400 |',
      '| a warning \\| with a bar | `$.extra` | no such field | 1 | $.extra is not declared in the spec (an additive change) |',
      '| an unverifiable one | `provider state` | the server fails | cannot be set up | a live API cannot be made to fail on request |',
      '',
    ]);
  });

  it('says no drift, and strict, in the heading and the summary line', () => {
    const clean = renderMarkdown(report([checkOf('pact', 'a passing interaction', [])], true));
    expect(clean.split('\n').slice(0, 3)).toEqual([
      '# Drift check: no drift',
      '',
      'Against `http://127.0.0.1:1` on 2026-01-01T00:00:00.000Z (strict): 1 passed, 0 drift, 0 warnings, 0 not verifiable here.',
    ]);
  });
});
