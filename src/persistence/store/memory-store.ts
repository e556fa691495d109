import type { CheckRecord, CheckStore, ClaimResult } from './check-store.js';
import { UnusableRecordError } from './store-errors.js';

export interface MemoryStoreOptions {
  /** Most entries kept (checks and values together). Default 100,000. */
  maxEntries?: number;
  /** Most bytes kept (each entry's key and JSON, UTF-8). Default 256 MiB. */
  maxBytes?: number;
}

/**
 * A write the store refused because it would pass `maxEntries` or `maxBytes`: nothing live is ever pushed out for
 * another entry (one caller's flood must not erase another's paused check). The engine and the service answer it as
 * a store that is unavailable.
 */
export class MemoryStoreFullError extends Error {
  constructor(bound: string) {
    super(`the memory store is full (${bound}); nothing was written`);
    this.name = 'MemoryStoreFullError';
  }
}

const CLAIMABLE_STATES = new Set<unknown>(['paused', 'running', 'decided']);

interface Entry {
  /** JSON, so that what is kept is a snapshot, never a live object a caller could still change. */
  json: string;
  expiresAt: number;
  bytes: number;
}

/**
 * The embedded store: one process, bounded in entries and in bytes, with the same TTLs as Redis. It keeps snapshots,
 * not live actors, so a paused check costs its JSON and nothing else. Full, it drops what has expired and refuses
 * the write if that is not enough (`MemoryStoreFullError`): it never evicts an entry that is still live.
 * Leases are measured on this process's clock, the store's own. Every write happens during the call itself, so none
 * can be late (`withinMs` has nothing to refuse).
 */
export function memoryStore(options: MemoryStoreOptions = {}): CheckStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('memoryStore: maxEntries must be an integer ≥ 1');
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError('memoryStore: maxBytes must be an integer ≥ 1');
  const entries = new Map<string, Entry>();
  let bytes = 0;
  /** No entry expires before this: until then, sweeping for expired entries would find none. */
  let nextExpiry = Infinity;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const sweep = (now: number) => {
    if (now < nextExpiry) return;
    nextExpiry = Infinity;
    for (const [key, entry] of entries) {
      if (entry.expiresAt <= now) drop(key);
      else nextExpiry = Math.min(nextExpiry, entry.expiresAt);
    }
  };
  const read = (key: string, now = Date.now()): string | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      drop(key);
      return undefined;
    }
    return entry.json;
  };
  /** Which bound writing `size` bytes under `key` would pass (a replaced entry's bytes count as freed), if any. */
  const boundPassed = (key: string, size: number) => {
    const replaced = entries.get(key);
    if (entries.size + (replaced ? 0 : 1) > maxEntries) return 'maxEntries';
    if (bytes - (replaced?.bytes ?? 0) + size > maxBytes) return 'maxBytes';
    return undefined;
  };
  const write = (key: string, json: string, ttlMs: number) => {
    const now = Date.now();
    const size = Buffer.byteLength(key) + Buffer.byteLength(json);
    if (boundPassed(key, size)) sweep(now);
    const passed = boundPassed(key, size);
    if (passed) throw new MemoryStoreFullError(passed);
    drop(key);
    const expiresAt = now + Math.max(1, ttlMs);
    entries.set(key, { json, expiresAt, bytes: size });
    bytes += size;
    nextExpiry = Math.min(nextExpiry, expiresAt);
  };
  const checkKey = (checkId: string) => `check:${checkId}`;
  const valueKey = (key: string) => `value:${key}`;
  const record = (checkId: string): CheckRecord | undefined => {
    const json = read(checkKey(checkId));
    return json === undefined ? undefined : (JSON.parse(json) as CheckRecord);
  };

  return {
    async get(checkId) {
      return record(checkId);
    },
    async create(created, ttlMs) {
      if (read(checkKey(created.checkId)) !== undefined) return false;
      write(checkKey(created.checkId), JSON.stringify(created), ttlMs);
      return true;
    },
    async claim(checkId, version, leaseMs): Promise<ClaimResult> {
      const current = record(checkId);
      const now = Date.now();
      if (current === undefined) return { claimed: false, why: 'unknown' };
      if (!CLAIMABLE_STATES.has(current.state) || !Number.isSafeInteger(current.version) || current.version < 1) {
        throw new UnusableRecordError(`state ${JSON.stringify(current.state)} at version ${JSON.stringify(current.version)}`);
      }
      if (current.version !== version || current.state === 'decided') return { claimed: false, why: 'moved', record: current };
      if (current.state === 'running' && !(current.leaseUntil <= now)) return { claimed: false, why: 'held', record: current };
      const claimed = { ...current, state: 'running' as const, version: version + 1, leaseUntil: now + leaseMs };
      const left = entries.get(checkKey(checkId))!.expiresAt - now;
      write(checkKey(checkId), JSON.stringify(claimed), left);
      return { claimed: true, record: claimed };
    },
    async commit(next, expectedVersion, ttlMs) {
      const current = record(next.checkId);
      if (current === undefined || current.version !== expectedVersion) return false;
      write(checkKey(next.checkId), JSON.stringify(next), ttlMs);
      return true;
    },
    async putIfAbsent(key, value, ttlMs) {
      if (read(valueKey(key)) !== undefined) return false;
      write(valueKey(key), value, ttlMs);
      return true;
    },
    async getValue(key) {
      return read(valueKey(key));
    },
    async setValue(key, value, ttlMs) {
      write(valueKey(key), value, ttlMs);
    },
    async deleteValue(key) {
      drop(valueKey(key));
    },
    async ping() {},
    async close() {
      entries.clear();
      bytes = 0;
    },
  };
}
