/**
 * The client as an app bundles it for a browser (esbuild, minified, from the package's client
 * entry): within its size budget, with no code compiled at run time, and still refusing every
 * answer the spec forbids. `npm run size` measures the same from the packed tarball.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createDatabrainClient as CreateClient } from '../src/index.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The budget the client is held to, gzip. */
const budgetBytes = 8 * 1024;

let code = '';
let createDatabrainClient: typeof CreateClient;

beforeAll(async () => {
  const result = await build({
    stdin: { contents: "export { createDatabrainClient } from './src/index.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]?.text ?? '';
  const file = join(scratch, 'client.mjs');
  writeFileSync(file, code);
  ({ createDatabrainClient } = (await import(pathToFileURL(file).href)) as {
    createDatabrainClient: typeof CreateClient;
  });
});

const answering = (status: number, body: unknown) =>
  createDatabrainClient({
    token: 'a-token',
    fetch: () =>
      Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
  });

describe('the client bundled for a browser', () => {
  it(`stays within ${budgetBytes / 1024} KB gzip`, () => {
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(budgetBytes);
  });

  it('compiles no code at run time', () => {
    expect(['new Function', 'eval('].filter((word) => code.includes(word))).toEqual([]);
  });

  it('carries no spec example and no closed validator', () => {
    expect(
      ['Sales Dashboard', 'allWorkspaces', '#/unevaluatedProperties', '#/additionalProperties'].filter((word) =>
        code.includes(word),
      ),
    ).toEqual([]);
  });

  it('reads a valid answer, and refuses a field of the wrong type and an undocumented error shape', async () => {
    const valid = { data: [{ name: 'A', externalDashboardId: 'a' }], error: null };
    expect(await answering(200, valid).listDashboards('w')).toEqual(valid.data);
    const wrongType = answering(200, { data: [{ name: 'A', externalDashboardId: 7 }], error: null }).listDashboards(
      'w',
    );
    await expect(wrongType).rejects.toMatchObject({
      kind: 'unexpected-response',
      message: 'Databrain answered 200 with a body the spec does not allow: /data/0/externalDashboardId must be string',
    });
    const undocumented = answering(404, { message: 'Not found' }).listWorkspaces();
    await expect(undocumented).rejects.toMatchObject({ kind: 'unexpected-response', status: 404 });
  });
});
