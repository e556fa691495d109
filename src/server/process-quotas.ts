import type { CheckStore, QuotaResult } from '../persistence/store/check-store.js';

type Quotas = Required<Pick<CheckStore, 'addToQuota' | 'removeFromQuota'>>;

interface Group {
  /** member → when it ends (ms since epoch). */
  ends: Map<string, number>;
  /** No member ends before this: until then, sweeping for ended members would find none. */
  firstEnd: number;
  /** A member's end moved later, or it left: `firstEnd` may be earlier than the true first end. */
  stale: boolean;
}

/**
 * Quotas kept in this process, with the semantics of `CheckStore.addToQuota`: for a store that keeps none (the memory
 * store, or one of yours). Each group holds at most `max` members, so it is bounded as the groups are.
 */
export function processQuotas(): Quotas {
  const groups = new Map<string, Group>();

  const sweep = (group: Group, now: number) => {
    group.firstEnd = Infinity;
    group.stale = false;
    for (const [member, end] of group.ends) {
      if (end <= now) group.ends.delete(member);
      else group.firstEnd = Math.min(group.firstEnd, end);
    }
  };

  return {
    async addToQuota(name, member, ttlMs, max): Promise<QuotaResult> {
      const now = Date.now();
      const ends = now + ttlMs;
      let group = groups.get(name);
      if (!group) groups.set(name, (group = { ends: new Map(), firstEnd: Infinity, stale: false }));
      const current = group.ends.get(member);
      if (current !== undefined && current > now) {
        if (ends > current) {
          group.ends.set(member, ends);
          group.stale = true;
        }
        return { added: true };
      }
      if (group.ends.size >= max && (group.stale || now >= group.firstEnd)) sweep(group, now);
      if (group.ends.size >= max) return { added: false, retryAfterMs: Math.max(1, group.firstEnd - now) };
      group.ends.set(member, ends);
      group.firstEnd = Math.min(group.firstEnd, ends);
      return { added: true };
    },
    async removeFromQuota(name, member) {
      const group = groups.get(name);
      if (group?.ends.delete(member)) group.stale = true;
    },
  };
}
