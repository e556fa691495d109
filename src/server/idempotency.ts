import { createHash } from 'node:crypto';
import type { CheckStore } from '../persistence/store/check-store.js';
import { bounded, boundedWrite } from '../util/bounded.js';
import type { Caller } from './bearer-tokens.js';
import type { RecordQuota } from './record-quota.js';

/** Keys and stored responses are kept 24 h (IETF httpapi idempotency-key draft; Stripe keeps them as long). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
export const MAX_KEY_LENGTH = 255;

/**
 * How long a request may run: the check's deadline, plus the store calls around it (each bounded by
 * `storeTimeoutMs`, which a busy process may stretch up to 20 times) and 5 s for the process itself. A key stays "in
 * progress" this long without its response, so a request still running is never overtaken by a second one, and a
 * key whose process died is usable again after it.
 */
export const requestLeaseMs = (deadlineMs: number, storeTimeoutMs: number) => deadlineMs + 20 * storeTimeoutMs + 5_000;

export interface StoredResponse {
  status: number;
  body: string;
}

type KeyRecord = { state: 'running'; fingerprint: string } | { state: 'done'; fingerprint: string; response: StoredResponse };

export type Begin =
  /** The key is this request's: run it, then `finish` (or `abandon` on an HTTP error). */
  | { kind: 'first' }
  | { kind: 'replay'; response: StoredResponse }
  /** Same key, same request, the first one still running: 409. */
  | { kind: 'in-progress' }
  /** Same key, another request: 422. */
  | { kind: 'mismatch' }
  /** A new key, and the caller is at its quota of records: 429. */
  | { kind: 'over-quota'; retryAfterMs: number };

/**
 * `Idempotency-Key` as a structured-field string (quoted) or a bare token; undefined when absent, an Error when
 * unusable (empty, 256 characters or more, or not printable ASCII).
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined | Error {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const key = /^"(.*)"$/.test(trimmed) ? trimmed.slice(1, -1).replace(/\\(["\\])/g, '$1') : trimmed;
  if (key.length === 0) return new Error('Idempotency-Key must not be empty');
  if (key.length > MAX_KEY_LENGTH) return new Error(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters`);
  if (!/^[\x20-\x7e]+$/.test(key)) return new Error('Idempotency-Key must be printable ASCII');
  return key;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What makes two requests "the same": method, path and the body's exact bytes. */
export const fingerprintOf = (method: string, path: string, body: string) => sha256(`${method} ${path}\n${body}`);

/**
 * Idempotency records in the check store, scoped to the caller: another caller's same key is another key. Each key
 * counts against its caller's quota for as long as it is kept. Every store call is bounded; a store that does not
 * answer rejects, and the route answers 503 (it cannot promise "once").
 */
export function idempotencyRecords(store: CheckStore, options: { storeTimeoutMs: number; leaseMs: number; quota: RecordQuota }) {
  const { storeTimeoutMs, leaseMs, quota } = options;
  const keyDigest = (key: string) => `idempotency:${sha256(key)}`;
  const storeKey = (caller: Caller, key: string) => `idempotency:${caller}:${sha256(key)}`;
  const call = <T>(promise: Promise<T>) => bounded(promise, storeTimeoutMs);
  // A write the route gave up on never lands later (a late key would answer 409 to the retry it was told to make).
  const write = <T>(operation: (withinMs: number) => Promise<T>) => boundedWrite(operation, storeTimeoutMs);

  return {
    async begin(caller: Caller, key: string, fingerprint: string): Promise<Begin> {
      const counted = await quota.add(caller, keyDigest(key), leaseMs);
      if (!counted.added) return { kind: 'over-quota', retryAfterMs: counted.retryAfterMs };
      const id = storeKey(caller, key);
      const running: KeyRecord = { state: 'running', fingerprint };
      if (await write((within) => store.putIfAbsent(id, JSON.stringify(running), leaseMs, within))) return { kind: 'first' };
      const json = await call(store.getValue(id));
      // Gone between the two calls (its lease ended): take it.
      if (json === undefined) {
        return (await write((within) => store.putIfAbsent(id, JSON.stringify(running), leaseMs, within))) ? { kind: 'first' } : { kind: 'in-progress' };
      }
      const record = JSON.parse(json) as KeyRecord;
      if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return record.state === 'done' ? { kind: 'replay', response: record.response } : { kind: 'in-progress' };
    },
    async finish(caller: Caller, key: string, fingerprint: string, response: StoredResponse): Promise<void> {
      const record: KeyRecord = { state: 'done', fingerprint, response };
      await quota.add(caller, keyDigest(key), IDEMPOTENCY_TTL_MS);
      await write((within) => store.setValue(storeKey(caller, key), JSON.stringify(record), IDEMPOTENCY_TTL_MS, within));
    },
    /** An HTTP error stores nothing: the key is free again. */
    async abandon(caller: Caller, key: string): Promise<void> {
      await write((within) => store.deleteValue(storeKey(caller, key), within));
      await quota.remove(caller, keyDigest(key));
    },
  };
}

export type IdempotencyRecords = ReturnType<typeof idempotencyRecords>;
