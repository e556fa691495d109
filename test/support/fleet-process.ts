import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { PrecheckOptions, PrecheckRequest } from '../../src/index.js';

export interface WorkerConfig {
  providers: PrecheckOptions['providers'];
  redisUrl: string;
  prefix: string;
  options: Omit<PrecheckOptions, 'providers' | 'store'>;
}

export type FleetCommand =
  | { cmd: 'checks'; requests: PrecheckRequest[]; concurrency: number }
  | { cmd: 'invalidate'; request: PrecheckRequest }
  | { cmd: 'circuits' }
  | { cmd: 'ping' }
  | { cmd: 'close' };

export interface CheckSummary {
  status: string;
  reason?: string;
  /** How long the check took, in the worker. */
  ms: number;
}

export type FleetReply = {
  decisions?: CheckSummary[];
  rejected?: number;
  invalidated?: boolean;
  circuits?: Record<string, string>;
  answered?: boolean;
};

type Reply<C extends FleetCommand> = C extends { cmd: 'checks' }
  ? { decisions: CheckSummary[]; rejected: number }
  : C extends { cmd: 'invalidate' }
    ? { invalidated: boolean }
    : C extends { cmd: 'circuits' }
      ? { circuits: Record<string, string> }
      : C extends { cmd: 'ping' }
        ? { answered: boolean }
        : object;

/** One fleet instance in its own OS process (test/support/fleet-worker.ts), ready when this resolves. */
export async function startFleetWorker(config: WorkerConfig) {
  const child = fork('test/support/fleet-worker.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FLEET_WORKER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (reply: FleetReply) => void; reject: (error: Error) => void }>();
  // A worker that dies (a crash on a Redis error, say) fails the command it was given, instead of hanging the test.
  child.on('exit', (code, signal) => {
    for (const { reject } of waiting.values()) reject(new Error(`fleet worker ${child.pid} exited (${code ?? signal})`));
    waiting.clear();
  });
  let nextId = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fleet worker exited (${code}) before it was ready`)));
    child.on('message', (message: FleetReply & { id?: number; ready?: boolean }) => {
      if (message.ready) resolve();
      else if (message.id !== undefined) waiting.get(message.id)?.resolve(message);
    });
  });
  await ready;
  return {
    pid: child.pid!,
    send<C extends FleetCommand>(command: C): Promise<Reply<C>> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, {
          resolve: (reply) => {
            waiting.delete(id);
            resolve(reply as Reply<C>);
          },
          reject,
        });
        child.send({ ...command, id });
      });
    },
    async close(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      const id = nextId++;
      child.send({ cmd: 'close', id });
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type FleetWorker = Awaited<ReturnType<typeof startFleetWorker>>;
