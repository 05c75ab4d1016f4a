#!/usr/bin/env node
/**
 * `npm run mock`: serves the stateful mock on 127.0.0.1:4010.
 *   --port N        another port (0 for any free one)
 *   --host H        another interface (binding beyond loopback exposes the mock to the network)
 *   --fixtures F    serve the world of a JSON or YAML file instead of the seeded one
 *   --quiet         no request log
 */
import { parseArgs } from 'node:util';
import { dashboardsPath } from '../src/spec.js';
import { defaultWorld, type MockWorld } from './fixtures.js';
import { defaultHost, defaultPort, startMockServer } from './server.js';

const usage = 'Usage: npm run mock -- [--port N] [--host H] [--fixtures FILE.json|FILE.yaml] [--quiet]';

function fail(message: string): never {
  console.error(`databrain mock: ${message}`);
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
  fail(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}. ${usage}`);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = values.port === undefined ? defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a whole number from 0 to 65535, not "${values.port}". ${usage}`);
const host = values.host ?? defaultHost;

let world: MockWorld = defaultWorld;
if (values.fixtures !== undefined) {
  try {
    // Loaded only when asked for, so the YAML parser is not in the start-up path.
    const { loadWorldFile } = await import('./fixtures-file.js');
    world = loadWorldFile(values.fixtures);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

const running = await startMockServer({
  world,
  host,
  port,
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(`port ${port} on ${host} is in use: stop what holds it or pass --port <another>.`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') fail(`cannot listen on host "${host}": pass --host 127.0.0.1.`);
  fail(`cannot start: ${error.message}`);
});

const tokens = world.tokens.map((token) => `  Authorization: Bearer ${token}`).join('\n');
const workspaces = Object.entries(world.workspaces)
  .map(([name, dashboards]) => `  ${name} (${dashboards.length} dashboards)`)
  .join('\n');
console.log(`Databrain mock listening on ${running.url}
  POST ${running.url}${dashboardsPath}
  GET  ${running.url}/__health
Tokens the mock accepts:
${tokens}
Workspaces:
${workspaces}
Scenarios: send Prefer: code=500 | code=400, example=workspaceIdError | delay=800 | fail=network`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
