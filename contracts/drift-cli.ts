#!/usr/bin/env node
/** `databrain-drift`: the drift check from the command line. `databrain-drift --help` lists the options. */
import { parseArgs } from 'node:util';
import { cloudBaseUrl, firstLine, redact, shortTokenProblem } from '../src/kernel/index.js';
import { MissingPeerError } from '../src/kernel/peers.js';
import { writeDriftReports } from '../src/kernel/report-files.js';
import { defaultTimeoutMs, maximumTimeoutMs, minimumTimeoutMs } from '../src/kernel/timeouts.js';
import { driftConfig, DriftConfigError, runDatabrainDriftCheck, type DatabrainDriftOptions } from './drift.js';
import { renderDriftTable } from '../src/kernel/findings.js';
import { CannotRunError, ProviderUnreachableError } from './probes.js';

const command = 'databrain-drift';

const help = `Usage: ${command} [options]

Checks a Databrain API against the committed pact and the spec, and reports every drift.

Environment:
  DATABRAIN_SERVICE_TOKEN    the service token (required; read from the environment only, never printed)
  DATABRAIN_WORKSPACE        an existing workspace with dashboards (required)
  DATABRAIN_EMPTY_WORKSPACE  an existing workspace without dashboards (optional)
  DATABRAIN_BASE_URL         the API's base URL, if --base-url is not given

Options:
  --base-url URL     the API to check (default ${cloudBaseUrl})
  --report-dir DIR   also write drift-report.json, drift-report.xml (JUnit) and drift-report.md there
  --strict           count warnings (fields the spec does not declare) as drift
  --timeout MS       per request, ${minimumTimeoutMs} to ${maximumTimeoutMs} (default ${defaultTimeoutMs})
  --allow-insecure-http
                     send the token over plain http to a host beyond this machine (refused otherwise)
  -h, --help         this help

Exit codes:
  0  no drift (warnings may be listed)
  1  drift found (with --strict, warnings too)
  2  could not run: configuration, a missing peer dependency, an unreachable host, a refused token or an unknown workspace`;

function stop(message: string): never {
  const token = process.env['DATABRAIN_SERVICE_TOKEN']?.trim() ?? '';
  // A token too short to be one was refused before it was used: masking it would mangle the message.
  const secret = shortTokenProblem(token, 'token') === undefined ? token : undefined;
  console.error(`${command}: ${redact(message, secret)}`);
  process.exit(2);
}

let config: DatabrainDriftOptions;
try {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'report-dir': { type: 'string' },
      strict: { type: 'boolean' },
      timeout: { type: 'string' },
      'allow-insecure-http': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(help);
    process.exit(0);
  }
  config = driftConfig(
    {
      baseUrl: values['base-url'],
      reportDir: values['report-dir'],
      strict: values.strict,
      timeout: values.timeout,
      allowInsecureHttp: values['allow-insecure-http'],
    },
    process.env,
  );
} catch (error) {
  const message = firstLine(error);
  stop(error instanceof DriftConfigError ? message : `${message}: see ${command} --help.`);
}

try {
  const report = await runDatabrainDriftCheck(config);
  console.log(renderDriftTable(report));
  if (config.reportDir) {
    const files = writeDriftReports(report, config.reportDir);
    console.log(`Reports: ${files.join(', ')}`);
  }
  process.exit(report.exitCode);
} catch (error) {
  if (error instanceof ProviderUnreachableError) stop(`${error.message}. Check --base-url and your network.`);
  if (error instanceof CannotRunError || error instanceof MissingPeerError) stop(error.message);
  stop(`could not run: ${error instanceof Error ? error.message : String(error)}`);
}
