/**
 * `npm run test:consumers`: the packed kit installed into fresh projects, as users install it, with
 * each end of every peer range: msw 2.10.5 and the newest msw 3, Pact 16.5.0 and the newest Pact 17.
 * Each install must print no ERESOLVE and no peer warning (and needs no `--legacy-peer-deps`); in
 * each msw project the README's msw setup runs under vitest and fails an unmocked request, and every
 * entry loads with `require()`; in each Pact project the drift check passes against the local mock;
 * on Node 24.9 or newer, the README's Jest 30 setup runs too.
 * Prints a line per check and `N passed, N failed`; `--json FILE` writes the counts. Exits 1 on a failure.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Outcome {
  readonly name: string;
  readonly problems: readonly string[];
}

interface Project {
  readonly name: string;
  /** What the user adds beside the kit. */
  readonly packages: readonly string[];
  /** What the README tells the user to put in package.json for this use. */
  readonly packageJson?: Record<string, unknown>;
  readonly checks: (dir: string) => Promise<Outcome[]>;
}

async function exec(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(file, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      maxBuffer: 32 * 1024 * 1024,
      timeout: 300_000,
    });
    return { code: 0, stdout, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      output: `${failed.stdout ?? ''}${failed.stderr ?? failed.message}`,
    };
  }
}

/** npm install of the tarball and the packages; what it printed that a user would read as a peer problem. */
async function install(dir: string, tarball: string, project: Project): Promise<Outcome> {
  const { packages } = project;
  const manifest = { name: 'consumer', private: true, type: 'module', ...project.packageJson };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest));
  const { code, output } = await exec('npm', ['install', '--no-audit', '--no-fund', tarball, ...packages], dir);
  const peerLines = output
    .split('\n')
    .filter((line) => /ERESOLVE|peer dep|Could not resolve|conflicting peer/i.test(line));
  const tail = output.trim().split('\n').slice(-6).join(' | ');
  const problems = code === 0 ? peerLines : [`npm install exited ${code}: ${tail}`];
  return { name: `npm install ${packages.join(' ')} beside the kit, no peer warning`, problems };
}

/** The README's msw setup (test/readme/, which the README test holds equal to the README), for one msw major. */
async function readmeSetup(mswMajor: 2 | 3): Promise<string> {
  const setup = await readFile(path.join(root, 'test/readme/vitest.setup.ts'), 'utf8');
  // As the README's comment says: msw 2 names the option onUnhandledRequest.
  return mswMajor === 3 ? setup : setup.replace("onUnhandledFrame: 'error'", "onUnhandledRequest: 'error'");
}

const strictnessTest = `import { createServer } from 'node:http';
import { createDatabrainClient } from 'databrain-contract-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import './vitest.setup.js';

// A real server that would answer 200: only the setup's strictness can make the request fail.
const real = createServer((_request, response) => response.end('real'));
beforeAll(() => new Promise<void>((resolve) => real.listen(0, '127.0.0.1', () => resolve())));
afterAll(() => new Promise<void>((resolve) => real.close(() => resolve())));

it('answers the seeded workspace through the msw setup', async () => {
  const client = createDatabrainClient({ token: 'dbn-dev-token' });
  expect(await client.listDashboardsPage('my-workspace', 3)).toHaveLength(3);
});

it('fails a request nothing mocks', async () => {
  const address = real.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await expect(fetch('http://127.0.0.1:' + port + '/unmocked')).rejects.toThrow();
});
`;

async function mswSetupCheck(dir: string, mswMajor: 2 | 3): Promise<Outcome> {
  await writeFile(path.join(dir, 'vitest.setup.ts'), await readmeSetup(mswMajor));
  await writeFile(path.join(dir, 'strict.test.ts'), strictnessTest);
  const { code, output } = await exec(path.join(dir, 'node_modules/.bin/vitest'), ['run', '--reporter=dot'], dir);
  const passed = /Tests\s+2 passed \(2\)/.test(output);
  return {
    name: `the README's msw setup answers the mock and fails an unmocked request (msw ${mswMajor})`,
    problems: code === 0 && passed ? [] : [`vitest exited ${code}: ${output.trim().split('\n').slice(-8).join(' | ')}`],
  };
}

