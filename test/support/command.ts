/**
 * How the tests start the kit's commands in a child process: the built file, which is what the
 * package's bins run, when the last build is newer than every source file (npm test builds first);
 * otherwise the TypeScript source through tsx, so that a test never runs code older than the
 * source. A built command starts in about half the CPU of one run through tsx. `npm run build`
 * writes dist/.built when it has written everything else.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const stamp = join(root, 'dist/.built');

/** Whether dist/ holds a finished build of the current source: no source file changed after it. */
function buildIsCurrent(): boolean {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return ['src', 'mocks', 'contracts'].every((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[jt]s$/.test(file) && !file.endsWith('.test.ts'))
      .every((file) => statSync(join(root, folder, file)).mtimeMs <= built),
  );
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
