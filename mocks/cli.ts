#!/usr/bin/env node
/** `databrain-mock`: serves the stateful mock over HTTP. `databrain-mock --help` lists the options. */
import { parseArgs } from 'node:util';
import {
  cloudBaseUrl,
  dashboardsPath,
  documentedErrors,
  firstLine,
  insecureUrlProblem,
  isLoopbackHost,
  shortTokenProblem,
  workspacesPath,
} from '../src/kernel/index.js';
import { defaultDatabrainWorld, type DatabrainMockWorld } from './fixtures.js';
import { defaultHost, defaultPort, healthPath, startDatabrainMockServer } from './http-server.js';
import { defaultTimeoutMs, maximumTimeoutMs, minimumTimeoutMs, timeoutProblem } from '../src/kernel/timeouts.js';
import type { Proxy } from './proxy.js';
import type { Recorder } from './recording.js';

const command = 'databrain-mock';

const help = `Usage: ${command} [options]

Serves Databrain's List dashboards (POST ${dashboardsPath}) and List Workspaces (GET ${workspacesPath})
as a stateful mock, or, with --proxy, forwards what it accepts to your real workspace and checks every
answer against the spec.

Options:
  --port N           port to listen on (default ${defaultPort}; 0 picks a free one)
  --host H           interface to listen on (default ${defaultHost}; anything else exposes the mock to the network)
  --fixtures FILE    serve the world of a JSON or YAML file (tokens, workspaces) instead of the seeded one
  --quiet            no request log
  --proxy URL        forward each request that carries a token the mock accepts (and no Prefer scenario) to the
                     Databrain API at URL, with the service token of DATABRAIN_SERVICE_TOKEN; print a DRIFT or
                     warning line for each way an answer breaks the spec; only pages of this machine may call it
  --timeout MS       with --proxy: how long the API may take, ${minimumTimeoutMs} to ${maximumTimeoutMs} (default ${defaultTimeoutMs}); then 502
  --record FILE      with --proxy: at stop, write what was seen whole as a fixtures file (.json or .yaml)
  --report-dir DIR   with --proxy: at stop, write drift-report.json, drift-report.xml and drift-report.md there
  --allowed-host H   also answer requests whose Host header names H (repeatable); requests for any other
                     host than localhost, 127.0.0.1 and [::1] are refused, so a rebound domain cannot reach it
  --allow-insecure-http
                     with --proxy: send the token over plain http to a host beyond this machine (refused otherwise)
  -h, --help         this help

Exit codes:
  0  stopped by SIGINT or SIGTERM
  2  could not start: a wrong option, an unreadable fixtures file, a port in use, --proxy without
     DATABRAIN_SERVICE_TOKEN or with a --host beyond this machine; or, at stop, the reports or the
     recording could not be written`;

function fail(message: string): never {
  console.error(`${command}: ${message}`);
  process.exit(2);
}

let values: {
  port?: string;
  host?: string;
  fixtures?: string;
  quiet?: boolean;
  proxy?: string;
  timeout?: string;
  record?: string;
  'report-dir'?: string;
  'allowed-host'?: string[];
  'allow-insecure-http'?: boolean;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      fixtures: { type: 'string' },
      quiet: { type: 'boolean' },
      proxy: { type: 'string' },
      timeout: { type: 'string' },
      record: { type: 'string' },
      'report-dir': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'allow-insecure-http': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${firstLine(error)}: see ${command} --help.`);
}

if (values.help) {
  console.log(help);
  process.exit(0);
}

const port = values.port === undefined ? defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`--port must be a whole number from 0 to 65535, not "${values.port ?? ''}".`);
}
const host = values.host ?? defaultHost;

for (const option of ['timeout', 'record', 'report-dir', 'allow-insecure-http'] as const) {
  if (values[option] !== undefined && values.proxy === undefined)
    fail(`--${option} works with --proxy only: add --proxy URL.`);
}

let world: DatabrainMockWorld = defaultDatabrainWorld;
if (values.fixtures !== undefined) {
  try {
    // Loaded only when asked for, so reading files (and the YAML parser) is not in the start-up path.
    const { loadWorldFile } = await import('./fixtures-file.js');
    world = await loadWorldFile(values.fixtures);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** The proxy, when asked for: the real token from the environment only, checked before anything starts. */
async function startProxy(
  target: string,
): Promise<{ proxy: Proxy; recorder: Recorder; token: string; timeoutMs: number }> {
  const token = process.env['DATABRAIN_SERVICE_TOKEN']?.trim();
  if (!token) fail('--proxy needs DATABRAIN_SERVICE_TOKEN: export your Databrain service token in it.');
  const short = shortTokenProblem(token, 'DATABRAIN_SERVICE_TOKEN');
  if (short) fail(short);
  if (!isLoopbackHost(host)) {
    fail(
      `--proxy serves your real workspace, so it listens on this machine only: drop --host ${host} or pass --host 127.0.0.1.`,
    );
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    fail(`--proxy "${target}" is not a URL: pass e.g. ${cloudBaseUrl}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`--proxy must be an http or https URL, not "${target}": pass e.g. ${cloudBaseUrl}.`);
  }
  const insecure = values['allow-insecure-http']
    ? undefined
    : insecureUrlProblem(url, '--proxy', '--allow-insecure-http');
  if (insecure) fail(insecure);
  const timeoutMs = values.timeout === undefined ? defaultTimeoutMs : Number(values.timeout);
  const badTimeout = timeoutProblem(timeoutMs, values.timeout);
  if (badTimeout) fail(badTimeout);
  const [{ createProxy }, { createRecorder }] = await Promise.all([import('./proxy.js'), import('./recording.js')]);
  const recorder = createRecorder();
  const proxy = createProxy({ target, token, timeoutMs, recorder, log: (line) => console.log(line) });
  return { proxy, recorder, token, timeoutMs };
}

