import type { CheckStore, QuotaResult } from '../persistence/store/check-store.js';
import { bounded } from '../util/bounded.js';
import type { Caller } from './bearer-tokens.js';
import { processQuotas } from './process-quotas.js';

/** `maxRecordsPerCaller` / `--max-records-per-caller` unless set. */
export const DEFAULT_MAX_RECORDS_PER_CALLER = 10_000;

/**
 * What each caller keeps in the store, counted against its quota: its checks that paused (kept as long as their
 * owner record) and its idempotency records. A caller at its quota is refused, and nothing of anyone else's is
 * evicted for it. Counted in the store when it can (Redis: one count for the whole fleet), else in this process.
 * Every call is bounded; a store that does not answer rejects (the route answers 503).
 */
export function recordQuota(store: CheckStore, storeTimeoutMs: number, maxPerCaller: number) {
  const quotas = store.addToQuota && store.removeFromQuota ? (store as Required<CheckStore>) : processQuotas();
  const group = (caller: Caller) => `records:${caller}`;
  return {
    maxPerCaller,
    /** Counts `record` for `caller` until `ttlMs` from now (a record counted again: until the later end). */
    add(caller: Caller, record: string, ttlMs: number): Promise<QuotaResult> {
      return bounded(quotas.addToQuota(group(caller), record, ttlMs, maxPerCaller), storeTimeoutMs);
    },
    remove(caller: Caller, record: string): Promise<void> {
      return bounded(quotas.removeFromQuota(group(caller), record), storeTimeoutMs);
    },
  };
}

export type RecordQuota = ReturnType<typeof recordQuota>;
