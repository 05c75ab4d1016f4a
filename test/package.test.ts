/**
 * The package as users import it: built to JavaScript, reached through its `exports` map by name,
 * run by plain Node without a TypeScript loader.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type * as TypeScript from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// Required, not imported: TypeScript is one CommonJS file of 9 MB, which Node 22 would otherwise scan
// for its named exports (half a second of CPU).
const ts: typeof TypeScript = createRequire(import.meta.url)('typescript');
const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

// `npm test` builds dist/ before the tests run; on its own, this file builds it when it is missing.
beforeAll(async () => {
  if (!existsSync(`${root}dist/src/index.js`)) await run('npm', ['run', 'build', '--silent'], { cwd: root });
}, 120_000);

async function node(source: string): Promise<string> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], { cwd: root });
  return stdout.trim();
}

describe('the built package', () => {
  it('serves the msw handlers to the client in plain Node through its exports', async () => {
    const output = await node(`
      import { createDatabrainClient } from 'databrain-contract-kit';
      import { setupDatabrainMswServer, databrainScenario } from 'databrain-contract-kit/mocks/node';
      const server = setupDatabrainMswServer();
      server.listen({ onUnhandledFrame: 'error' });
      const client = createDatabrainClient({ token: 'dbn-dev-token' });
      const all = await client.listDashboards('my-workspace');
      server.use(...databrainScenario({ error: 'WORKSPACE_ID_ERROR' }));
      const failure = await client.listDashboards('my-workspace').catch((error) => error.code);
      server.close();
      console.log(all.length, failure);
    `);
    expect(output).toBe('23 WORKSPACE_ID_ERROR');
  });

  it('starts the HTTP mock server in plain Node through its exports', async () => {
    const output = await node(`
      import { createDatabrainClient } from 'databrain-contract-kit';
      import { startDatabrainMockServer } from 'databrain-contract-kit/mocks/http';
      const mock = await startDatabrainMockServer({ port: 0 });
      const client = createDatabrainClient({ token: 'dbn-dev-token', baseUrl: mock.url });
      const page = await client.listDashboardsPage('my-workspace', 3);
      await mock.close();
      console.log(page.map((d) => d.externalDashboardId).join(','));
    `);
    expect(output).toBe('cohort_dash_118,feature_adoption_dash_119,executive_dash_120');
  });

  it('declares in the types of every entry point each value that entry exports at run time', async () => {
    const entries = Object.entries(packageExports).filter(
      (entry): entry is [string, { types: string; default: string }] => typeof entry[1] === 'object',
    );
    const declared = declaredValues(entries.map(([, entry]) => entry.types));
    const shipped = await Promise.all(
      entries.map(async ([name, entry]) => {
        const module = (await import(pathToFileURL(`${root}${entry.default}`).href)) as Record<string, unknown>;
        return [name, Object.keys(module).sort()];
      }),
    );
    expect(entries.map(([name, entry]) => [name, declared.get(entry.types)])).toEqual(shipped);
    expect(shipped.map(([name]) => name)).toEqual([
      '.',
      './mocks',
      './mocks/node',
      './mocks/browser',
      './mocks/http',
      './drift',
    ]);
  });
});

const packageExports = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { exports: Record<string, unknown> })
  .exports;

/** The names of the values (not types) each declaration file exports, as TypeScript reads them. */
function declaredValues(files: readonly string[]): Map<string, string[]> {
  const program = ts.createProgram(
    files.map((file) => `${root}${file}`),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      noEmit: true,
      skipLibCheck: true,
      // Which names are values needs only the kit's declarations and what they re-export, not the
      // standard library or every @types package: a tenth of the time.
      noLib: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  return new Map(
    files.map((file) => {
      const source = program.getSourceFile(`${root}${file}`);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`${file} declares no module`);
      const values = checker.getExportsOfModule(module).filter((symbol) => isValue(checker, symbol));
      return [file, values.map((symbol) => symbol.name).sort()];
    }),
  );
}

/**
 * True when an export is a value a user can import at run time: no `type` re-export along its way.
 * An export that leads to nothing the program read (a module it did not load) is an error, not a
 * name silently left out of the list.
 */
function isValue(checker: TypeScript.TypeChecker, symbol: TypeScript.Symbol): boolean {
  let current: TypeScript.Symbol | undefined = symbol;
  while (current && current.flags & ts.SymbolFlags.Alias) {
    if (current.declarations?.some((declaration) => ts.isTypeOnlyImportOrExportDeclaration(declaration))) return false;
    current = checker.getImmediateAliasedSymbol(current);
  }
  if (!current?.declarations?.length) throw new Error(`${symbol.name} leads to no declaration this program loaded`);
  return (current.flags & ts.SymbolFlags.Value) !== 0;
}
