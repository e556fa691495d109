import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A fleet instance in its own OS process (test/support/resume-worker.ts), driven by JSON-line commands. */
export interface FleetProcess {
  readonly pid: number;
  call<T>(op: string, ...args: unknown[]): Promise<T>;
  /** SIGKILL: no chance to clean up, as when a host dies. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startFleetProcess(env: Record<string, string>): Promise<FleetProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/support/resume-worker.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const pending = new Map<number, (result: unknown) => void>();
  let next = 0;
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    const { id, result } = JSON.parse(line) as { id: number; result: unknown };
    pending.get(id)?.(result);
    pending.delete(id);
  });
  const exited = once(child, 'exit');
  return {
    pid: child.pid!,
    call<T>(op: string, ...args: unknown[]) {
      const id = next++;
      return new Promise<T>((resolve) => {
        pending.set(id, resolve as (result: unknown) => void);
        child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
      });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const id = next++;
      child.stdin!.write(`${JSON.stringify({ id, op: 'close', args: [] })}\n`);
      await exited;
    },
  };
}
