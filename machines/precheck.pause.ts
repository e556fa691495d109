import type { SnapshotFrom } from 'xstate';
import type { PauseMeta, PrecheckMachine } from './precheck.machine.js';

/** Where a snapshot rests waiting for people: what for, from the state's `paused` tag and `meta`. Else undefined. */
export function pauseOf(snapshot: SnapshotFrom<PrecheckMachine>): PauseMeta | undefined {
  if (snapshot.status !== 'active' || !snapshot.hasTag('paused')) return undefined;
  for (const meta of Object.values(snapshot.getMeta() as Record<string, unknown>)) {
    const pause = meta as Partial<PauseMeta> | undefined;
    if (pause?.waitingFor && pause.timeoutOption) return pause as PauseMeta;
  }
  return undefined;
}
