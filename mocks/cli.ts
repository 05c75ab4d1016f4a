#!/usr/bin/env node
/** `databrain-mock`: serves the stateful mock over HTTP. `databrain-mock --help` lists the options. */
import { parseArgs } from 'node:util';
import { dashboardsPath, documentedErrors } from '../src/spec/index.js';
import { defaultDatabrainWorld, type DatabrainMockWorld } from './fixtures.js';
import { defaultHost, defaultPort, healthPath, startDatabrainMockServer } from './http-server.js';

const command = 'databrain-mock';

const help = `Usage: ${command} [options]

Serves Databrain's List dashboards API (POST ${dashboardsPath}) as a stateful mock.

Options:
  --port N           port to listen on (default ${defaultPort}; 0 picks a free one)
  --host H           interface to listen on (default ${defaultHost}; anything else exposes the mock to the network)
  --fixtures FILE    serve the world of a JSON or YAML file (tokens, workspaces) instead of the seeded one
  --quiet            no request log
  -h, --help         this help

Exit codes:
  0  stopped by SIGINT or SIGTERM
  2  could not start: a wrong option, an unreadable fixtures file, a port in use`;

function fail(message: string): never {
  console.error(`${command}: ${message}`);
  process.exit(2);
}

let values: { port?: string; host?: string; fixtures?: string; quiet?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      fixtures: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}: see ${command} --help.`);
}

if (values.help) {
  console.log(help);
  process.exit(0);
}

const port = values.port === undefined ? defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`--port must be a whole number from 0 to 65535, not "${values.port ?? ''}".`);
const host = values.host ?? defaultHost;

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

const running = await startDatabrainMockServer({
  world,
  host,
  port,
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
  GET  ${running.url}${healthPath}
Tokens the mock accepts:
${tokens}
Workspaces:
${workspaces}
Scenarios: send Prefer: code=500 | code=${workspaceError.status}, example=${workspaceError.example} | delay=800 | fail=network`);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  void running.close().then(() => {
    console.log(`${command}: stopped (${signal}).`);
    process.exit(0);
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
