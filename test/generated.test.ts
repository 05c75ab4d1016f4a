import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAll, staleFiles } from '../spec/generate.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'dck-generated-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** The options `npm run generate` passes to openapi-typescript, read from package.json. */
function typegenArgs(specPath: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = pkg.scripts['generate']?.split('&&')[0]?.trim().split(/\s+/) ?? [];
  return command.slice(1).map((arg) => (arg === 'spec/openapi.yaml' ? specPath : arg));
}

async function outcome(file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe.concurrent('the generated files', () => {
  it('has types that match the spec', async () => {
    expect(await outcome(bin('openapi-typescript'), [...typegenArgs('spec/openapi.yaml'), '--check'])).toMatchObject({
      code: 0,
    });
  });

  it('fails the type check when the spec changed without regenerating', async () => {
    const changed = join(scratch, 'openapi.yaml');
    const text = readFileSync(join(root, 'spec/openapi.yaml'), 'utf8');
    writeFileSync(
      changed,
      text.replace('externalDashboardId:\n          type: string', 'externalDashboardId:\n          type: integer'),
    );
    const result = await outcome(bin('openapi-typescript'), [...typegenArgs(changed), '--check']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Generated types are not up-to-date');
  });

  it('has a spec module, operations and validators that match the spec', () => {
    expect(staleFiles(renderAll(readFileSync(join(root, 'spec/openapi.yaml'), 'utf8')))).toEqual([]);
  });

  it('says in one line which files are stale, through the command npm run generate:check runs', async () => {
    const changed = join(scratch, 'openapi-renamed.yaml');
    copyFileSync(join(root, 'spec/openapi.yaml'), changed);
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('x-page-size: 10', 'x-page-size: 20'));
    const result = await outcome(bin('tsx'), ['spec/generate.ts', changed, '--check']);
    expect(result).toEqual({
      code: 1,
      output:
        'src/generated/spec.ts, src/generated/operations.ts are stale: run `npm run generate` and commit the result.\n',
    });
  });
});
