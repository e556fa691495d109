import * as v from 'valibot';
import { createActor, type Actor, type InspectionEvent } from 'xstate';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import type { AccountProvider } from '../core/account-provider.js';
import { canonicalJson } from './snapshot/canonical-json.js';
import { checkSnapshot, type CheckedSnapshot } from './snapshot/check-snapshot.js';
import { PrecheckSnapshotError } from './snapshot/snapshot-error.js';
import { describeSnapshotIssue, signatureSchema } from './snapshot/snapshot-schema.js';
import { signatureMatches, signCanonical, type SnapshotKey, type SnapshotSignature } from './snapshot/snapshot-signature.js';

export { PrecheckSnapshotError };

/** Bumped whenever the machine's states or context change shape: an older snapshot is then refused, not misread. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** Larger than any check the chart can write (a paused check is under 1 KB): bounds the work hostile input costs. */
const MAX_SNAPSHOT_CHARACTERS = 64 * 1024;

/** A paused check, JSON-safe. Holds the request's account fields and the trace in clear; never a credential. */
export interface PersistedCheck {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  machine: 'precheck';
  snapshot: unknown;
  /** With `snapshotKeys`: HMAC-SHA-256 over the canonical JSON of `{ formatVersion, machine, snapshot }`. */
  signature?: SnapshotSignature;
}

/** What reading a persisted check needs from the engine: its machine, its providers and its snapshot keys. */
export interface SnapshotSettings {
  machine: PrecheckMachine;
  findProvider: (name: string) => AccountProvider | undefined;
  /** The first signs; every one verifies. None: snapshots are neither signed nor required to be. */
  keys: readonly SnapshotKey[];
}

/**
 * A running check as JSON, signed with the first key when keys are given. The one path every caller takes
 * (`precheck.persist()`, the store behind `resume()`).
 */
export function persistCheck(actor: Actor<PrecheckMachine>, keys: readonly SnapshotKey[] = []): PersistedCheck {
  const { status, value, context, output } = actor.getPersistedSnapshot() as unknown as {
    status: string;
    value: unknown;
    context: unknown;
    output?: unknown;
  };
  // No child actors: a restored check invokes its lookup afresh. `children` and `historyValue` stay for XState's shape.
  const snapshot = JSON.parse(JSON.stringify({ status, value, context, children: {}, historyValue: {}, output }));
  const persisted: PersistedCheck = { formatVersion: SNAPSHOT_FORMAT_VERSION, machine: 'precheck', snapshot };
  if (keys.length === 0) return persisted;
  return { ...persisted, signature: signCanonical(canonicalJson(persisted, MAX_SNAPSHOT_CHARACTERS), keys[0]) };
}

function readSignature(check: Record<string, unknown>, canonical: string, keys: readonly SnapshotKey[]): void {
  if (check.signature === undefined) {
    if (keys.length > 0) throw new PrecheckSnapshotError('the snapshot is not signed, and this engine only restores signed snapshots (snapshotKeys)');
    return;
  }
  const signature = v.safeParse(signatureSchema, check.signature);
  if (!signature.success) throw new PrecheckSnapshotError(`the snapshot's signature is malformed: ${describeSnapshotIssue(signature.issues, 'signature')}`);
  // Without keys a signature cannot be verified; the snapshot is then checked field by field only.
  if (keys.length > 0 && !signatureMatches(canonical, signature.output, keys)) {
    throw new PrecheckSnapshotError(
      `the snapshot's signature does not verify with any configured key (it names key id ${signature.output.kid}): altered, or signed elsewhere`,
    );
  }
}

function readChecked(persisted: unknown, settings: SnapshotSettings): CheckedSnapshot {
  if (typeof persisted !== 'object' || persisted === null || Array.isArray(persisted) || (persisted as PersistedCheck).machine !== 'precheck') {
    throw new PrecheckSnapshotError('not a persisted precheck: expected { formatVersion, machine: "precheck", snapshot }');
  }
  const check = persisted as Record<string, unknown>;
  if (check.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new PrecheckSnapshotError(
      `snapshot format version ${String(check.formatVersion).slice(0, 20)} is not supported (this engine reads ${SNAPSHOT_FORMAT_VERSION})`,
    );
  }
  const extra = Object.keys(check).filter((key) => !['formatVersion', 'machine', 'snapshot', 'signature'].includes(key));
  if (extra.length > 0) throw new PrecheckSnapshotError('a persisted precheck has only formatVersion, machine, snapshot and signature');
  let canonical: string;
  try {
    canonical = canonicalJson({ formatVersion: check.formatVersion, machine: check.machine, snapshot: check.snapshot }, MAX_SNAPSHOT_CHARACTERS);
  } catch (error) {
    throw new PrecheckSnapshotError(`the snapshot is not plain JSON of a check: ${(error as Error).message}`);
  }
  readSignature(check, canonical, settings.keys);
  return checkSnapshot(settings.machine, check.snapshot, settings.findProvider);
}

/**
 * A persisted check, verified (when keys are configured) and checked against the chart and the registered providers:
 * the snapshot to start an actor from. Throws `PrecheckSnapshotError`, and only that, for anything else.
 */
export function readPersistedCheck(persisted: unknown, settings: SnapshotSettings): CheckedSnapshot {
  try {
    return readChecked(persisted, settings);
  } catch (error) {
    if (error instanceof PrecheckSnapshotError) throw error;
    // A getter that throws, a proxy, a stack overflow: whatever it was, this is not a snapshot we can trust.
    throw new PrecheckSnapshotError('the snapshot could not be read');
  }
}

/**
 * A running actor from a persisted check; timers (deadline, waits) are re-armed with the time they had left, and a
 * check persisted mid-lookup asks the provider again. Throws `PrecheckSnapshotError`, synchronously, for a snapshot
 * that is malformed, inconsistent with the chart, or not signed as configured; nothing is thrown later.
 */
export function restoreCheck(
  persisted: unknown,
  settings: SnapshotSettings,
  inspect?: (event: InspectionEvent) => void,
): Actor<PrecheckMachine> {
  const snapshot = readPersistedCheck(persisted, settings);
  // With a snapshot, XState ignores `input`; the typings still ask for one.
  const actor = createActor(settings.machine, { snapshot: snapshot as never, input: undefined as never, ...(inspect && { inspect }) }).start();
  // Every active resting state the check accepts RESUMED in re-enters itself, re-arming its timers.
  if (actor.getSnapshot().status === 'active') actor.send({ type: 'RESUMED' });
  return actor;
}
