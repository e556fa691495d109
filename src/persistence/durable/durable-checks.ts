import type { Actor } from 'xstate';
import { needsConfirmationDecision, needsNamesDecision } from '../../../machines/precheck.decisions.js';
import type { PrecheckMachine } from '../../../machines/precheck.machine.js';
import type { EngineConfig } from '../../engine/options/engine-config.js';
import { PrecheckSnapshotError, type PersistedCheck } from '../persisted-check.js';
import { driveToRest, internalFailure, type Rest } from '../../engine/run-check.js';
import type { CheckRecord, CheckStore, ClaimResult } from '../store/check-store.js';
import { LateWriteError, UnusableRecordError } from '../store/store-errors.js';
import type { Decision } from '../../core/decision.js';
import type { CheckStatus, ResumeEvent } from '../../engine/options/precheck-options.js';
import { bounded, boundedWrite, newLiveness } from '../../util/bounded.js';
import type { HookIsolation } from '../../util/hook-isolation.js';
import type { RecordSignatures } from '../snapshot/record-signature.js';
import { isCheckId, newCheckId } from './check-id.js';
import { claimBackoffMs } from './claim-backoff.js';
import { pauseNotKept } from './pause-not-kept.js';
import { unusableBecause } from './usable-record.js';

export interface DurableDeps {
  store: CheckStore;
  config: EngineConfig;
  persist: (actor: Actor<PrecheckMachine>) => PersistedCheck;
  /** A running actor from a stored snapshot; `expired`: its wait ends at once. Throws `PrecheckSnapshotError`. */
  restore: (persisted: unknown, expired: boolean) => Actor<PrecheckMachine>;
  /** The caller's hooks (telemetry) run behind it. */
  hooks: HookIsolation;
  /** With `snapshotKeys`: signs every record written, refuses (`PrecheckSnapshotError`) every record read unsigned. */
  records: RecordSignatures;
}

/** The store did not answer within `storeTimeoutMs`, or failed. */
class StoreUnavailable extends Error {}

/** Writes of a pause a slow store refused as late before the caller is told it was not kept. */
const SAVE_ATTEMPTS = 3;

/** Store round trips one `resume()` / `status()` may make, whatever it meets. */
const MAX_STORE_CALLS = 20;

/** What one continuation may still spend: store round trips, and time until the caller's deadline (`performance.now()`). */
interface Allowance {
  calls: number;
  until: number;
}

/** Why a claim round did not continue the check: a store that did not take the claim, or another caller's lease. */
type Waiting = 'store' | 'lease';

const RESUME_EVENTS = new Set(['NAMES', 'CONFIRM', 'REJECT', 'CANCEL']);

/**
 * Paused checks with an address: saved when they pause, continued by id on any instance exactly once, decided by
 * their stored expiry whatever instance asks. The store is the source of truth; no process timer is.
 */
export class DurableChecks {
  /** When the store last answered: a store that answers other calls is up, with a queue of ours to work through. */
  private readonly liveness = newLiveness();

  constructor(private readonly deps: DurableDeps) {}

