import type { CallbackRelay } from '../../core/callback-relay.js';
import type { Decision } from '../../core/decision.js';

/** What a paused check waits for; read from the chart's `meta`, never from state names. */
export type WaitingFor = 'names' | 'confirmation';

/**
 * One addressable check, as a store keeps it. `version` goes up by one on every write: it is the fencing token that
 * makes a resume run exactly once.
 */
export type CheckRecord =
  | {
      checkId: string;
      version: number;
      state: 'paused';
      waitingFor: WaitingFor;
      /** When the wait ends (ms since epoch): past it, the check is decided by the wait's timeout. */
      expiresAt: number;
      /** `precheck.persist()`'s output: validated (and verified when signed) before it is restored. */
      persisted: unknown;
      /** What the pause answered (`needs-names` / `needs-confirmation`, with `checkId`). */
      decision: Decision;
    }
  | {
      checkId: string;
      version: number;
      /** A continuation holds the check until `leaseUntil`; past it (the instance died), another may claim it. */
      state: 'running';
      leaseUntil: number;
      waitingFor: WaitingFor;
      expiresAt: number;
      persisted: unknown;
      decision: Decision;
    }
  | { checkId: string; version: number; state: 'decided'; decision: Decision };

export type ClaimResult =
  | { claimed: true; record: Extract<CheckRecord, { state: 'running' }> }
  /**
   * Not claimed, and why: `unknown` (no such check), `held` (running under a lease that has not passed, measured on
   * the store's own clock, never the caller's), `moved` (at another version, or decided: `record` is what it is now).
   */
  | { claimed: false; why: 'unknown' | 'held' | 'moved'; record?: CheckRecord };

export type QuotaResult = { added: true } | { added: false; retryAfterMs: number };

/**
 * Where paused checks (and the service's idempotency records) live. Every method may reject (the engine bounds each
 * call with `storeTimeoutMs` and turns a failure into a decision); none may keep a key forever.
 *
 * `get` and `claim` reject with `UnusableRecordError` for a stored check that cannot be parsed or whose state or
 * version cannot be claimed. A write given `withinMs` takes effect only if the store performs it within `withinMs` of
 * the call, else never: it rejects with `LateWriteError` (a late `commit` of a claimed check also hands it back,
 * `paused` at version + 1), so that a caller that stopped waiting after `withinMs` can say "nothing changed".
 */
export interface CheckStore {
  /** The record, or undefined when unknown or purged. */
  get(checkId: string): Promise<CheckRecord | undefined>;
  /** Writes a new check (version 1). Answers false when the id exists already. */
  create(record: CheckRecord, ttlMs: number, withinMs?: number): Promise<boolean>;
  /**
   * In one atomic step: when the record is `paused` at `version`, or `running` with its lease passed at `version`
   * (on the store's clock), it becomes `running` at `version + 1` with `leaseUntil = now + leaseMs`.
   */
  claim(checkId: string, version: number, leaseMs: number, withinMs?: number): Promise<ClaimResult>;
  /** Replaces the record only when it is still at `expectedVersion` (fencing); answers whether it did. */
  commit(record: CheckRecord, expectedVersion: number, ttlMs: number, withinMs?: number): Promise<boolean>;
  /** Small values with a TTL, for the service's idempotency records. `putIfAbsent` answers whether it wrote. */
  putIfAbsent(key: string, value: string, ttlMs: number, withinMs?: number): Promise<boolean>;
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, ttlMs: number, withinMs?: number): Promise<void>;
  deleteValue(key: string, withinMs?: number): Promise<void>;
  /**
   * Quotas (the service's records per caller), in one atomic step: counts `member` in `group` until `ttlMs` from
   * now, or refuses when `group` already counts `max` live members and `member` is not one of them (nothing changes;
   * `retryAfterMs`: until its first member ends). A member counted again keeps the later of its two ends. Optional:
   * without it, the service counts in its own process.
   */
  addToQuota?(group: string, member: string, ttlMs: number, max: number): Promise<QuotaResult>;
  /** Stops counting `member` in `group`. */
  removeFromQuota?(group: string, member: string): Promise<void>;
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  /**
   * The relay callbacks travel by across the fleet (Redis: outstanding keys and pub/sub), when the store offers one;
   * without it, the engine relays callbacks within its own process. Called once per engine.
   */
  callbackRelay?(): CallbackRelay;
  /** What the fleet shares through this store, when it can be shared (Redis); undefined for one process. */
  readonly fleet?: FleetShare;
  /** Releases what the store opened itself (a connection it created; never a client passed in). */
  close(): Promise<void>;
}

/** A provider answer as the fleet shares it: the same JSON the local cache keeps. */
export type SharedAnswer = string;

/**
 * What instances of one fleet share so that they ask a provider once per account and learn of an outage once.
 * Keys are opaque digests made by the engine (never a phone or account number in clear).
 */
export interface FleetShare {
  getAnswer(key: string): Promise<SharedAnswer | undefined>;
  setAnswer(key: string, answer: SharedAnswer, ttlMs: number): Promise<void>;
  /**
   * Deletes the answer and tells every instance (resolves once they will see it: one Redis round trip). Answers
   * whether there was a shared answer.
   */
  invalidateAnswer(key: string): Promise<boolean>;
  onInvalidate(listener: (key: string) => void): void;
  /**
   * Called each time this instance's subscription is (re)established: invalidations sent while it was lost were
   * missed, so the instance forgets the answers it keeps locally. Optional: a share that never loses messages omits it.
   */
  onResubscribed?(listener: () => void): void;
  /** `SET NX PX`: answers whether this instance is the one that asks the provider. */
  acquireFlight(key: string, ttlMs: number): Promise<boolean>;
  releaseFlight(key: string): Promise<void>;
  /** Tells the fleet this instance opened its circuit for `provider` until `until` (ms since epoch). */
  publishCircuitOpen(provider: string, until: number): Promise<void>;
  onCircuitOpen(listener: (provider: string, until: number) => void): void;
}
