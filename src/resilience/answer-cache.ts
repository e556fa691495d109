import type { LookupOutcome } from '../core/account-provider.js';

/** Most entries kept; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * Provider answers that are facts about the account (found, not found), kept for a while. Auth failures, transient
 * failures and timeouts are never kept: they say nothing about the account.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { outcome: LookupOutcome; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly notFoundTtlMs: number,
  ) {}

  get(key: string, now = Date.now()): LookupOutcome | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.outcome;
  }

  /** How long an outcome is worth keeping: 0 for anything that is not a fact about the account. */
  ttlOf(outcome: LookupOutcome): number {
    if (outcome.kind === 'found') return this.ttlMs;
    // An inactive account may be reactivated any minute, as an unknown one may be created: kept as briefly.
    return outcome.kind === 'not-found' || outcome.kind === 'inactive' ? this.notFoundTtlMs : 0;
  }

  /** Keeps a fact for its TTL, or for `ttlMs` when shorter (an answer another instance has kept for a while already). */
  set(key: string, outcome: LookupOutcome, now = Date.now(), ttlMs = Infinity): void {
    const ttl = Math.min(this.ttlOf(outcome), ttlMs);
    if (ttl <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { outcome, expiresAt: now + ttl });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
