/** What the drift tests share: the options against a test provider, and the findings a report names. */
import type { DatabrainDriftOptions } from '../../contracts/drift.js';
import { runProbes, type ProbeConfig } from '../../contracts/probes.js';
import { summarize, type DatabrainDriftReport } from '../../src/kernel/findings.js';
import { cleanEmptyWorkspace, cleanToken, cleanWorkspace } from './providers.js';

/** The suffix of a finding that refutes an assumption of the spec, as the drift check words it. */
export const refutes = ' (refutes an x-assumptions entry of the spec: update spec/openapi.yaml if the API is right)';

/** The drift check's options against a test provider with the clean world's token and workspaces. */
export function driftOptions(url: string, config: Partial<DatabrainDriftOptions> = {}): DatabrainDriftOptions {
  return {
    baseUrl: url,
    token: cleanToken,
    workspace: cleanWorkspace,
    emptyWorkspace: cleanEmptyWorkspace,
    strict: false,
    timeoutMs: 5_000,
    ...config,
  };
}

/** The probes' configuration against a test provider with the clean world's token and workspaces. */
export function probeConfig(url: string, config: Partial<ProbeConfig> = {}): ProbeConfig {
  return {
    baseUrl: url,
    token: cleanToken,
    workspace: cleanWorkspace,
    emptyWorkspace: cleanEmptyWorkspace,
    timeoutMs: 5_000,
    ...config,
  };
}

/** A report of the probes and pagination checks alone (no Pact), as the drift check would summarise them. */
export async function probesReport(url: string): Promise<DatabrainDriftReport> {
  const started = performance.now();
  const { checks } = await runProbes(probeConfig(url));
  return summarize({
    baseUrl: url,
    startedAt: new Date().toISOString(),
    durationMs: performance.now() - started,
    strict: false,
    checks,
  });
}

/** A drift finding with the check that found it. */
export interface NamedFinding {
  readonly source: string;
  readonly name: string;
  readonly where: string;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

/** Every drift finding of a report, whole, with the check that found it. */
export function driftFindingsOf(report: DatabrainDriftReport): NamedFinding[] {
  return report.checks.flatMap((check) =>
    check.findings
      .filter((finding) => finding.severity === 'drift')
      .map(({ where, expected, actual, message }) => ({
        source: check.source,
        name: check.name,
        where,
        expected,
        actual,
        message,
      })),
  );
}
