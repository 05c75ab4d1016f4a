/**
 * Prism on the spec: the stateless mock that serves the spec's named examples (`Prefer: code=...,
 * example=...`) and answers invalid requests with the spec's 400 and 401 examples. `npm run
 * mock:prism` runs it on port 4011; tests and the benchmark start it here, on a free port, in its own
 * process group so that stopping it stops every process it spawned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { packageFile } from '../src/kernel/files.js';
import { freePort, waitForPort } from './ports.js';

export interface PrismOptions {
  readonly port?: number;
  readonly host?: string;
  /** Default: the kit's spec/openapi.yaml. */
  readonly specPath?: string;
  /** How long to wait for Prism to listen. Default 30 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningPrism {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const defaultSpecPath = packageFile('spec/openapi.yaml');

function prismEntry(): string {
  return createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
}

export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const specPath = options.specPath ?? defaultSpecPath;
  const child = spawn(process.execPath, [prismEntry(), 'mock', specPath, '--host', host, '--port', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3_000);
    await gone;
    clearTimeout(timer);
  };

  try {
    await waitForPort(host, port, { timeoutMs: options.startTimeoutMs ?? 30_000, isDead: () => exited });
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Prism did not start (${reason}). Its last output:\n${output.trim()}`, { cause: error });
  }
  return { url: `http://${host}:${port}`, child, stop };
}
