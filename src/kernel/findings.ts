/**
 * What the drift check and the validating proxy found, and how it is shown: a table on stdout, and
 * with `--report-dir` a JSON report, a JUnit XML file and a Markdown summary.
 */

import type { Finding } from './conformance.js';

export type { Finding, Severity } from './conformance.js';

export type CheckSource = 'pact' | 'probe' | 'pagination' | 'pact-vs-spec' | 'proxy';
export type CheckStatus = 'passed' | 'drift' | 'warning' | 'not-verifiable';

export interface CheckResult {
  readonly source: CheckSource;
  /** The interaction or scenario checked, e.g. `an unknown workspace`. */
  readonly name: string;
  readonly status: CheckStatus;
  readonly findings: readonly Finding[];
  readonly durationMs: number;
}

export interface DatabrainDriftReport {
  readonly tool: 'databrain-contract-kit drift check';
  readonly baseUrl: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly strict: boolean;
  readonly checks: readonly CheckResult[];
  readonly summary: {
    readonly passed: number;
    readonly drift: number;
    readonly warning: number;
    readonly notVerifiable: number;
  };
  /** 0: no drift. 1: drift found (or, with --strict, a warning). */
  readonly exitCode: 0 | 1;
}

/**
 * Folds findings that differ only by an array index (`$.data[3].name`, `$.data[7].name`) into one
 * (`$.data[*].name`, in N items), so that a renamed field is one finding, not one per dashboard.
 */
export function collapse(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, { first: Finding; wheres: Set<string> }>();
  for (const finding of findings) {
    const where = finding.where.replace(/\[\d+\]/g, '[*]');
    const key = `${finding.severity}|${where}|${finding.message.replace(/\[\d+\]/g, '[*]')}`;
    const group = groups.get(key);
    // The same place reported twice (e.g. by both branches of an allOf) is one item, not two.
    if (group) group.wheres.add(finding.where);
    else groups.set(key, { first: finding, wheres: new Set([finding.where]) });
  }
  return [...groups.values()].map(({ first, wheres: { size: count } }) =>
    count === 1
      ? first
      : {
          ...first,
          where: first.where.replace(/\[\d+\]/g, '[*]'),
          message: `${first.message.replace(/\[\d+\]/g, '[*]')} (in ${count} items)`,
        },
  );
}

/** The status of a check from its findings: the worst one wins. */
export function statusOf(findings: readonly Finding[]): CheckStatus {
  if (findings.some((finding) => finding.severity === 'drift')) return 'drift';
  if (findings.some((finding) => finding.severity === 'not-verifiable')) return 'not-verifiable';
  return findings.length > 0 ? 'warning' : 'passed';
}

/** A check from its findings, its status derived from them. */
export function checkOf(source: CheckSource, name: string, findings: readonly Finding[], durationMs = 0): CheckResult {
  return { source, name, status: statusOf(findings), findings, durationMs };
}

export function summarize(base: Omit<DatabrainDriftReport, 'summary' | 'exitCode' | 'tool'>): DatabrainDriftReport {
  const count = (status: CheckStatus) => base.checks.filter((check) => check.status === status).length;
  const summary = {
    passed: count('passed'),
    drift: count('drift'),
    warning: count('warning'),
    notVerifiable: count('not-verifiable'),
  };
  const failed = summary.drift > 0 || (base.strict && summary.warning > 0);
  return { tool: 'databrain-contract-kit drift check', ...base, summary, exitCode: failed ? 1 : 0 };
}

