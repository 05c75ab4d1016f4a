#!/usr/bin/env node
/**
 * `npm run drift -- --base-url URL [--report-dir DIR] [--strict] [--timeout MS]`
 * Exit 0: no drift. 1: drift found. 2: could not run (configuration, unreachable host).
 */
import { parseArgs } from 'node:util';
import { redact } from '../src/errors.js';
import { driftConfig, DriftConfigError, renderTable, runDrift, usage, writeReports, type DriftConfig } from './drift.js';
import { CannotRunError, ProviderUnreachableError } from './probes.js';

function stop(message: string, code: 2): never {
  console.error(`drift check: ${redact(message, process.env['DATABRAIN_SERVICE_TOKEN']?.trim())}`);
  process.exit(code);
}

let config: DriftConfig;
try {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'report-dir': { type: 'string' },
      strict: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  config = driftConfig(
    { baseUrl: values['base-url'], reportDir: values['report-dir'], strict: values.strict, timeout: values.timeout },
    process.env,
  );
} catch (error) {
  const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
  stop(error instanceof DriftConfigError ? message : `${message}. ${usage}`, 2);
}

try {
  const report = await runDrift(config);
  console.log(renderTable(report));
  if (config.reportDir) {
    const files = writeReports(report, config.reportDir);
    console.log(`Reports: ${files.join(', ')}`);
  }
  process.exit(report.exitCode);
} catch (error) {
  if (error instanceof ProviderUnreachableError) stop(`${error.message}. Check --base-url and your network.`, 2);
  if (error instanceof CannotRunError) stop(error.message, 2);
  stop(`could not run: ${error instanceof Error ? error.message : String(error)}`, 2);
}
