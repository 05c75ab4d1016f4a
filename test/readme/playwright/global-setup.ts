// global-setup.ts: starts databrain-mock as a user would (its bin, on a free port) and the app's dev
// server (here the kit's example page under Vite), and hands their URLs to the tests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer } from 'vite';

const require = createRequire(import.meta.url);

async function startDatabrainMock(): Promise<{ url: string; stop: () => Promise<void> }> {
  const manifest = require.resolve('databrain-contract-kit/package.json');
  const { bin } = require(manifest) as { bin: Record<string, string> };
  const cli = join(dirname(manifest), bin['databrain-mock'] ?? '');
  const child = spawn(process.execPath, [cli, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.kill('SIGTERM')) await once(child, 'exit');
  };
  let output = '';
  const url = await new Promise<string | undefined>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const listening = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (listening) resolve(listening);
    });
    child.once('exit', () => resolve(undefined));
  });
  if (url === undefined) throw new Error(`databrain-mock did not start: ${output}`);
  return { url, stop };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const mock = await startDatabrainMock();
  const app = await createServer({
    configFile: require.resolve('../../../mocks/example/vite.config.ts'),
    server: { port: 0, strictPort: false },
  });
  await app.listen();
  process.env['DATABRAIN_MOCK_URL'] = mock.url;
  process.env['APP_URL'] = app.resolvedUrls?.local[0] ?? '';
  return async () => {
    await Promise.all([app.close(), mock.stop()]);
  };
}
