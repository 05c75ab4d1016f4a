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
} from '../src/kernel/findings.js';

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

  it('does not blame warnings when there is drift, strict or not', () => {
    for (const strict of [false, true]) {
      const table = renderDriftTable(report([checkOf('probe', 'a probe', [drift, warning])], strict));
      expect(table.split('\n').at(-1)).toBe('Drift found.');
    }
  });

  it('puts each finding on one line, cut at 160 characters, and expected and actual at 120', () => {
    const long: Finding = {
      severity: 'drift',
      where: '$.data',
      expected: 'e'.repeat(120),
      actual: 'a'.repeat(121),
      message: `first line\n   second\tline ${'m'.repeat(160)}`,
    };
    const exact: Finding = { ...long, message: 'x'.repeat(160), expected: 'short', actual: 'short' };
    const lines = renderDriftTable(report([checkOf('probe', 'a probe', [long, exact])])).split('\n');
    expect(lines.slice(3, 7)).toEqual([
      `          - $.data: first line second line ${'m'.repeat(160 - 'first line second line '.length - 1)}…`,
      `            expected ${'e'.repeat(120)}; actual ${'a'.repeat(119)}…`,
      `          - $.data: ${'x'.repeat(160)}`,
      '            expected short; actual short',
    ]);
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

  it('folds indices of any length, naming the place with [*]', () => {
    const wrong = (index: number): Finding => ({
      severity: 'drift',
      where: `$.data[${index}].externalDashboardId`,
      expected: 'type "string"',
      actual: '42',
      message: `$.data[${index}].externalDashboardId must be string`,
    });
    expect(collapse([wrong(12), wrong(3), wrong(140)])).toEqual([
      {
        ...wrong(12),
        where: '$.data[*].externalDashboardId',
        message: '$.data[*].externalDashboardId must be string (in 3 items)',
      },
    ]);
  });

  it('keeps apart a place with an index and the same place without one', () => {
    const at = (where: string): Finding => ({ severity: 'drift', where, expected: 'e', actual: 'a', message: 'm' });
    expect(collapse([at('$.data[0].name'), at('$.data.name')])).toEqual([at('$.data[0].name'), at('$.data.name')]);
    const saying = (message: string): Finding => ({ ...at('body'), message });
    expect(collapse([saying('item [1] differs'), saying('item  differs')])).toEqual([
      saying('item [1] differs'),
      saying('item  differs'),
    ]);
  });
});

describe('the report', () => {
  it('names the tool, and fails on drift, or on warnings only under --strict', () => {
    expect(report([checkOf('probe', 'a probe', [warning])])).toMatchObject({
      tool: 'databrain-contract-kit drift check',
      exitCode: 0,
    });
    expect(report([checkOf('probe', 'a probe', [drift])])).toMatchObject({ exitCode: 1 });
    expect(report([checkOf('probe', 'a probe', [warning])], true)).toMatchObject({ exitCode: 1 });
    expect(report([checkOf('probe', 'a probe', [notVerifiable])], true)).toMatchObject({ exitCode: 0 });
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
    const lines = renderJunit(report(checks, true)).split('\n');
    expect(lines[1]).toBe('<testsuites name="databrain drift check" tests="4" failures="2" skipped="1" time="1.234">');
    expect(lines.slice(7, 10)).toEqual([
      '    <testcase classname="drift.pagination" name="a warning | with a bar" time="0.000">',
      '      <failure message="$.extra is not declared in the spec (an additive change)">$.extra: $.extra is not declared in the spec (an additive change) (expected no such field; actual 1)</failure>',
      '    </testcase>',
    ]);
  });

  it('escapes &, <, > and quotes and drops the control characters XML forbids, one finding a line', () => {
    const odd: Finding = { ...drift, message: 'a & b\u0001\u001f < "c"', actual: "it's\u000b" };
    const lines = renderJunit(report([checkOf('probe', 'Q&A', [odd, drift])])).split('\n');
    expect(lines.slice(3, 7)).toEqual([
      '    <testcase classname="drift.probe" name="Q&amp;A" time="0.000">',
      '      <failure message="a &amp; b &lt; &quot;c&quot;">status: a &amp; b &lt; &quot;c&quot; (expected 400; actual it\'s)',
      'status: answered 404 instead of 400 (expected 400; actual 404)</failure>',
      '    </testcase>',
    ]);
  });

  it('gives a check built by hand without findings a generic failure or skip message', () => {
    const bare = (status: CheckResult['status']): CheckResult => ({
      source: 'probe',
      name: status,
      status,
      findings: [],
      durationMs: 0,
    });
    const lines = renderJunit(report([bare('drift'), bare('not-verifiable')])).split('\n');
    expect(lines.slice(3, 9)).toEqual([
      '    <testcase classname="drift.probe" name="drift" time="0.000">',
      '      <failure message="drift"></failure>',
      '    </testcase>',
      '    <testcase classname="drift.probe" name="not-verifiable" time="0.000">',
      '      <skipped message="not verifiable here"/>',
      '    </testcase>',
    ]);
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

  it('says no drift, and strict, in the heading and the summary line, with no findings table', () => {
    const clean = renderMarkdown(report([checkOf('pact', 'a passing interaction', [])], true));
    expect(clean.split('\n')).toEqual([
      '# Drift check: no drift',
      '',
      'Against `http://127.0.0.1:1` on 2026-01-01T00:00:00.000Z (strict): 1 passed, 0 drift, 0 warnings, 0 not verifiable here.',
      '',
      '| result | source | check |',
      '|---|---|---|',
      '| ok | pact | a passing interaction |',
      '',
    ]);
  });

  it('keeps each Markdown cell on one line', () => {
    const spread: Finding = { ...drift, message: 'line one\n  line\ttwo' };
    expect(
      renderMarkdown(report([checkOf('probe', 'a\nprobe', [spread])]))
        .split('\n')
        .at(-2),
    ).toBe('| a probe | `status` | 400 | 404 | line one line two |');
  });
});
