/**
 * The package as users import it: built to JavaScript, reached through its `exports` map by name,
 * run by plain Node without a TypeScript loader.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

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

  it('ships type declarations for every entry point', async () => {
    const output = await node(`
      import { readFileSync, existsSync } from 'node:fs';
      const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
      const types = Object.values(pkg.exports).filter((entry) => typeof entry === 'object').map((entry) => entry.types);
      console.log(types.filter((file) => !existsSync(file)).join(',') || 'all present', types.length);
    `);
    expect(output).toBe('all present 6');
  });
});
