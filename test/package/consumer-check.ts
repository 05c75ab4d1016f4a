/**
 * The unpacked tarball as a consumer's project sees it, without an install: its dependencies and
 * peers are linked from this checkout. A TypeScript consumer of every entry is type-checked with
 * TypeScript 5.9 and 7 (`skipLibCheck` off), and a CommonJS consumer requires every Node entry
 * (`mocks/browser` is for browser bundles: msw's `msw/browser` does not load in Node).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface ConsumerResult {
  name: string;
  detail: string;
  problems: string[];
}

/** What a TypeScript consumer imports: every runtime entry, with a value and a type of each. */
const typedConsumer = `import { createDatabrainClient, DatabrainError, type Dashboard, type ErrorCode } from 'databrain-contract-kit';
import { createDatabrainBehaviour, defaultDatabrainWorld, type MockReply } from 'databrain-contract-kit/mocks';
import { setupDatabrainMswServer, databrainScenario } from 'databrain-contract-kit/mocks/node';
import { setupDatabrainMswWorker } from 'databrain-contract-kit/mocks/browser';
import { startDatabrainMockServer, type RunningDatabrainMockServer } from 'databrain-contract-kit/mocks/http';
import { runDatabrainDriftCheck, type DatabrainDriftReport } from 'databrain-contract-kit/drift';

const client = createDatabrainClient({ token: () => 'token', timeoutMs: 1_000 });
export const dashboards: Promise<Dashboard[]> = client.listDashboards('my-workspace');
export const code: ErrorCode | undefined = new DatabrainError({ kind: 'aborted', message: 'm' }).code;
export const reply: MockReply['status'] = createDatabrainBehaviour(defaultDatabrainWorld).handle({
  authorization: null,
  contentType: null,
  body: '',
}).kind === 'reply' ? 200 : 500;
export const server = setupDatabrainMswServer();
export const handlers = databrainScenario({ error: 'INTERNAL_SERVER_ERROR', once: true });
export const worker = typeof setupDatabrainMswWorker;
export const running: Promise<RunningDatabrainMockServer> = startDatabrainMockServer({ port: 0 });
export const report: (options: Parameters<typeof runDatabrainDriftCheck>[0]) => Promise<DatabrainDriftReport> =
  runDatabrainDriftCheck;
`;

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    // TypeScript's own lib files are not the kit's to check; every other declaration is.
    skipDefaultLibCheck: true,
    types: ['node'],
    noEmit: true,
  },
  files: ['consumer.ts'],
};

/** What a CommonJS consumer requires: each entry, and the names it must hold. */
const requiredEntries: Record<string, readonly string[]> = {
  'databrain-contract-kit': ['createDatabrainClient', 'DatabrainError'],
  'databrain-contract-kit/mocks': ['createDatabrainBehaviour', 'defaultDatabrainWorld'],
  'databrain-contract-kit/mocks/node': ['setupDatabrainMswServer', 'databrainHandlers', 'databrainScenario'],
  'databrain-contract-kit/mocks/http': ['startDatabrainMockServer'],
  'databrain-contract-kit/drift': ['runDatabrainDriftCheck', 'writeDriftReports'],
};

const commonJsConsumer = `const entries = ${JSON.stringify(requiredEntries)};
const missing = [];
for (const [entry, names] of Object.entries(entries)) {
  const loaded = require(entry);
  for (const name of names) if (loaded[name] === undefined) missing.push(entry + ' has no ' + name);
}
console.log(JSON.stringify(missing));
`;

/** A consumer project in `dir`, around the kit unpacked in its node_modules: what the kit depends on, linked from `root`. */
async function consumerProject(root: string, dir: string): Promise<void> {
  const extracted = path.join(dir, 'node_modules', 'databrain-contract-kit');
  const pkg = JSON.parse(await readFile(path.join(extracted, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const linked = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), '@types/node'];
  await mkdir(path.join(dir, 'node_modules', '@types'), { recursive: true });
  await mkdir(path.join(dir, 'node_modules', '@pact-foundation'), { recursive: true });
  await mkdir(path.join(dir, 'node_modules', '@pactflow'), { recursive: true });
  for (const name of linked) await symlink(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await writeFile(path.join(dir, 'consumer.ts'), typedConsumer);
  await writeFile(path.join(dir, 'consumer.cjs'), commonJsConsumer);
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
}

/** Compile errors of a command, one per line of its output, or none when it exits 0. */
async function compileErrors(file: string, args: readonly string[], cwd: string): Promise<string[]> {
  try {
    await run(process.execPath, [file, ...args], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return [];
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    const lines = `${stdout}${stderr}`.split('\n').filter((line) => line.trim() !== '');
    return lines.length > 0 ? lines : [message.split('\n')[0] ?? message];
  }
}

async function typeCheck(root: string, dir: string, name: string, compiler: string): Promise<ConsumerResult> {
  const tsc = path.join(root, 'node_modules', compiler, 'bin', 'tsc');
  const version = JSON.parse(await readFile(path.join(root, 'node_modules', compiler, 'package.json'), 'utf8')) as {
    version: string;
  };
  const errors = await compileErrors(tsc, ['-p', 'tsconfig.json'], dir);
  return {
    name,
    detail: `a consumer of every entry type-checks with TypeScript ${version.version}, skipLibCheck off`,
    problems: errors.map((line) => `TypeScript ${version.version}: ${line}`),
  };
}

async function requireCheck(dir: string): Promise<ConsumerResult> {
  const name = 'require() from CommonJS';
  const detail = `${Object.keys(requiredEntries).length} entries load with require() on Node ${process.versions.node}`;
  try {
    const { stdout } = await run(process.execPath, ['consumer.cjs'], { cwd: dir });
    return { name, detail, problems: JSON.parse(stdout) as string[] };
  } catch (error) {
    const { stderr = '' } = error as { stderr?: string };
    const reason = stderr.split('\n').find((line) => /Error/.test(line)) ?? 'it exited with an error';
    return { name, detail, problems: [`require() failed: ${reason.trim()}`] };
  }
}

/** The consumer checks of the tarball unpacked in `dir`/node_modules/databrain-contract-kit. */
export async function checkConsumers(root: string, dir: string): Promise<ConsumerResult[]> {
  await consumerProject(root, dir);
  return Promise.all([
    typeCheck(root, dir, 'consumer types (TypeScript 5)', 'typescript'),
    typeCheck(root, dir, 'consumer types (TypeScript 7)', 'typescript7'),
    requireCheck(dir),
  ]);
}