  /**
   * Saves a paused check; its decision then carries `checkId`. A pause the store does not keep answers retry
   * `store-unavailable` (never a pause without `checkId`, which nobody could continue); never a throw.
   */
  async save(rest: Rest): Promise<Decision> {
    if (!rest.pause) return rest.decision;
    const { store, config } = this.deps;
    const record = this.pausedRecord(newCheckId(), 1, rest.pause);
    for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
      try {
        if (await this.write((within) => store.create(this.deps.records.sign(record), this.pausedTtl(record.expiresAt), within))) return record.decision;
        break;
      } catch (error) {
        // Refused as late, the store is up and nothing was written: try again. Anything else: tell the caller.
        if (!(error instanceof LateWriteError)) break;
      }
    }
    return pauseNotKept(record.decision);
  }

  async resume(checkId: string, event: ResumeEvent): Promise<Decision> {
    if (!isCheckId(checkId)) return checkNotFound(checkId, 'the check id is malformed');
    if (!isResumeEvent(event)) {
      return invalidEvent(checkId);
    }
    try {
      return await this.continueCheck(checkId, event);
    } catch (error) {
      if (error instanceof UnusableRecordError) return unusableRecord(checkId, error.why);
      if (error instanceof StoreUnavailable || error instanceof LateWriteError) return storeUnavailable(checkId);
      if (error instanceof PrecheckSnapshotError) return checkNotFound(checkId, `the stored check cannot be continued by this engine (${error.message})`);
      return { ...internalFailure(undefined), checkId };
    }
  }

  async status(checkId: string): Promise<CheckStatus | undefined> {
    if (!isCheckId(checkId)) return undefined;
    try {
      const record = await this.call(this.deps.store.get(checkId));
      if (!record || unusableBecause(record, checkId)) return undefined;
      this.deps.records.verify(checkId, record);
      if (record.state === 'decided') return { checkId, state: 'decided', decision: record.decision };
      if (Date.now() >= record.expiresAt) {
        // The wait is over: decide it now (stored), so every instance answers the same from here on.
        const decision = await this.continueCheck(checkId, undefined);
        if (decision.status === 'retry') return { checkId, state: 'unavailable', reason: 'store-unavailable' };
        return 'reason' in decision && decision.reason === 'check-not-found' ? undefined : { checkId, state: 'decided', decision };
      }
      return { checkId, state: 'paused', waitingFor: record.waitingFor, expiresAt: new Date(record.expiresAt).toISOString() };
    } catch (error) {
      if (error instanceof UnusableRecordError || error instanceof PrecheckSnapshotError) return undefined;
      return { checkId, state: 'unavailable', reason: 'store-unavailable' };
    }
  }

  /**
   * Claims the check (one atomic step, fenced by its version), runs the continuation, commits the result at the
   * claimed version. Whoever loses the claim waits for the winner's result. `event` undefined: only expire it.
   * Bounded: every round after the first waits (jittered back-off), none starts past the caller's deadline, and the
   * whole makes at most `MAX_STORE_CALLS` store round trips. Whether a lease is held is the store's word, on its clock.
   */
  private async continueCheck(checkId: string, event: ResumeEvent | undefined): Promise<Decision> {
    const { store, config } = this.deps;
    const allowance: Allowance = { calls: 0, until: performance.now() + config.deadlineMs };
    let seen = await this.call(store.get(checkId), allowance);
    let waiting: Waiting = 'store';
    for (let round = 0; ; round += 1) {
      if (!seen) return checkNotFound(checkId, 'no such check');
      const unusable = unusableBecause(seen, checkId);
      if (unusable) return unusableRecord(checkId, unusable);
      this.deps.records.verify(checkId, seen);
      if (seen.state === 'decided') return seen.decision;
      if (round > 0 && !(await this.waitForNextRound(round, allowance))) {
        return waiting === 'lease' ? stillRunning(checkId) : storeUnavailable(checkId);
      }
      const { version } = seen;
      let claim: ClaimResult;
      try {
        claim = await this.write((within) => store.claim(checkId, version, config.deadlineMs, within), allowance);
      } catch (error) {
        // It reached the store too late and did nothing: try again.
        if (!(error instanceof LateWriteError)) throw error;
        waiting = 'store';
        continue;
      }
      if (!claim.claimed) {
        if (claim.why === 'unknown') return checkNotFound(checkId, 'no such check');
        waiting = claim.why === 'held' ? 'lease' : 'store';
        seen = claim.record ?? seen;
        continue;
      }
      const outcome = await this.continueClaimed(claim.record, event, allowance);
      if ('decision' in outcome) return outcome.decision;
      // Not committed: read what the record is now through the next claim (at the version we held, it answers `moved`).
      seen = claim.record;
      waiting = 'store';
    }
  }

  /** Runs a claimed check to its next rest and commits it: the decision, or `{ again }` when the commit did not land. */
  private async continueClaimed(
    held: Extract<CheckRecord, { state: 'running' }>,
    event: ResumeEvent | undefined,
    allowance: Allowance,
  ): Promise<{ decision: Decision } | { again: true }> {
    const { store, config } = this.deps;
    const { checkId } = held;
    const expired = Date.now() >= held.expiresAt;
    let actor: Actor<PrecheckMachine>;
    try {
      this.deps.records.verify(checkId, held);
      actor = this.deps.restore(held.persisted, expired);
    } catch (error) {
      // Another engine version may read it: hand it back untouched.
      const back: CheckRecord = { ...held, state: 'paused', version: held.version + 1 } as CheckRecord;
      await this.write((within) => store.commit(back, held.version, this.pausedTtl(held.expiresAt), within), allowance).catch(() => false);
      const why = error instanceof PrecheckSnapshotError ? error.message : 'the stored check cannot be read';
      return { decision: checkNotFound(checkId, `the stored check cannot be continued by this engine (${why})`) };
    }
    const rest = await driveToRest(actor, {
      persist: this.deps.persist,
      isolation: this.deps.hooks,
      ...(expired ? { untilDecided: true } : event && { event }),
      onFailure: () => internalFailure(undefined),
    });
    const next: CheckRecord = rest.pause
      ? this.pausedRecord(checkId, held.version + 1, rest.pause, held.expiresAt)
      : { checkId, version: held.version + 1, state: 'decided', decision: { ...rest.decision, checkId } };
    const ttl = next.state === 'decided' ? config.retentionMs : this.pausedTtl(next.expiresAt);
    try {
      // Refused by the fence: our lease ran out and someone else took over; their result stands.
      const committed = await this.write((within) => store.commit(this.deps.records.sign(next), held.version, ttl, within), allowance);
      return committed ? { decision: next.decision } : { again: true };
    } catch (error) {
      // Too late: the store wrote nothing and handed the check back, paused; it is continued again.
      if (error instanceof LateWriteError) return { again: true };
      throw error;
    }
  }

  /** Waits before round `round`; false when the caller's deadline or the round trips left do not allow another round. */
  private async waitForNextRound(round: number, allowance: Allowance): Promise<boolean> {
    const { deadlineMs, storeTimeoutMs } = this.deps.config;
    // A round is a claim and a commit; a claim the store does not take settles within twice storeTimeoutMs.
    if (allowance.calls + 2 > MAX_STORE_CALLS) return false;
    const wait = claimBackoffMs(round, deadlineMs);
    if (performance.now() + wait + 2 * storeTimeoutMs > allowance.until) return false;
    await pause(wait);
    return true;
  }

  private pausedRecord(checkId: string, version: number, pause: NonNullable<Rest['pause']>, expiresAt?: number) {
    const bound = this.deps.config[pause.meta.timeoutOption];
    return {
      checkId,
      version,
      state: 'paused' as const,
      waitingFor: pause.meta.waitingFor,
      expiresAt: expiresAt ?? (pause.context.waitingSince ?? Date.now()) + bound,
      persisted: pause.persisted,
      decision: this.pausedDecision(pause, { checkId }),
    };
  }

  private pausedDecision(pause: NonNullable<Rest['pause']>, by: { checkId: string }): Decision {
    return pause.meta.waitingFor === 'names' ? needsNamesDecision(pause.context, by) : needsConfirmationDecision(pause.context, by);
  }

  /** A paused check is kept until its wait ends, then as long as a decision is. */
  private pausedTtl(expiresAt: number): number {
    return Math.max(0, expiresAt - Date.now()) + this.deps.config.retentionMs;
  }

  /**
   * One store read, bounded by `storeTimeoutMs` (never extended past the continuation's deadline) and counted against
   * its round trips.
   */
  private async call<T>(operation: Promise<T>, allowance?: Allowance): Promise<T> {
    if (allowance) allowance.calls += 1;
    return this.settled(bounded(operation, this.deps.config.storeTimeoutMs, 'the check store', this.liveness, allowance?.until));
  }

  /**
   * One store write, given `storeTimeoutMs` to take effect once it leaves this process, else never: the store settles
   * it by itself, so that "nothing changed" is true when it fails (`boundedWrite`). Counted against the round trips.
   */
  private async write<T>(operation: (withinMs: number) => Promise<T>, allowance?: Allowance): Promise<T> {
    if (allowance) allowance.calls += 1;
    return this.settled(boundedWrite(operation, this.deps.config.storeTimeoutMs, 'the check store'));
  }

  private async settled<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof LateWriteError || error instanceof UnusableRecordError) throw error;
      throw new StoreUnavailable(error instanceof Error ? error.message : 'store failure');
    }
  }
}

