import { createHmac } from 'node:crypto';
import type { LookupOutcome } from '../core/account-provider.js';
import { signatureRefusal, signJson } from '../persistence/snapshot/signed-json.js';
import type { SnapshotKey, SnapshotSignature } from '../persistence/snapshot/snapshot-signature.js';
import type { FleetShare } from '../persistence/store/check-store.js';
import { bounded, newLiveness } from '../util/bounded.js';

export interface FleetSettings {
  share: FleetShare;
  /** Bound on every call to the fleet store. */
  storeTimeoutMs: number;
  /** Bound on one provider attempt: how long a flight may legitimately last. */
  attemptTimeoutMs: number;
  /** Bound on a whole check: a waiter gives up on another instance's flight well inside it. */
  deadlineMs: number;
  /** `snapshotKeys`: the first signs every shared answer, an answer none of them signed is a miss. None: unsigned. */
  signingKeys: readonly SnapshotKey[];
}

/**
 * What the fleet store holds under `answer:<digest>`: the outcome and when it stops being a fact worth reusing; with
 * keys, signed together with the digest it is stored under (so that it cannot be moved to another account's).
 */
interface StoredAnswer {
  outcome: LookupOutcome;
  expiresAt: number;
  signature?: SnapshotSignature;
}

const signed = (key: string, { outcome, expiresAt }: StoredAnswer) => ({ key, outcome, expiresAt });

/** After a store failure the fleet is left alone this long: a store that hangs costs one bound, not one per check. */
const QUIET_MS = 1_000;
/** First and largest pause between two looks at another instance's flight. */
const POLL_FIRST_MS = 5;
const POLL_MAX_MS = 50;

const UNAVAILABLE = Symbol('fleet-unavailable');
type Maybe<T> = T | typeof UNAVAILABLE;

/**
 * The answer cache and single flight of a whole fleet, on a `FleetShare`. Every call is bounded; any failure answers
 * "unavailable", and the caller then does what one process does alone: sharing is lost, never correctness.
 */
export class FleetAnswers {
  /** When the fleet store last answered: one that answers other calls is up, with a queue of ours to work through. */
  private readonly liveness = newLiveness();
  private quietUntil = 0;
  private readonly flightMs: number;
  private readonly patienceMs: number;

  constructor(
    private readonly settings: FleetSettings,
    /** Keys the digests, so that Redis holds no phone or account number, nor a hash of one that a list could reverse. */
    private readonly digestKey: string,
  ) {
    // The winner's lock outlives its one attempt and its own store calls; a waiter gives up well inside its deadline.
    this.flightMs = settings.attemptTimeoutMs + 3 * settings.storeTimeoutMs;
    this.patienceMs = Math.min(this.flightMs, Math.floor(settings.deadlineMs / 3));
  }

  get share(): FleetShare {
    return this.settings.share;
  }

  /** The fleet-wide key for a local lookup key: HMAC-SHA-256, hex. */
  digest(localKey: string): string {
    return createHmac('sha256', this.digestKey).update(localKey).digest('hex');
  }

  /**
   * The fleet's answer for `key`, else the provider's through `ask` — asked by one instance of the fleet at a time.
   * `ttlOf` says how long an outcome is worth sharing (0: not at all); `keep` puts a shared answer in the local cache.
   */
  async lookup(
    key: string,
    signal: AbortSignal,
    ask: () => Promise<LookupOutcome>,
    ttlOf: (outcome: LookupOutcome) => number,
    keep: (outcome: LookupOutcome, ttlMs: number) => void,
  ): Promise<LookupOutcome> {
    const giveUpAt = Date.now() + this.patienceMs;
    let pause = POLL_FIRST_MS;
    for (;;) {
      const shared = await this.read(key);
      if (shared === UNAVAILABLE) return ask();
      if (shared) {
        keep(shared.outcome, shared.expiresAt - Date.now());
        return shared.outcome;
      }
      const won = await this.call(() => this.share.acquireFlight(key, this.flightMs));
      if (won === UNAVAILABLE) return ask();
      if (won) return this.fly(key, ask, ttlOf, keep);
      // Another instance is asking: wait for its answer, but not for ever (it may have died holding the lock).
      if (signal.aborted || Date.now() + pause >= giveUpAt) return ask();
      await sleep(pause, signal);
      pause = Math.min(pause * 2, POLL_MAX_MS);
    }
  }

  /** Forgets the shared answer, fleet-wide. Answers whether the fleet had one (false when the store did not answer). */
  async invalidate(key: string): Promise<boolean> {
    const deleted = await this.call(() => this.share.invalidateAnswer(key), true);
    return deleted === true;
  }

  /** A store call, bounded; UNAVAILABLE on failure (and the fleet left alone for a moment, unless `always`). */
  async call<T>(work: () => Promise<T>, always = false): Promise<Maybe<T>> {
    if (!always && Date.now() < this.quietUntil) return UNAVAILABLE;
    try {
      return await bounded(work(), this.settings.storeTimeoutMs, 'the fleet store', this.liveness);
    } catch {
      this.quietUntil = Date.now() + QUIET_MS;
      return UNAVAILABLE;
    }
  }

  /** This instance won the flight: ask, share the answer, end the flight. */
  private async fly(
    key: string,
    ask: () => Promise<LookupOutcome>,
    ttlOf: (outcome: LookupOutcome) => number,
    keep: (outcome: LookupOutcome, ttlMs: number) => void,
  ): Promise<LookupOutcome> {
    try {
      // The previous flight may have stored its answer between this instance's read and its lock.
      const landed = await this.read(key);
      if (landed && landed !== UNAVAILABLE) {
        keep(landed.outcome, landed.expiresAt - Date.now());
        return landed.outcome;
      }
      const outcome = await ask();
      const ttlMs = ttlOf(outcome);
      if (ttlMs > 0) {
        await this.call(() => this.share.setAnswer(key, this.sealed(key, outcome, Date.now() + ttlMs), ttlMs));
      }
      return outcome;
    } finally {
      void this.call(() => this.share.releaseFlight(key));
    }
  }

  /** The JSON shared for an outcome: as it is read back, signed when keys are configured. */
  private sealed(key: string, outcome: LookupOutcome, expiresAt: number): string {
    const stored: StoredAnswer = JSON.parse(JSON.stringify({ outcome, expiresAt }));
    const { signingKeys } = this.settings;
    if (signingKeys.length > 0) stored.signature = signJson('precheck shared answer', signed(key, stored), signingKeys);
    return JSON.stringify(stored);
  }

  private async read(key: string): Promise<Maybe<StoredAnswer | undefined>> {
    const json = await this.call(() => this.share.getAnswer(key));
    if (json === UNAVAILABLE || json === undefined) return json;
    try {
      const stored = JSON.parse(json) as StoredAnswer;
      const kind = stored?.outcome?.kind;
      // Only facts are shared; anything else (another version's format, a stray value) is a miss.
      if (!(kind === 'found' || kind === 'not-found' || kind === 'inactive') || typeof stored.expiresAt !== 'number' || stored.expiresAt <= Date.now()) {
        return undefined;
      }
      // Edited, unsigned, moved from another account's key, or signed with a key this instance does not have: a miss.
      const { signingKeys } = this.settings;
      if (signingKeys.length > 0 && signatureRefusal('precheck shared answer', signed(key, stored), stored.signature, signingKeys)) return undefined;
      return stored;
    } catch {
      // a miss
    }
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