const labels: Record<CheckStatus, string> = {
  passed: 'ok',
  drift: 'DRIFT',
  warning: 'warning',
  'not-verifiable': 'not verifiable here',
};

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** The readable table for stdout: one row per check, then one line per finding. */
export function renderDriftTable(report: DatabrainDriftReport): string {
  const labelWidth = Math.max(...report.checks.map((check) => labels[check.status].length), 6);
  const sourceWidth = Math.max(...report.checks.map((check) => check.source.length), 6);
  const indent = ' '.repeat(labelWidth + 2);
  const lines = [`Drift check against ${report.baseUrl}`, ''];
  for (const check of report.checks) {
    lines.push(`${labels[check.status].padEnd(labelWidth)}  ${check.source.padEnd(sourceWidth)}  ${check.name}`);
    for (const finding of check.findings) {
      lines.push(`${indent}  - ${finding.where}: ${clip(finding.message, 160)}`);
      if (finding.severity !== 'not-verifiable') {
        lines.push(`${indent}    expected ${clip(finding.expected, 120)}; actual ${clip(finding.actual, 120)}`);
      }
    }
  }
  const { passed, drift, warning, notVerifiable } = report.summary;
  lines.push('');
  lines.push(
    `${passed} passed, ${drift} drift, ${warning} warning${warning === 1 ? '' : 's'}, ${notVerifiable} not verifiable here` +
      ` (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  lines.push(
    report.exitCode === 0
      ? `No drift${report.summary.warning > 0 ? ' (warnings are additive changes; --strict fails on them)' : ''}.`
      : `Drift found${report.strict && drift === 0 ? ' (--strict: warnings count)' : ''}.`,
  );
  return lines.join('\n');
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 does not allow.
      // oxlint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/** JUnit XML: one test case per check; drift is a failure, not-verifiable is skipped. */
export function renderJunit(report: DatabrainDriftReport): string {
  const failures = report.checks.filter(
    (check) => check.status === 'drift' || (report.strict && check.status === 'warning'),
  ).length;
  const skipped = report.summary.notVerifiable;
  const cases = report.checks.map((check) => {
    const name = xml(check.name);
    const open = `    <testcase classname="drift.${check.source}" name="${name}" time="${(check.durationMs / 1000).toFixed(3)}">`;
    const details = xml(
      check.findings.map((f) => `${f.where}: ${f.message} (expected ${f.expected}; actual ${f.actual})`).join('\n'),
    );
    if (check.status === 'drift' || (report.strict && check.status === 'warning')) {
      const first = xml(check.findings[0]?.message ?? 'drift');
      return `${open}\n      <failure message="${first}">${details}</failure>\n    </testcase>`;
    }
    if (check.status === 'not-verifiable') {
      return `${open}\n      <skipped message="${xml(check.findings[0]?.message ?? 'not verifiable here')}"/>\n    </testcase>`;
    }
    if (check.status === 'warning') return `${open}\n      <system-out>${details}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="databrain drift check" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="drift against ${xml(report.baseUrl)}" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" timestamp="${report.startedAt}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** A Markdown summary, e.g. for a CI job summary. */
export function renderMarkdown(report: DatabrainDriftReport): string {
  const { passed, drift, warning, notVerifiable } = report.summary;
  const lines = [
    `# Drift check: ${report.exitCode === 0 ? 'no drift' : 'drift found'}`,
    '',
    `Against \`${report.baseUrl}\` on ${report.startedAt}${report.strict ? ' (strict)' : ''}: ${passed} passed, ${drift} drift, ${warning} warnings, ${notVerifiable} not verifiable here.`,
    '',
    '| result | source | check |',
    '|---|---|---|',
    ...report.checks.map((check) => `| ${labels[check.status]} | ${check.source} | ${cell(check.name)} |`),
  ];
  const withFindings = report.checks.filter((check) => check.findings.length > 0);
  if (withFindings.length > 0) {
    lines.push('', '## Findings', '', '| check | where | expected | actual | finding |', '|---|---|---|---|---|');
    for (const check of withFindings) {
      for (const finding of check.findings) {
        lines.push(
          `| ${cell(check.name)} | \`${cell(finding.where)}\` | ${cell(finding.expected)} | ${cell(finding.actual)} | ${cell(finding.message)} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
