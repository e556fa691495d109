import type { CheckStore } from '../persistence/store/check-store.js';
import { bounded, boundedWrite } from '../util/bounded.js';
import type { Caller } from './bearer-tokens.js';

/**
 * Which caller created each paused check (checkId → caller), kept in the store beside the checks so that any
 * instance knows it. The engine does not know callers: a checkId is a capability, and this makes it one that only
 * its creator can use. Kept as long as the check can be asked about: the wait plus the engine's retention.
 */
export function checkOwners(store: CheckStore, storeTimeoutMs: number, ttlMs: number) {
  const key = (checkId: string) => `owner:${checkId}`;
  const call = <T>(promise: Promise<T>) => bounded(promise, storeTimeoutMs);
  return {
    /** How long an owner record is kept. */
    ttlMs,
    /** Records the owner of a new check; a check that pauses again keeps its owner. Answers whether `caller` owns it. */
    async claim(checkId: string, caller: Caller): Promise<boolean> {
      if (await boundedWrite((within) => store.putIfAbsent(key(checkId), caller, ttlMs, within), storeTimeoutMs)) return true;
      return (await call(store.getValue(key(checkId)))) === caller;
    },
    async owns(checkId: string, caller: Caller): Promise<boolean> {
      return (await call(store.getValue(key(checkId)))) === caller;
    },
  };
}

export type CheckOwners = ReturnType<typeof checkOwners>;
