/**
 * `npm run check:package`: the package as npm would publish it. Builds, packs into a temporary
 * directory, then checks the tarball: publint, Are the Types Wrong (ESM-only profile), the file list
 * (no tests, no TypeScript sources, a file behind every `exports` and `bin` entry) and the shipped
 * pacts (no token other than the contract's placeholders). Prints one line per check and a summary,
 * exits 1 on any failure.
 *
 * The exports map and bins are read from package.json at run time; the only entry named here is
 * the YAML asset, which has no types by design.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkConsumers } from './consumer-check.js';

const run = promisify(execFile);

/** The package.json fields these checks read. */
export interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  bin?: string | Record<string, string>;
}

/** One file the package promises: where the promise is made, and the file it names. */
export interface EntryTarget {
  label: string;
  target: string;
}

/** The export of a YAML asset: no types to resolve, so Are the Types Wrong may not judge it. */
export const excusedTypesEntrypoint = './spec/openapi.yaml';

/** The resolution modes the ESM-only profile of Are the Types Wrong leaves out. */
const esmOnlyIgnoredResolutions: readonly string[] = ['node10', 'node16-cjs'];

function conditionLabel(label: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${label}.${key}` : `${label}[${JSON.stringify(key)}]`;
}

function collectTargets(value: unknown, label: string, out: EntryTarget[]): void {
  if (typeof value === 'string') {
    out.push({ label, target: value });
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      collectTargets(item, `${label}[${index}]`, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectTargets(item, conditionLabel(label, key), out);
  }
  // null blocks a subpath: nothing to ship.
}

/** Every file named by `exports` (through all conditions), `bin`, `main` and `types`. */
export function entryTargets(pkg: PackageJson): EntryTarget[] {
  const out: EntryTarget[] = [];
  collectTargets(pkg.exports, 'exports', out);
  if (typeof pkg.bin === 'string') out.push({ label: 'bin', target: pkg.bin });
  else if (pkg.bin) collectTargets(pkg.bin, 'bin', out);
  for (const field of ['main', 'types', 'typings'] as const) {
    const target = pkg[field];
    if (typeof target === 'string') out.push({ label: field, target });
  }
  return out;
}

function normalise(file: string): string {
  return path.posix.normalize(file).replace(/^\.\//, '');
}

function patternMatcher(target: string): RegExp {
  const escaped = normalise(target)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${escaped}$`);
}

/** Entries whose file is not in the tarball. */
export function checkEntryTargets(files: readonly string[], pkg: PackageJson): string[] {
  const present = new Set(files.map(normalise));
  const problems: string[] = [];
  for (const { label, target } of entryTargets(pkg)) {
    const found = target.includes('*')
      ? [...present].some((file) => patternMatcher(target).test(file))
      : present.has(normalise(target));
    if (!found) {
      problems.push(
        `${label}: ${target} is missing from the tarball; point the entry at a built file or add the file to "files"`,
      );
    }
  }
  return problems;
}

const testDirectories = new Set(['test', 'tests', '__tests__']);

/** Test files and test directories in the list. */
export function findTestFiles(files: readonly string[]): string[] {
  return files
    .map(normalise)
    .filter((file) => {
      const segments = file.split('/');
      const base = segments.at(-1) ?? '';
      return segments.slice(0, -1).some((segment) => testDirectories.has(segment)) || /\.(test|spec)(-d)?\./.test(base);
    })
    .map((file) => `test file in the tarball: ${file}; leave it out of "files" and tsconfig.build.json`);
}

/** TypeScript sources (not declarations) in the list. */
export function findTypeScriptSources(files: readonly string[]): string[] {
  return files
    .map(normalise)
    .filter((file) => /\.[cm]?tsx?$/.test(file) && !/\.d\.[cm]?ts$/.test(file))
    .map((file) => `TypeScript source in the tarball: ${file}; ship only the built .js and .d.ts files`);
}

/**
 * Built files whose source is gone: tsc leaves the output of a deleted or renamed module in dist/,
 * and npm would publish it. `sourceExists` answers for a path relative to the package root.
 */
export function findStaleBuildOutput(files: readonly string[], sourceExists: (file: string) => boolean): string[] {
  return files
    .map(normalise)
    .filter((file) => {
      const built = /^dist\/(.+?)(\.d\.ts|\.js\.map|\.js)$/.exec(file);
      const base = built?.[1];
      return base !== undefined && !['.ts', '.tsx', '.js'].some((extension) => sourceExists(base + extension));
    })
    .map((file) => `stale build output in the tarball: ${file} has no source; delete dist/ and build again`);
}

