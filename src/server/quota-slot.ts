import { randomUUID } from 'node:crypto';
import type { Decision } from '../core/decision.js';
import type { Caller } from './bearer-tokens.js';
import type { CheckOwners } from './check-owners.js';
import { storeUnavailable, tooManyRecords } from './common-problems.js';
import { checkIdOf, isPaused } from './paused-check.js';
import type { RecordQuota } from './record-quota.js';

interface Deps {
  quota: RecordQuota;
  owners: CheckOwners;
  requestLeaseMs: number;
}

/** Keeps a paused check's slot as long as its records. Twice, as for its owner: a slot left to end early undercounts. */
async function keepSlot(deps: Deps, caller: Caller, slot: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await deps.quota.add(caller, slot, deps.owners.ttlMs);
      return;
    } catch {
      // The store did not answer: once more, then the slot ends with the request's lease.
    }
  }
}

/**
 * Runs a new check in a slot of its caller's quota, since it may pause: 429 when there is none. The slot is kept as
 * long as the check's records if it paused, else given back.
 */
export async function inQuotaSlot(deps: Deps, caller: Caller, check: () => Promise<Decision>): Promise<Decision | Response> {
  const { quota } = deps;
  const slot = `check:${randomUUID()}`;
  let counted;
  try {
    counted = await quota.add(caller, slot, deps.requestLeaseMs);
  } catch {
    return storeUnavailable();
  }
  if (!counted.added) return tooManyRecords(quota.maxPerCaller, counted.retryAfterMs);
  const decision = await check();
  if (isPaused(decision) && checkIdOf(decision) !== undefined) await keepSlot(deps, caller, slot);
  else await quota.remove(caller, slot).catch(() => undefined);
  return decision;
}
