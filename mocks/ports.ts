/** Loopback port helpers for the servers the kit starts. */
import { connect, createServer, type AddressInfo } from 'node:net';

/** A port that was free on the host a moment ago (for servers that cannot listen on port 0). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  // A TCP server listening on a host and port has an AddressInfo, never null or a pipe's name.
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForPort(
  host: string,
  port: number,
  options: { timeoutMs: number; isDead?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (options.isDead?.()) throw new Error('the process exited before it listened');
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
