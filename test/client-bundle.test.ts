/**
 * The client as an app bundles it for a browser (esbuild, minified, from the package's client
 * entry): within its size budget, with no code compiled at run time, and still refusing every
 * answer the spec forbids. `npm run size` measures the same from the packed tarball.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, runInContext, type Context } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createDatabrainClient as CreateClient } from '../src/index.js';
import { operationFacts, type OperationId } from '../src/kernel/index.js';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'dck-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The budget the client is held to, gzip. */
const budgetBytes = 8 * 1024;

let code = '';
let createDatabrainClient: typeof CreateClient;

/** The client entry bundled as a browser app bundles it; `iife` assigns it to the global `kit`. */
async function bundle(format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    stdin: { contents: "export { createDatabrainClient } from './src/index.ts';", resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format,
    globalName: 'kit',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * A realm that refuses to compile code from strings, as a page under `script-src 'self'` does:
 * `eval`, `Function(...)`, `new Function` and their indirect forms throw an EvalError there. It
 * has only what a browser gives the client (fetch is the test's own).
 */
function strictRealm(): Context {
  const { Request, Response, Headers, FormData, URL, URLSearchParams, AbortController, AbortSignal, DOMException } =
    globalThis;
  return createContext(
    {
      Request,
      Response,
      Headers,
      FormData,
      URL,
      URLSearchParams,
      AbortController,
      AbortSignal,
      DOMException,
      setTimeout,
      clearTimeout,
    },
    { codeGeneration: { strings: false, wasm: false } },
  );
}

beforeAll(async () => {
  code = await bundle('esm');
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

  it('compiles no code at run time: it reads every documented answer of both operations in a realm that forbids it', async () => {
    const realm = strictRealm();
    runInContext(await bundle('iife'), realm);
    const create = (realm as { kit: { createDatabrainClient: typeof CreateClient } }).kit.createDatabrainClient;
    const outcomes = await Promise.all(
      (Object.keys(operationFacts) as OperationId[]).flatMap((operation) =>
        operationFacts[operation].examples.map(async (example) => {
          const body = JSON.stringify(example.value);
          const fetch = () =>
            Promise.resolve(
              new Response(body, { status: example.status, headers: { 'content-type': 'application/json' } }),
            );
          const client = create({ token: 'a-token', fetch });
          const call =
            operation === 'listWorkspaces' ? client.listWorkspacesPage(2) : client.listDashboardsPage('w', 2);
          const settled = await call.then(
            (data) => ({ data }),
            (error: unknown) => ({
              kind: (error as { kind?: string }).kind,
              status: (error as { status?: number }).status,
            }),
          );
          return [operation, example.name, settled];
        }),
      ),
    );
    const expected = (Object.keys(operationFacts) as OperationId[]).flatMap((operation) =>
      operationFacts[operation].examples.map((example) => [
        operation,
        example.name,
        example.status === 200
          ? { data: (example.value as { data: unknown }).data }
          : { kind: 'api', status: example.status },
      ]),
    );
    expect(outcomes).toEqual(expected);
  });

  it('refuses, in that realm too, a field of the wrong type, an undocumented error and a page number the spec does not allow', async () => {
    const realm = strictRealm();
    runInContext(await bundle('iife'), realm);
    const create = (realm as { kit: { createDatabrainClient: typeof CreateClient } }).kit.createDatabrainClient;
    const answering = (status: number, body: unknown) =>
      create({
        token: 'a-token',
        fetch: () =>
          Promise.resolve(
            new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
          ),
      });
    const settle = (call: Promise<unknown>) =>
      call.then(
        () => 'answered',
        (error: unknown) => String((error as { message?: string }).message),
      );
    expect(
      await Promise.all([
        settle(answering(200, { data: [{ name: 'A', externalDashboardId: 7 }], error: null }).listDashboards('w')),
        settle(answering(200, { data: [{ title: 'A' }], error: null }).listWorkspaces()),
        settle(answering(404, { message: 'Not found' }).listWorkspaces()),
        settle(answering(200, { data: [], error: null }).listDashboardsPage('w', 0)),
        settle(answering(200, { data: [], error: null }).listWorkspacesPage(1.5)),
      ]),
    ).toEqual([
      'Databrain answered 200 with a body the spec does not allow: /data/0/externalDashboardId must be string',
      "Databrain answered 200 with a body the spec does not allow: /data/0 must have required property 'name'",
      'Databrain answered 404 with a body the spec does not document for that status: {"message":"Not found"}',
      'listDashboardsPage: 0 is not a page number; pages are whole numbers from 1 to 2147483647.',
      'listWorkspacesPage: 1.5 is not a page number; pages are whole numbers from 1.',
    ]);
  });

  it.each([
    ['new Function', 'new Function("return 1")()'],
    ['Function()', 'Function("return 1")()'],
    ['an indirect eval', '(0, eval)("1")'],
    ['a constructor reached through a function', '(() => 0).constructor("return 1")()'],
  ])('would catch %s in that realm', (_name, source) => {
    expect(() => runInContext(source, strictRealm())).toThrow(
      'Code generation from strings disallowed for this context',
    );
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