/** Every file-list problem of a tarball: test files, TypeScript sources, missing entry targets. */
export function checkTarballFiles(files: readonly string[], pkg: PackageJson): string[] {
  return [...findTestFiles(files), ...findTypeScriptSources(files), ...checkEntryTargets(files, pkg)];
}

const uuidLike = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const bearerValue = /^Bearer\s+(\S+)$/i;

/**
 * Token-like values in a pact: an `Authorization` value that is not `Bearer <placeholder>`, a
 * UUID-like value in an `Authorization` header, or any `Bearer <token>` string whose token is not a
 * placeholder. The problems name where the value is, never the value.
 */
export function checkPactTokens(fileName: string, pact: unknown, placeholders: readonly string[]): string[] {
  const problems = new Set<string>();
  const fix = 'record the pact again with the placeholder tokens of contracts/states.ts';

  const checkAuthorization = (value: string, where: string): void => {
    const bearer = bearerValue.exec(value.trim());
    if (uuidLike.test(value)) problems.add(`${fileName}: ${where} holds a UUID-like token; ${fix}`);
    else if (!bearer) problems.add(`${fileName}: ${where} is not "Bearer <placeholder>"; ${fix}`);
  };

  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      const bearer = bearerValue.exec(value.trim());
      if (bearer?.[1] !== undefined && !placeholders.includes(bearer[1])) {
        problems.add(`${fileName}: ${where} holds a bearer token that is not a placeholder; ${fix}`);
      }
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        walk(item, `${where}[${index}]`);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = where ? `${where}.${key}` : key;
        if (key.toLowerCase() === 'authorization') {
          const values: unknown[] = Array.isArray(item) ? item : [item];
          values.forEach((entry, index) => {
            if (typeof entry === 'string') checkAuthorization(entry, Array.isArray(item) ? `${at}[${index}]` : at);
          });
        }
        walk(item, at);
      }
    }
  };

  walk(pact, '');
  return [...problems];
}

/** One problem of the Are the Types Wrong JSON output, as far as these checks read it. */
interface AttwProblem {
  kind: string;
  entrypoint?: string;
  resolutionKind?: string;
  fileName?: string;
}

/** The problems of `attw --format json` output that fail the ESM-only profile, less the excused entry. */
export function attwFailures(output: unknown): { failures: string[]; excused: number } {
  const analysis = (output as { analysis?: { types?: unknown; problems?: AttwProblem[] } } | null)?.analysis;
  if (!analysis) return { failures: ['Are the Types Wrong gave no analysis; run it by hand to see why'], excused: 0 };
  if (!analysis.types) return { failures: ['Are the Types Wrong found no types; ship the .d.ts files'], excused: 0 };
  const failures: string[] = [];
  let excused = 0;
  for (const problem of analysis.problems ?? []) {
    if (problem.resolutionKind !== undefined && esmOnlyIgnoredResolutions.includes(problem.resolutionKind)) continue;
    if (problem.entrypoint === excusedTypesEntrypoint) {
      excused += 1;
      continue;
    }
    const where = [problem.entrypoint ?? problem.fileName, problem.resolutionKind].filter(Boolean).join(' ');
    failures.push(
      `Are the Types Wrong: ${problem.kind} at ${where || 'the package'}; run npx attw on the tarball for details`,
    );
  }
  return { failures, excused };
}

