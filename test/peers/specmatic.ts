/**
 * `npm run contract:peers`: Specmatic's contract tests, generative (resiliency) tests included, run
 * against the local mock with only what a tool cannot guess: the bearer token and one seeded
 * workspace name. Every failure must be of a class a tool cannot avoid without knowing the world (a
 * workspace name it made up); any other failure exits 1. Specmatic (an 85 MB jar, Java 17) is
 * installed on first use into a cache folder, pinned to the version below; it is no dependency of the kit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { devToken, seededWorkspaces } from '../../mocks/fixtures.js';
import { startDatabrainMockServer } from '../../mocks/http-server.js';

const run = promisify(execFile);
const version = '2.55.1';
const root = new URL('../../', import.meta.url).pathname;

/** The failure classes a tool cannot avoid, by a text of their scenario line, and why. */
const expectedClasses: readonly { readonly match: RegExp; readonly why: string }[] = [
  {
    match: /workspaceName is set to the shortest possible string/,
    why: 'a made-up one-character workspace name is no workspace of the world: 400 WORKSPACE_ID_ERROR, not 200',
  },
];

async function specmaticJar(): Promise<string> {
  const prefix = join(homedir(), '.cache', 'databrain-contract-kit', `specmatic-${version}`);
  const jar = join(prefix, 'node_modules', 'specmatic', 'specmatic.jar');
  if (!existsSync(jar)) {
    await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `specmatic@${version}`]);
  }
  return jar;
}

function contractFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dck-specmatic-'));
  writeFileSync(join(dir, 'openapi.yaml'), readFileSync(join(root, 'spec/openapi.yaml')));
  writeFileSync(
    join(dir, 'specmatic.yaml'),
    'version: 2\ncontracts:\n  - filesystem:\n      directory: .\n    provides:\n      - openapi.yaml\ntest:\n  resiliencyTests:\n    enable: all\n',
  );
  writeFileSync(
    join(dir, 'openapi_dictionary.yaml'),
    `ListDashboardsRequest.workspaceName: ${seededWorkspaces.main}\n`,
  );
  return dir;
}

async function specmatic(jar: string, dir: string, baseUrl: string): Promise<string> {
  try {
    const { stdout } = await run('java', ['-jar', jar, 'test', 'openapi.yaml', '--testBaseURL', baseUrl], {
      cwd: dir,
      env: { ...process.env, serviceToken: devToken },
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    // Specmatic exits 1 when a test fails: its output is still the report.
    return (error as { stdout?: string }).stdout ?? '';
  }
}

async function main(): Promise<number> {
  const jar = await specmaticJar();
  const dir = contractFolder();
  const mock = await startDatabrainMockServer({ port: 0 });
  try {
    const output = await specmatic(jar, dir, mock.url);
    const totals = /Tests run: (\d+), Successes: (\d+), Failures: (\d+)/.exec(output);
    if (!totals) {
      console.error(
        `contract:peers: Specmatic printed no result; its last lines: ${output.trim().split('\n').slice(-5).join(' | ')}`,
      );
      return 1;
    }
    const failed = output.split('\n').filter((line) => /Scenario: .* has FAILED/.test(line));
    const unexpected = failed.filter((line) => !expectedClasses.some(({ match }) => match.test(line)));
    console.log(`Specmatic ${version}: ${totals[1]} tests, ${totals[2]} passed, ${totals[3]} failed`);
    for (const { match, why } of expectedClasses) {
      console.log(`  ${failed.filter((line) => match.test(line)).length} expected failures: ${why}`);
    }
    for (const line of unexpected) console.log(`  UNEXPECTED: ${line.trim()}`);
    return unexpected.length === 0 ? 0 : 1;
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
