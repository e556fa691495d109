import type { CheckRecord, CheckStore, ClaimResult } from './check-store.js';
import { UnusableRecordError } from './store-errors.js';

export interface MemoryStoreOptions {
  /** Most entries kept (checks and values together); past it the oldest goes first. Default 100,000. */
  maxEntries?: number;
}

const CLAIMABLE_STATES = new Set<unknown>(['paused', 'running', 'decided']);

interface Entry {
  /** JSON, so that what is kept is a snapshot, never a live object a caller could still change. */
  json: string;
  expiresAt: number;
}

/**
 * The embedded store: one process, bounded, with the same TTLs as Redis. It keeps snapshots, not live actors, so a
 * paused check costs its JSON and nothing else. Leases are measured on this process's clock, the store's own. Every
 * write happens during the call itself, so none can be late (`withinMs` has nothing to refuse).
 */
export function memoryStore(options: MemoryStoreOptions = {}): CheckStore {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('memoryStore: maxEntries must be an integer ≥ 1');
  // A Map iterates in insertion order: re-inserting on write keeps the oldest first.
  const entries = new Map<string, Entry>();

  const read = (key: string, now = Date.now()): string | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry.json;
  };
  const write = (key: string, json: string, ttlMs: number) => {
    entries.delete(key);
    entries.set(key, { json, expiresAt: Date.now() + Math.max(1, ttlMs) });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
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
      entries.delete(valueKey(key));
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
}
