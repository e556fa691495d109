import type { CheckRecord } from '../store/check-store.js';
import { signatureRefusal, signJson } from './signed-json.js';
import { PrecheckSnapshotError } from './snapshot-error.js';
import type { SnapshotKey, SnapshotSignature } from './snapshot-signature.js';

/** A check record as the engine writes it with `snapshotKeys`: stores keep `signature` as written. */
export type SignedRecord = CheckRecord & { signature?: SnapshotSignature };

/**
 * What a record's signature covers: the check it belongs to (the id it is asked by, not a field of the stored JSON)
 * and everything the engine acts on. Not the version, the lease, nor `paused` against `running`: the store's claim
 * changes those in place, and they decide who continues a check, never what it decides.
 */
function covered(checkId: string, record: CheckRecord) {
  if (record.state === 'decided') return { checkId, state: 'decided', decision: record.decision };
  const { waitingFor, expiresAt, persisted, decision } = record;
  return { checkId, state: 'paused', waitingFor, expiresAt, persisted, decision };
}

/** JSON as the store gives it back: what is signed must be what is read (no `undefined`, no class instances). */
const asStored = (value: unknown): object => JSON.parse(JSON.stringify(value));

/**
 * The record's signature, made and checked at the store's boundary: every record the engine writes is signed with
 * the first key, every record it reads must verify with one of them. Without keys, neither.
 */
export class RecordSignatures {
  constructor(private readonly keys: readonly SnapshotKey[]) {}

  /** The record to write: signed when keys are configured. */
  sign<T extends CheckRecord>(record: T): T {
    if (this.keys.length === 0) return record;
    return { ...record, signature: signJson('precheck check record', asStored(covered(record.checkId, record)), this.keys) };
  }

  /** Throws `PrecheckSnapshotError` (never quoting a key) when keys are configured and `record` is not signed by one of them for `checkId`. */
  verify(checkId: string, record: CheckRecord): void {
    if (this.keys.length === 0) return;
    let content: object;
    try {
      content = asStored(covered(checkId, record));
    } catch {
      throw new PrecheckSnapshotError('the stored record cannot be read');
    }
    const why = signatureRefusal('precheck check record', content, (record as SignedRecord).signature, this.keys);
    if (why) throw new PrecheckSnapshotError(`the stored record is refused: ${why}`);
  }
}
