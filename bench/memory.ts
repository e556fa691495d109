import { createActor, waitFor, type Actor } from 'xstate';
import { createPrecheck, type PrecheckMachine } from '../src/index.js';
import { memoryProvider } from './memory-provider.js';

export interface MemoryRow {
  pausedChecks: number;
  heapBytesPerPausedCheck: number;
  snapshotBytes: number;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Heap held per check waiting in `awaitingNames` (10,000 of them at once), and the size of a persisted snapshot. */
export async function pausedCheckMemory(count = 10_000): Promise<MemoryRow> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with node --expose-gc');
  const precheck = createPrecheck({ providers: {}, cache: { ttlMs: 0, notFoundTtlMs: 0 }, customProviders: { memory: memoryProvider } });
  const request = { provider: 'memory', intent: 'credit', phone: '+2290197000404' } as const;
  // Warm up so that code and shared structures are not counted.
  const warm = createActor(precheck.machine, { input: request }).start();
  await waitFor(warm, (s) => s.matches('awaitingNames'));
  warm.stop();
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const actors: Actor<PrecheckMachine>[] = [];
  for (let i = 0; i < count; i++) actors.push(createActor(precheck.machine, { input: request }).start());
  await Promise.all(actors.map((actor) => waitFor(actor, (s) => s.matches('awaitingNames'))));
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const snapshotBytes = Buffer.byteLength(JSON.stringify(precheck.persist(actors[0])));
  for (const actor of actors) actor.stop();
  precheck.close();
  return { pausedChecks: count, heapBytesPerPausedCheck: (after - before) / count, snapshotBytes };
}