/** The bare package name of an import specifier (`@scope/name/sub` is `@scope/name`), or undefined for a relative one. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** A module started by path, as a child process or worker: `new URL('./name…', import.meta.url)`. */
const startedPattern = /new URL\(\s*[`'"](\.\/[\w-]+)/g;

/** The specifiers a built module imports (static, re-exports, literal dynamic imports, modules it starts). */
export function importsOf(source: string): string[] {
  const imported = [...source.matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
  const started = [...source.matchAll(startedPattern)].map((match) => `${match[1] ?? ''}.js`);
  return [...imported, ...started];
}

/** A module compiled from types alone: its JavaScript exports nothing (its .d.ts is what ships). */
function isTypeOnly(source: string): boolean {
  return source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() === 'export {};';
}

/**
 * The built modules no entry reaches (test-only or dead code), and the packages a reached module
 * imports that a user does not get (neither a dependency, a peer nor a Node built-in).
 * `modules` maps each dist/ .js file to its source.
 */
export function checkModuleGraph(
  modules: ReadonlyMap<string, string>,
  entries: readonly string[],
  allowed: ReadonlySet<string>,
): string[] {
  const reached = new Set<string>();
  const problems: string[] = [];
  const visit = (file: string, from?: string): void => {
    if (reached.has(file)) return;
    if (!modules.has(file)) {
      if (from !== undefined) problems.push(`${from} imports ${file}, which is not in the tarball`);
      return;
    }
    reached.add(file);
    for (const specifier of importsOf(modules.get(file) ?? '')) {
      const name = packageOf(specifier);
      if (name === undefined) visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)), file);
      else if (!allowed.has(name) && !specifier.startsWith('node:') && !builtinModules.includes(name)) {
        problems.push(
          `${file} imports ${name}, which a user does not get: make it a dependency or a peer, or keep the module out of dist/`,
        );
      }
    }
  };
  for (const entry of entries) visit(normalise(entry));
  for (const [file, source] of modules) {
    if (!reached.has(file) && !isTypeOnly(source))
      problems.push(`${file} is reached from no entry (test-only or dead code): leave it out of tsconfig.build.json`);
  }
  return problems;
}

/** The one-line reading of the Are the Types Wrong analysis, or why it could not be read. */
async function typesAnalysis(tarball: Uint8Array): Promise<{ failures: string[]; excused: number }> {
  try {
    const { checkPackage, createPackageFromTarballData } = await import('@arethetypeswrong/core');
    return attwFailures({ analysis: await checkPackage(createPackageFromTarballData(tarball)) });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { failures: [`Are the Types Wrong could not read the tarball: ${reason}`], excused: 0 };
  }
}

// ---------------------------------------------------------------------------------------------
// The run over the real package.

const root = fileURLToPath(new URL('../..', import.meta.url));

interface CheckResult {
  name: string;
  detail: string;
  problems: string[];
}

function report(result: CheckResult): void {
  const status = result.problems.length === 0 ? 'ok  ' : 'FAIL';
  console.log(`${status} ${result.name}: ${result.detail}`);
  for (const problem of result.problems) console.log(`     - ${problem}`);
}

async function command(file: string, args: string[], cwd: string): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(file, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number | string };
    if (failed.stderr) process.stderr.write(failed.stderr);
    return { stdout: failed.stdout ?? '', code: typeof failed.code === 'number' ? failed.code : 1 };
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Builds dist/ unless `--built` says it was built just before (as `npm test` does). */
async function buildStep(built: boolean): Promise<CheckResult> {
  if (built) return { name: 'build', detail: 'built before (--built)', problems: [] };
  const build = await command(npm, ['run', 'build', '--silent'], root);
  // tsc reports compile errors on stdout.
  if (build.code !== 0) process.stderr.write(build.stdout);
  return {
    name: 'build',
    detail: build.code === 0 ? 'npm run build' : `npm run build exited ${build.code}`,
    problems: build.code === 0 ? [] : ['the build failed; fix the errors it printed above'],
  };
}

/** Packs into `packDir`; the tarball's path, or undefined when npm pack failed. */
async function packStep(packDir: string): Promise<{ result: CheckResult; tarball?: string }> {
  // The build ran before: --ignore-scripts keeps prepack from building a second time.
  const pack = await command(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], root);
  let packed: { filename?: string; size?: number }[];
  try {
    packed = pack.code === 0 ? (JSON.parse(pack.stdout) as typeof packed) : [];
  } catch {
    packed = [];
  }
  const first = packed[0];
  if (first?.filename === undefined) {
    return {
      result: {
        name: 'pack',
        detail: 'npm pack failed',
        problems: ['npm pack failed; run npm pack --dry-run to see why'],
      },
    };
  }
  const size = String(Math.round((first.size ?? 0) / 1024));
  return {
    result: { name: 'pack', detail: `${first.filename} (${size} KiB)`, problems: [] },
    tarball: path.join(packDir, first.filename),
  };
}

async function publintStep(tarball: Uint8Array): Promise<CheckResult> {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const lint = await publint({ pack: { tarball: tarball.slice().buffer }, level: 'suggestion' });
  const text = (message: (typeof lint.messages)[number]): string =>
    formatMessage(message, lint.pkg, { color: false }) ?? message.code;
  const blocking = lint.messages.filter((message) => message.type !== 'suggestion');
  const suggestions = lint.messages.filter((message) => message.type === 'suggestion');
  for (const message of suggestions) console.log(`     suggestion: ${text(message)}`);
  return {
    name: 'publint',
    detail: `${blocking.length === 0 ? 'no errors or warnings' : `${blocking.length} errors or warnings`}, ${suggestions.length} suggestions`,
    problems: blocking.map((message) => `publint ${message.type}: ${text(message)}`),
  };
}

async function typesStep(tarball: Uint8Array): Promise<CheckResult> {
  const { failures, excused } = await typesAnalysis(tarball);
  return {
    name: 'types (attw, esm-only)',
    detail: `${failures.length} problems, ${excused} excused on ${excusedTypesEntrypoint}`,
    problems: failures,
  };
}

function fileSteps(files: readonly string[], pkg: PackageJson): CheckResult[] {
  const targets = entryTargets(pkg);
  return [
    { name: 'no test files', detail: `${files.length} files listed`, problems: findTestFiles(files) },
    { name: 'no TypeScript sources', detail: 'only .js and .d.ts', problems: findTypeScriptSources(files) },
    {
      name: 'no stale build output',
      detail: 'every dist/ file has a source',
      problems: findStaleBuildOutput(files, (file) => existsSync(path.join(root, file))),
    },
    {
      name: 'entry targets',
      detail: `${targets.length} exports, bin, main and types targets`,
      problems: checkEntryTargets(files, pkg),
    },
  ];
}

/** The names a user of the package gets: its dependencies and peers. */
function packagesUsersGet(pkg: PackageJson & { dependencies?: object; peerDependencies?: object }): Set<string> {
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
}

async function moduleGraphStep(extracted: string, files: readonly string[], pkg: PackageJson): Promise<CheckResult> {
  const built = files.filter((file) => file.startsWith('dist/') && file.endsWith('.js'));
  const modules = new Map<string, string>();
  for (const file of built) modules.set(file, await readFile(path.join(extracted, file), 'utf8'));
  const entries = entryTargets(pkg)
    .map(({ target }) => normalise(target))
    .filter((target) => target.endsWith('.js'));
  return {
    name: 'module graph',
    detail: `${modules.size} built modules, each reached from an entry, importing only what users get`,
    problems: checkModuleGraph(modules, entries, packagesUsersGet(pkg)),
  };
}

async function pactStep(tarball: string, files: readonly string[], packDir: string): Promise<CheckResult> {
  const { placeholderToken, invalidToken } = await import('../../contracts/states.js');
  const pactFiles = files.filter((file) => /^contracts\/pacts\/[^/]+\.json$/.test(file));
  const problems: string[] = [];
  for (const file of pactFiles) {
    const { stdout } = await command('tar', ['-xOzf', tarball, `package/${file}`], packDir);
    try {
      problems.push(...checkPactTokens(file, JSON.parse(stdout), [placeholderToken, invalidToken]));
    } catch {
      problems.push(`${file}: not valid JSON; record the pact again with npm run pacts`);
    }
  }
  return { name: 'pacts', detail: `${pactFiles.length} pact file(s), placeholder tokens only`, problems };
}

/** Every check of the tarball after it was packed. */
async function tarballSteps(tarball: string, packDir: string, check: (result: CheckResult) => void): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  const data = new Uint8Array(await readFile(tarball));
  const listing = await command('tar', ['-tzf', tarball], packDir);
  const files = listing.stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  // Unpacked where a consumer's install would put it, so its own imports resolve from the consumer.
  const extracted = path.join(packDir, 'consumer', 'node_modules', 'databrain-contract-kit');
  await mkdir(extracted, { recursive: true });
  await command('tar', ['-xzf', tarball, '--strip-components=1', '-C', extracted], packDir);

  check(await publintStep(data));
  check(await typesStep(data));
  for (const result of fileSteps(files, pkg)) check(result);
  check(await moduleGraphStep(extracted, files, pkg));
  check(await pactStep(tarball, files, packDir));
  for (const result of await checkConsumers(root, path.join(packDir, 'consumer'))) check(result);
}

async function main(): Promise<number> {
  const results: CheckResult[] = [];
  const check = (result: CheckResult): void => {
    results.push(result);
    report(result);
  };
  const packDir = await mkdtemp(path.join(tmpdir(), 'check-package-'));
  try {
    check(await buildStep(process.argv.includes('--built')));
    const packed = results.every((result) => result.problems.length === 0) ? await packStep(packDir) : undefined;
    if (packed) check(packed.result);
    if (packed?.tarball !== undefined) await tarballSteps(packed.tarball, packDir, check);
  } finally {
    await rm(packDir, { recursive: true, force: true });
  }
  const failed = results.filter((result) => result.problems.length > 0);
  console.log(
    failed.length === 0
      ? `check:package: all ${results.length} checks passed`
      : `check:package: ${failed.length} of ${results.length} checks failed (${failed.map((r) => r.name).join(', ')})`,
  );
  return failed.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
