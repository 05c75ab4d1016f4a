/** The port helpers the CLI and the Prism launcher start servers with. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, waitForPort } from '../mocks/ports.js';

const messageOf = (settling: Promise<unknown>) =>
  settling.then(
    () => 'resolved',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );

describe('the port helpers', () => {
  it('find a port that is free, wait until it listens, and name why they stopped waiting', async () => {
    const port = await freePort();
    const closed = await freePort();
    const server = createServer();
    const waiting = messageOf(waitForPort('127.0.0.1', port, { timeoutMs: 5_000 }));
    setTimeout(() => server.listen(port, '127.0.0.1'), 120);
    try {
      expect([
        await waiting,
        await messageOf(waitForPort('127.0.0.1', closed, { timeoutMs: 5_000, isDead: () => true })),
        await messageOf(waitForPort('127.0.0.1', closed, { timeoutMs: 60 })),
        await messageOf(freePort('192.0.2.1')),
      ]).toEqual([
        'resolved',
        'the process exited before it listened',
        `nothing listened on 127.0.0.1:${closed} within 60 ms`,
        'listen EADDRNOTAVAIL: address not available 192.0.2.1',
      ]);
    } finally {
      server.close();
    }
  });
});
