import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { adminClient } from './redis.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A Redis server of this test's own (never the shared one on 6379), answering when this resolves. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const by = Date.now() + 5_000;
  for (;;) {
    const client = await adminClient(`redis://127.0.0.1:${port}`);
    if (client) {
      client.destroy();
      return child;
    }
    if (Date.now() > by || child.exitCode !== null) throw new Error(`redis-server on port ${port} did not start`);
    await sleep(50);
  }
}

/** Whether the process is stopped (state T in /proc), on Linux; true elsewhere (nothing to wait for). */
function isStopped(pid: number): boolean {
  try {
    return /^\d+ \(.*\) T/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** A redis-server of the test's own on a free port, that the test can freeze (SIGSTOP), thaw and stop. */
export async function ownRedis() {
  const port = await freePort();
  const child = await startRedis(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    /** SIGSTOP; returns once the server is stopped, so that a command sent next finds it frozen. */
    freeze() {
      child.kill('SIGSTOP');
      const by = Date.now() + 1_000;
      while (!isStopped(child.pid!) && Date.now() < by);
    },
    thaw() {
      child.kill('SIGCONT');
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
