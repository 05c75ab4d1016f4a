/**
 * How the tests start the kit's commands in a child process: the built file, which is what the
 * package's bins run, when every built file is as new as its source (npm test builds first);
 * otherwise the TypeScript source through tsx, so that a test never runs code older than the
 * source. A built command starts in about half the CPU of one run through tsx.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** The folders the build compiles, and the ones in them it leaves out. */
const built = ['src', 'mocks', 'contracts'];
const notBuilt = /(^|\/)(example\/|.*\.test\.ts$|.*\.d\.ts$)/;

/** Whether dist/ holds a build of the current source: each compiled file no older than its source. */
function buildIsCurrent(): boolean {
  for (const folder of built) {
    for (const file of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      const source = join(folder, file);
      if (!/\.[jt]s$/.test(file) || notBuilt.test(source)) continue;
      const output = join(root, 'dist', source.replace(/\.ts$/, '.js'));
      if (existsSync(output) && statSync(output).mtimeMs < statSync(join(root, source)).mtimeMs) return false;
    }
  }
  return true;
}

let current: boolean | undefined;

/** The file that runs a source file of the kit (`mocks/cli.ts`): its build, or the source when the build is missing or older. */
export function kitFile(source: string): string {
  current ??= buildIsCurrent();
  const output = join(root, 'dist', source.replace(/\.ts$/, '.js'));
  return current && existsSync(output) ? output : join(root, source);
}

/** The arguments for `node` that run a source file of the kit: its build, or the source through tsx. */
export function nodeArgsFor(source: string): string[] {
  const file = kitFile(source);
  return file.endsWith('.ts') ? ['--import', 'tsx', file] : [file];
}
