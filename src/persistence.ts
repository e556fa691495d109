import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { PrecheckMachine } from '../machines/precheck.machine.js';
import { pauseOf } from '../machines/precheck.pause.js';

/** Bumped whenever the machine's states or context change shape: an older snapshot is then refused, not misread. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** A paused check, JSON-safe. Holds the request's account fields and the trace; never a credential. */
export interface PersistedCheck {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  machine: 'precheck';
  snapshot: unknown;
}

export class PrecheckSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrecheckSnapshotError';
  }
}

export function persistCheck(actor: Actor<PrecheckMachine>): PersistedCheck {
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    machine: 'precheck',
    snapshot: JSON.parse(JSON.stringify(actor.getPersistedSnapshot())),
  };
}

/** A running actor from a persisted check; timers (deadline, waits) are re-armed with the time they had left. */
export function restoreCheck(
  machine: PrecheckMachine,
  persisted: unknown,
  inspect?: (event: InspectionEvent) => void,
): Actor<PrecheckMachine> {
  const check = persisted as Partial<PersistedCheck> | null;
  if (typeof check !== 'object' || check === null || check.machine !== 'precheck') {
    throw new PrecheckSnapshotError('not a persisted precheck: expected { formatVersion, machine: "precheck", snapshot }');
  }
  if (check.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new PrecheckSnapshotError(
      `snapshot format version ${String(check.formatVersion)} is not supported (this engine reads ${SNAPSHOT_FORMAT_VERSION})`,
    );
  }
  const snapshot = check.snapshot as { status?: unknown; value?: unknown } | undefined;
  if (typeof snapshot !== 'object' || snapshot === null || typeof snapshot.status !== 'string' || snapshot.value === undefined) {
    throw new PrecheckSnapshotError('the persisted snapshot is malformed');
  }
  // With a snapshot, XState ignores `input`; the typings still ask for one.
  const actor = createActor(machine, { snapshot: check.snapshot as never, input: undefined as never, ...(inspect && { inspect }) }).start();
  const restored = actor.getSnapshot();
  if (restored.status === 'active' && (restored.matches('checking') || pauseOf(restored) !== undefined)) {
    actor.send({ type: 'RESUMED' });
  }
  return actor;
}