const jestTest = `const { createServer } = require('node:http');
const { createDatabrainClient } = require('databrain-contract-kit');
const { databrainScenario } = require('databrain-contract-kit/mocks/node');
const { databrain } = require('./jest.setup.cjs');

const real = createServer((_request, response) => response.end('real'));
beforeAll(() => new Promise((resolve) => real.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise((resolve) => real.close(resolve)));
const client = createDatabrainClient({ token: 'dbn-dev-token' });

test('answers the seeded workspace', async () => {
  expect((await client.listDashboardsPage('my-workspace', 3)).length).toBe(3);
});

test('answers a scenario', async () => {
  databrain.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR' }));
  await expect(client.listDashboards('my-workspace')).rejects.toMatchObject({ code: 'WORKSPACE_ID_ERROR' });
});

test('fails a request nothing mocks', async () => {
  await expect(fetch('http://127.0.0.1:' + real.address().port + '/unmocked')).rejects.toThrow();
});
`;

/** The README's Jest recipe: its setup file, run as the README says. */
async function jestCheck(dir: string): Promise<Outcome> {
  await writeFile(
    path.join(dir, 'jest.setup.cjs'),
    await readFile(path.join(root, 'test/readme/jest.setup.cjs'), 'utf8'),
  );
  await writeFile(path.join(dir, 'kit.test.cjs'), jestTest);
  const args = ['--setupFilesAfterEnv', './jest.setup.cjs', '--testMatch', '**/*.test.cjs'];
  const env = { NODE_OPTIONS: '--experimental-vm-modules' };
  const { code, output } = await exec(path.join(dir, 'node_modules/.bin/jest'), args, dir, env);
  const passed = /Tests:\s+3 passed, 3 total/.test(output);
  return {
    name: `the README's Jest setup answers the mock, a scenario, and fails an unmocked request (Node ${process.versions.node})`,
    problems: code === 0 && passed ? [] : [`jest exited ${code}: ${output.trim().split('\n').slice(-8).join(' | ')}`],
  };
}

/** Jest needs vm.SourceTextModule's hasAsyncGraph (Node 24.9+) to require() ESM. */
const [nodeMajor = 0, nodeMinor = 0] = process.versions.node.split('.').map(Number);
const jestCanRequireEsm = nodeMajor > 24 || (nodeMajor === 24 && nodeMinor >= 9);

const entries = [
  'databrain-contract-kit',
  'databrain-contract-kit/mocks',
  'databrain-contract-kit/mocks/node',
  'databrain-contract-kit/mocks/http',
  'databrain-contract-kit/drift',
];

async function requireCheck(dir: string): Promise<Outcome> {
  const source = `const loaded = ${JSON.stringify(entries)}.map((entry) => Object.keys(require(entry)).length);
console.log(loaded.every((count) => count > 0) ? 'ok' : 'empty: ' + loaded.join(','));`;
  await writeFile(path.join(dir, 'require.cjs'), source);
  const { code, output } = await exec(process.execPath, ['require.cjs'], dir);
  return {
    name: `require() of every entry from CommonJS (Node ${process.versions.node})`,
    problems:
      code === 0 && output.trim() === 'ok' ? [] : [`require.cjs: ${output.trim().split('\n').slice(0, 3).join(' | ')}`],
  };
}

const driftScript = `import { spawn } from 'node:child_process';
import { startDatabrainMockServer } from 'databrain-contract-kit/mocks/http';
const mock = await startDatabrainMockServer({ port: 0, log: () => undefined });
const child = spawn('node_modules/.bin/databrain-drift', ['--base-url', mock.url], {
  env: { ...process.env, DATABRAIN_SERVICE_TOKEN: 'dbn-dev-token', DATABRAIN_WORKSPACE: 'my-workspace' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
const code = await new Promise((resolve) => child.once('exit', resolve));
await mock.close();
console.log(JSON.stringify({ code, output }));
`;