const proxied = values.proxy === undefined ? undefined : await startProxy(values.proxy);
const startedAt = new Date().toISOString();

const running = await startDatabrainMockServer({
  world,
  host,
  port,
  ...(proxied ? { proxy: proxied.proxy } : {}),
  // The interface it listens on is a name its clients use: answered like this machine's own.
  allowedHosts: [...(values['allowed-host'] ?? []), ...(host === defaultHost ? [] : [host])],
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
}).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${port} on ${host} is in use: stop what holds it or pass --port <another>.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`cannot listen on host "${host}": pass --host 127.0.0.1.`);
  fail(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
});

const tokens = world.tokens.map((token) => `  Authorization: Bearer ${token}`).join('\n');
const workspaces = Object.entries(world.workspaces)
  .map(([name, dashboards]) => `  ${name} (${dashboards.length} dashboards)`)
  .join('\n');
const workspaceError = documentedErrors.WORKSPACE_ID_ERROR;
console.log(`Databrain mock listening on ${running.url}
  POST ${running.url}${dashboardsPath}
  GET  ${running.url}${workspacesPath}
  GET  ${running.url}${healthPath}
Tokens the mock accepts:
${tokens}
${
  proxied && values.proxy
    ? `Requests with these tokens are forwarded to ${values.proxy} (timeout ${proxied.timeoutMs} ms), with the service token of DATABRAIN_SERVICE_TOKEN.`
    : `Workspaces:\n${workspaces}`
}
Scenarios: send Prefer: code=500 | code=${workspaceError.status}, example=${workspaceError.example} | delay=800 | fail=network`);

/** What the proxy leaves behind at stop: the reports and the recording, each announced in one line. */
async function writeProxyOutputs(): Promise<void> {
  if (!proxied || values.proxy === undefined) return;
  const { redactValue } = await import('../src/kernel/index.js');
  const reportDir = values['report-dir'];
  if (reportDir !== undefined) {
    const [{ checkOf, summarize }, { writeDriftReports }] = await Promise.all([
      import('../src/kernel/findings.js'),
      import('../src/kernel/report-files.js'),
    ]);
    const checks = proxied.proxy
      .checks()
      .map((check) => checkOf('proxy', check.name, check.findings, check.durationMs));
    const report = summarize({
      baseUrl: values.proxy,
      startedAt,
      durationMs: Math.round(Date.now() - Date.parse(startedAt)),
      strict: false,
      checks,
    });
    const files = writeDriftReports(redactValue(report, proxied.token) as typeof report, reportDir);
    const dropped = proxied.proxy.dropped();
    const older = dropped > 0 ? ` (the ${dropped} before them were dropped)` : '';
    console.log(`${command}: reports of the last ${checks.length} forwarded requests${older}: ${files.join(', ')}`);
  }
  const recordTo = values.record;
  if (recordTo !== undefined) {
    const { writeFileSync } = await import('node:fs');
    const { world: recorded, leftOut } = proxied.recorder.recording(world.tokens);
    const safe = redactValue(recorded, proxied.token) as DatabrainMockWorld;
    const text = /\.ya?ml$/i.test(recordTo)
      ? (await import('./fixtures-file.js')).worldToYaml(safe)
      : `${JSON.stringify(safe, null, 2)}\n`;
    writeFileSync(recordTo, await text);
    for (const line of leftOut) console.log(`${command}: not recorded: ${line}`);
    console.log(`${command}: recorded ${Object.keys(recorded.workspaces).length} workspaces to ${recordTo}`);
  }
}

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  void running
    .close()
    .then(writeProxyOutputs)
    .then(
      () => {
        console.log(`${command}: stopped (${signal}).`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(
          `${command}: stopped (${signal}), but could not write its files: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.exit(2);
      },
    );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
