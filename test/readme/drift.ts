// The drift check from code, e.g. in a CI script of your own.
import { renderDriftTable, runDatabrainDriftCheck, writeDriftReports } from 'databrain-contract-kit/drift';

const report = await runDatabrainDriftCheck({
  baseUrl: 'https://api.usedatabrain.com',
  token: process.env['DATABRAIN_SERVICE_TOKEN'] ?? '',
  workspace: 'my-workspace',
  emptyWorkspace: 'empty-workspace',
  strict: false,
  timeoutMs: 10_000,
});
console.log(renderDriftTable(report)); // the token is already removed from the report
writeDriftReports(report, 'reports'); // drift-report.json, .xml (JUnit), .md
process.exitCode = report.exitCode; // 0: no drift, 1: drift
