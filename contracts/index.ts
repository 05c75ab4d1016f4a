/**
 * The drift check for use from code: `runDatabrainDriftCheck` checks a Databrain API against the
 * committed pact and the spec. Needs the optional peers @pact-foundation/pact and
 * @pactflow/swagger-mock-validator, loaded only when a check runs.
 */
export { DriftConfigError, runDatabrainDriftCheck, type DatabrainDriftOptions } from './drift.js';
export { writeDriftReports } from '../src/kernel/report-files.js';
export {
  renderDriftTable,
  renderJunit as renderDriftJunit,
  renderMarkdown as renderDriftMarkdown,
  type CheckResult,
  type CheckSource,
  type CheckStatus,
  type DatabrainDriftReport,
  type Finding,
  type Severity,
} from '../src/kernel/findings.js';
export { CannotRunError, ProviderUnreachableError } from './probes.js';
export { MissingPeerError } from '../src/kernel/peers.js';
