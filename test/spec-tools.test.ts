/**
 * The shipped spec as other tools read it: Redocly's strictest ruleset, and a second code generator
 * (@hey-api/openapi-ts) whose output type-checks, keeps each status's error codes apart and
 * shadows no JavaScript global.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const specPath = join(root, 'spec/openapi.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'dck-spec-tools-'));
const quiet = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function outcome(file: string, args: readonly string[], cwd = root): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: quiet });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const redocly = (spec: string) =>
  outcome(join(root, 'node_modules/.bin/redocly'), ['lint', '--extends=recommended-strict', spec], scratch);

describe.concurrent('the spec in other tools', () => {
  // That the spec passes Redocly's recommended-strict ruleset is `npm run lint`'s to hold (npm test
  // runs it); here, that the same ruleset has teeth.
  it('fails Redocly when an example breaks its schema', async () => {
    const broken = join(scratch, 'broken.yaml');
    const text = readFileSync(specPath, 'utf8');
    writeFileSync(
      broken,
      text.replace(
        'code: INVALID_DATA_APP_API_KEY\n          message: Invalid API key',
        'code: WORKSPACE_ID_ERROR\n          message: Invalid API key',
      ),
    );
    const result = await redocly(broken);
    expect([result.code, /no-invalid-media-type-examples/.test(result.output)]).toEqual([1, true]);
  });

  it('generates a client with @hey-api/openapi-ts that type-checks and keeps each status to its codes', async () => {
    const out = join(scratch, 'hey-api');
    const generated = await outcome(join(root, 'node_modules/.bin/openapi-ts'), ['-i', specPath, '-o', out]);
    expect(generated.code).toBe(0);
    writeFileSync(
      join(out, 'consumer.ts'),
      [
        "import type { ListWorkspaceDashboardsErrors, ListWorkspacesResponses } from './types.gen';",
        "export const refused: ListWorkspaceDashboardsErrors[401] = { error: { code: 'INVALID_DATA_APP_API_KEY', message: 'm' } };",
        "export const missing: ListWorkspaceDashboardsErrors[400] = { error: { code: 'WORKSPACE_ID_ERROR', message: 'm', status: 400 } };",
        "export const page: ListWorkspacesResponses[200] = { data: [{ name: 'w' }], error: null };",
        '// @ts-expect-error a 401 carries only INVALID_DATA_APP_API_KEY',
        "export const wrongCode: ListWorkspaceDashboardsErrors[401] = { error: { code: 'WORKSPACE_ID_ERROR', message: 'm' } };",
        '// @ts-expect-error an error needs its message',
        "export const noMessage: ListWorkspaceDashboardsErrors[500] = { error: { code: 'INTERNAL_SERVER_ERROR' } };",
        '',
      ].join('\n'),
    );
    const compilerOptions = {
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      module: 'ESNext',
      moduleResolution: 'Bundler',
      strict: true,
      noEmit: true,
      types: [],
    };
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['./**/*.ts'] }));
    const tsc = await outcome(process.execPath, [
      join(root, 'node_modules/typescript7/bin/tsc'),
      '-p',
      join(out, 'tsconfig.json'),
    ]);
    expect(tsc).toEqual({ code: 0, output: '' });
    const exported = [...readFileSync(join(out, 'types.gen.ts'), 'utf8').matchAll(/^export type (\w+)/gm)].map(
      (m) => m[1],
    );
    expect(exported.filter((name) => name !== undefined && name in globalThis)).toEqual([]);
  });
});
