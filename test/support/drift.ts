/** What the drift tests share: the options against a test provider, and the findings a report names. */
import type { DatabrainDriftOptions } from '../../contracts/drift.js';
import type { DatabrainDriftReport } from '../../src/spec/findings.js';
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

/** Every drift finding of a report, with the check that found it. */
export function driftFindingsOf(
  report: DatabrainDriftReport,
): { source: string; name: string; where: string; message: string }[] {
  return report.checks.flatMap((check) =>
    check.findings
      .filter((finding) => finding.severity === 'drift')
      .map((finding) => ({ source: check.source, name: check.name, where: finding.where, message: finding.message })),
  );
}