async function driftCheck(dir: string, pact: string): Promise<Outcome> {
  await writeFile(path.join(dir, 'drift.mjs'), driftScript);
  const { output } = await exec(process.execPath, ['drift.mjs'], dir);
  let result: { code?: number; output?: string };
  try {
    result = JSON.parse(output.trim().split('\n').at(-1) ?? '') as typeof result;
  } catch {
    result = { output };
  }
  return {
    name: `databrain-drift passes against the local mock (${pact})`,
    problems:
      result.code === 0
        ? []
        : [`exit ${String(result.code)}: ${(result.output ?? '').trim().split('\n').slice(-6).join(' | ')}`],
  };
}

/** The README's package.json entry for the drift check: swagger-mock-validator's patch-package fails outside its repo. */
const driftPackageJson = { allowScripts: { '@pactflow/swagger-mock-validator': false } };

const projects: readonly Project[] = [
  ...(jestCanRequireEsm
    ? [{ name: 'Jest 30', packages: ['msw@3', 'jest@30'], checks: async (dir: string) => [await jestCheck(dir)] }]
    : []),
  {
    name: 'msw 3',
    packages: ['msw@3', 'vitest@5'],
    checks: async (dir) => [await mswSetupCheck(dir, 3), await requireCheck(dir)],
  },
  {
    name: 'msw 2.10.5',
    packages: ['msw@2.10.5', 'vitest@5'],
    checks: async (dir) => [await mswSetupCheck(dir, 2), await requireCheck(dir)],
  },
  {
    name: 'Pact 17',
    packages: ['@pact-foundation/pact@17', '@pactflow/swagger-mock-validator@14'],
    packageJson: driftPackageJson,
    checks: async (dir) => [await driftCheck(dir, 'Pact 17')],
  },
  {
    name: 'Pact 16.5.0',
    packages: ['@pact-foundation/pact@16.5.0', '@pactflow/swagger-mock-validator@14'],
    packageJson: driftPackageJson,
    checks: async (dir) => [await driftCheck(dir, 'Pact 16.5.0')],
  },
];

async function pack(into: string): Promise<string> {
  const { code, stdout, output } = await exec('npm', ['pack', '--json', '--pack-destination', into], root);
  if (code !== 0) throw new Error(`npm pack failed: ${output.trim().split('\n').slice(-3).join(' | ')}`);
  // prepack's build may print before npm's JSON.
  const packed = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as { filename: string }[];
  return path.join(into, packed[0]?.filename ?? '');
}

async function tryProject(project: Project, tarball: string, work: string): Promise<Outcome[]> {
  const dir = await mkdtemp(path.join(work, 'consumer-'));
  const installed = await install(dir, tarball, project);
  // An install that only printed peer warnings did install: its other checks run too.
  const failed = installed.problems.some((problem) => problem.startsWith('npm install exited'));
  const outcomes = failed ? [installed] : [installed, ...(await project.checks(dir))];
  return outcomes.map((outcome) => ({ ...outcome, name: `${project.name}: ${outcome.name}` }));
}

async function main(): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), 'kit-consumers-'));
  try {
    const tarball = await pack(work);
    const outcomes: Outcome[] = [];
    // Two projects at a time: one per core.
    for (let index = 0; index < projects.length; index += 2) {
      const batch = projects.slice(index, index + 2).map((project) => tryProject(project, tarball, work));
      for (const result of await Promise.all(batch)) outcomes.push(...result);
    }
    for (const outcome of outcomes) {
      console.log(`${outcome.problems.length === 0 ? 'ok  ' : 'FAIL'} ${outcome.name}`);
      for (const problem of outcome.problems) console.log(`     - ${problem}`);
    }
    const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
    const passed = outcomes.length - failed;
    console.log(`${passed} passed, ${failed} failed`);
    const jsonAt = process.argv.indexOf('--json');
    const file = jsonAt === -1 ? undefined : process.argv[jsonAt + 1];
    if (file !== undefined) await writeFile(path.resolve(root, file), JSON.stringify({ passed, failed }));
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
