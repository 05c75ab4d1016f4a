/**
 * `npm run size`: the package as a user gets it. Packs it, installs the tarball into an empty
 * project with default npm flags (no optional peer), and reports:
 *   - what the install adds (bytes, packages, native binaries);
 *   - the gzip size of `createDatabrainClient` bundled for a browser (esbuild, minified), beside
 *     openapi-fetch alone, and whether the bundle holds `new Function` or `eval`;
 *   - that every entry except the msw ones loads without msw, the drift entry exports the check as
 *     a function, `databrain-drift` without Pact exits 2 naming it, and `databrain-mock --help`
 *     names the command.
 * `--json FILE` writes the figures. Exits 1 when a goal is missed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/** The goals the package is held to. */
const goals = { installBytes: 5 * 1024 * 1024, clientGzipBytes: 8 * 1024 };

interface Walk {
  bytes: number;
  nativeFiles: string[];
}

function walk(dir: string, into: Walk = { bytes: 0, nativeFiles: [] }): Walk {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) walk(path, into);
    else {
      into.bytes += statSync(path).size;
      if (/\.(node|so)(\.\d+)*$/.test(entry.name)) into.nativeFiles.push(path);
    }
  }
  return into;
}

async function gzipBundle(project: string, source: string): Promise<{ bytes: number; gzip: number; evals: string[] }> {
  const result = await build({
    stdin: { contents: source, resolveDir: project, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const evals = ['new Function', 'eval('].filter((word) => code.includes(word));
  return { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, evals };
}

async function outcome(
  file: string,
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: { PATH: process.env['PATH'] ?? '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const scratch = mkdtempSync(join(tmpdir(), 'dck-consumer-'));
const problems: string[] = [];
const lines: string[] = [];
const check = (ok: boolean, line: string): void => {
  lines.push(`${ok ? 'ok  ' : 'FAIL'}  ${line}`);
  if (!ok) problems.push(line);
};

try {
  const { stdout: packed } = await run('npm', ['pack', '--pack-destination', scratch, '--json', '--silent'], {
    cwd: root,
  });
  const tarball = join(scratch, (JSON.parse(packed) as { filename: string }[])[0]?.filename ?? '');
  const project = join(scratch, 'app');
  await run('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }),
  );
  await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--silent'], { cwd: project });

  const installed = walk(join(project, 'node_modules'));
  const packages = Object.keys(
    (
      JSON.parse(readFileSync(join(project, 'node_modules', '.package-lock.json'), 'utf8')) as {
        packages: Record<string, unknown>;
      }
    ).packages,
  ).length;
  check(
    installed.bytes <= goals.installBytes,
    `default install adds ${mb(installed.bytes)} in ${packages} packages (goal <= ${mb(goals.installBytes)})`,
  );
  check(
    installed.nativeFiles.length === 0,
    `native binaries installed: ${installed.nativeFiles.length === 0 ? 'none' : installed.nativeFiles.join(', ')}`,
  );

  const client = await gzipBundle(project, "export { createDatabrainClient } from 'databrain-contract-kit';");
  const fetchOnly = await gzipBundle(project, "export { default } from 'openapi-fetch';");
  check(
    client.gzip <= goals.clientGzipBytes,
    `client bundle: ${kb(client.gzip)} gzip (${kb(client.bytes)} minified; goal <= ${kb(goals.clientGzipBytes)}); openapi-fetch alone: ${kb(fetchOnly.gzip)} gzip`,
  );
  check(
    client.evals.length === 0,
    `client bundle compiles no code at run time: ${client.evals.length === 0 ? 'no new Function, no eval' : client.evals.join(', ')}`,
  );

  const loads = await outcome(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const entries = ['databrain-contract-kit', 'databrain-contract-kit/mocks', 'databrain-contract-kit/mocks/http', 'databrain-contract-kit/drift'];
       for (const entry of entries) await import(entry);
       const drift = await import('databrain-contract-kit/drift');
       const msw = await import('databrain-contract-kit/mocks/node').then(() => 'loaded', (error) => error.message);
       console.log(typeof drift.runDatabrainDriftCheck, msw);`,
    ],
    project,
  );
  check(
    loads.stdout.trim().startsWith("function Cannot find package 'msw' imported from "),
    `without msw: the client, mocks, mocks/http and drift entries load; drift exports runDatabrainDriftCheck as a function; mocks/node fails naming the missing msw (${loads.stdout.trim() || loads.stderr.trim().split('\n')[0]})`,
  );

  const bin = (name: string): string => join(project, 'node_modules', '.bin', name);
  const drift = await outcome(bin('databrain-drift'), [], project);
  const driftWithEnv = await run(bin('databrain-drift'), ['--base-url', 'http://127.0.0.1:9'], {
    cwd: project,
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABRAIN_SERVICE_TOKEN: '5f0c1e9a-7b3d-4c2e-9a8f-0d1e2f3a4b5c',
      DATABRAIN_WORKSPACE: 'my-workspace',
    },
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: unknown) => {
      const failed = error as { code?: number; stderr?: string };
      return { code: failed.code ?? -1, stderr: failed.stderr ?? '' };
    },
  );
  const driftLine = driftWithEnv.stderr.trim();
  check(
    drift.code === 2 &&
      driftWithEnv.code === 2 &&
      driftLine.split('\n').length === 1 &&
      driftLine.includes('@pact-foundation/pact'),
    `databrain-drift without Pact: exit ${driftWithEnv.code}, "${driftLine}"`,
  );
  const help = await outcome(bin('databrain-mock'), ['--help'], project);
  check(
    help.code === 0 && help.stdout.startsWith('Usage: databrain-mock'),
    `databrain-mock --help: "${help.stdout.split('\n')[0] ?? ''}"`,
  );

  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) {
    const figures = {
      install: { bytes: installed.bytes, packages, native_files: installed.nativeFiles.length },
      client: { gzip_bytes: client.gzip, minified_bytes: client.bytes, evals: client.evals },
      openapi_fetch: { gzip_bytes: fetchOnly.gzip },
    };
    writeFileSync(process.argv[jsonAt + 1] ?? '', `${JSON.stringify(figures, null, 2)}\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(lines.join('\n'));
console.log(
  problems.length === 0 ? 'The package as a user installs it meets every goal.' : `${problems.length} goal(s) missed.`,
);
process.exit(problems.length === 0 ? 0 : 1);