function isResumeEvent(event: unknown): event is ResumeEvent {
  try {
    return typeof event === 'object' && event !== null && RESUME_EVENTS.has((event as { type?: unknown }).type as string);
  } catch {
    return false;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A decision about a check `resume()` could not continue: it names no provider or intent, since none was read. */
function unreadCheck(checkId: string, verdict: { status: 'abort'; reason: 'check-not-found' | 'invalid-request' } | { status: 'retry'; reason: 'store-unavailable' }, message: string): Decision {
  return {
    ...verdict,
    ...(isCheckId(checkId) && { checkId }),
    provider: 'unknown',
    intent: 'unknown',
    message,
    attempts: 0,
    trace: { states: [], attempts: 0, durationMs: 0 },
  } as Decision;
}

const checkNotFound = (checkId: string, why: string) =>
  unreadCheck(
    checkId,
    { status: 'abort', reason: 'check-not-found' },
    `No check to continue: ${why}. It is unknown, past its retention, or was never saved; start a new check.`,
  );

const unusableRecord = (checkId: string, why: string) =>
  unreadCheck(
    checkId,
    { status: 'abort', reason: 'check-not-found' },
    `No check to continue: the stored record is unusable (${why}): a record of another release, or edited. It is ` +
      'left to expire; start a new check.',
  );

const storeUnavailable = (checkId: string) =>
  unreadCheck(
    checkId,
    { status: 'retry', reason: 'store-unavailable' },
    'The check store did not answer in time; nothing was changed. Resume again later.',
  );

const stillRunning = (checkId: string) =>
  unreadCheck(
    checkId,
    { status: 'retry', reason: 'store-unavailable' },
    'Another resume of this check is still running (it holds the check until it commits or its lease ends); ' +
      'nothing was changed by this one. Resume again later.',
  );


const invalidEvent = (checkId: string) =>
  unreadCheck(
    checkId,
    { status: 'abort', reason: 'invalid-request' },
    'invalid resume event: expected { type: "NAMES", firstName, lastName }, { type: "CONFIRM" }, { type: "REJECT" } ' +
      'or { type: "CANCEL" }; nothing was sent and the check is unchanged.',
  );
