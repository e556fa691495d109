import type { Actor } from 'xstate';
import { needsConfirmationDecision, needsNamesDecision } from '../../machines/precheck.decisions.js';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import type { EngineConfig } from '../options/engine-config.js';
import { PrecheckSnapshotError, type PersistedCheck } from '../persistence.js';
import { driveToRest, internalFailure, type Rest } from '../run-check.js';
import type { CheckRecord, CheckStore } from '../store/check-store.js';
import type { Decision } from '../types/decision.js';
import type { CheckStatus, ResumeEvent } from '../types/options.js';
import { bounded, newLiveness } from '../util/bounded.js';
import type { HookFence } from '../util/hook-fence.js';
import type { RecordSignatures } from '../snapshot/record-signature.js';
import { isCheckId, newCheckId } from './check-id.js';

export interface DurableDeps {
  store: CheckStore;
  config: EngineConfig;
  persist: (actor: Actor<PrecheckMachine>) => PersistedCheck;
  /** A running actor from a stored snapshot; `expired`: its wait ends at once. Throws `PrecheckSnapshotError`. */
  restore: (persisted: unknown, expired: boolean) => Actor<PrecheckMachine>;
  /** The caller's hooks (telemetry) run behind it. */
  fence: HookFence;
  /** With `snapshotKeys`: signs every record written, refuses (`PrecheckSnapshotError`) every record read unsigned. */
  records: RecordSignatures;
}

/** The store did not answer within `storeTimeoutMs`, or failed. */
class StoreUnavailable extends Error {}

const RESUME_EVENTS = new Set(['NAMES', 'CONFIRM', 'REJECT', 'CANCEL']);

/**
 * Paused checks with an address: saved when they pause, continued by id on any instance exactly once, decided by
 * their stored expiry whatever instance asks. The store is the source of truth; no process timer is.
 */
export class DurableChecks {
  /** When the store last answered: a store that answers other calls is up, with a queue of ours to work through. */
  private readonly liveness = newLiveness();

  constructor(private readonly deps: DurableDeps) {}

  /** Saves a paused check; its decision then carries `checkId`. A store failure leaves it without one: never a throw. */
  async save(rest: Rest): Promise<Decision> {
    if (!rest.pause) return rest.decision;
    const checkId = newCheckId();
    const record = this.pausedRecord(checkId, 1, rest.pause);
    try {
      if (await this.call(this.deps.store.create(this.deps.records.sign(record), this.pausedTtl(record.expiresAt)))) return record.decision;
    } catch {
      // Falls through: the caller is told to check again.
    }
    return this.pausedDecision(rest.pause, 'check-again');
  }

  async resume(checkId: string, event: ResumeEvent): Promise<Decision> {
    if (!isCheckId(checkId)) return checkNotFound(checkId, 'the check id is malformed');
    if (!isResumeEvent(event)) {
      return invalidEvent(checkId);
    }
    try {
      return await this.continueCheck(checkId, event);
    } catch (error) {
      if (error instanceof StoreUnavailable) return storeUnavailable(checkId);
      if (error instanceof PrecheckSnapshotError) return checkNotFound(checkId, `the stored check cannot be continued by this engine (${error.message})`);
      return { ...internalFailure(undefined), checkId };
    }
  }

  async status(checkId: string): Promise<CheckStatus | undefined> {
    if (!isCheckId(checkId)) return undefined;
    try {
      const record = await this.read(checkId);
      if (!record) return undefined;
      if (record.state === 'decided') return { checkId, state: 'decided', decision: record.decision };
      if (Date.now() >= record.expiresAt) {
        // The wait is over: decide it now (stored), so every instance answers the same from here on.
        const decision = await this.continueCheck(checkId, undefined);
        return 'reason' in decision && decision.reason === 'check-not-found' ? undefined : { checkId, state: 'decided', decision };
      }
      return { checkId, state: 'paused', waitingFor: record.waitingFor, expiresAt: new Date(record.expiresAt).toISOString() };
    } catch (error) {
      if (error instanceof PrecheckSnapshotError) return undefined;
      return { checkId, state: 'unavailable', reason: 'store-unavailable' };
    }
  }

  /**
   * Claims the check (one atomic step, fenced by its version), runs the continuation, commits the result at the
   * claimed version. Whoever loses the claim waits for the winner's result. `event` undefined: only expire it.
   */
  private async continueCheck(checkId: string, event: ResumeEvent | undefined): Promise<Decision> {
    const { store, config } = this.deps;
    const giveUpAt = Date.now() + config.deadlineMs;
    for (let round = 0; ; round += 1) {
      const record = await this.read(checkId);
      if (!record) return checkNotFound(checkId, 'no such check');
      if (record.state === 'decided') return record.decision;
      if (record.state === 'running' && record.leaseUntil > Date.now()) {
        if (Date.now() >= giveUpAt) return storeUnavailable(checkId);
        await pause(Math.min(5 + round * 5, 50));
        continue;
      }
      const claim = await this.call(store.claim(checkId, record.version, config.deadlineMs));
      if (!claim.claimed) continue;
      const held = claim.record;
      const expired = Date.now() >= held.expiresAt;
      let actor: Actor<PrecheckMachine>;
      try {
        this.deps.records.verify(checkId, held);
        actor = this.deps.restore(held.persisted, expired);
      } catch (error) {
        // Another engine version may read it: hand it back untouched.
        const back: CheckRecord = { ...held, state: 'paused', version: held.version + 1 } as CheckRecord;
        await this.call(store.commit(back, held.version, this.pausedTtl(held.expiresAt))).catch(() => false);
        const why = error instanceof PrecheckSnapshotError ? error.message : 'the stored check cannot be read';
        return checkNotFound(checkId, `the stored check cannot be continued by this engine (${why})`);
      }
      const rest = await driveToRest(actor, {
        persist: this.deps.persist,
        fence: this.deps.fence,
        ...(expired ? { untilDecided: true } : event && { event }),
        onFailure: () => internalFailure(undefined),
      });
      const next: CheckRecord = rest.pause
        ? this.pausedRecord(checkId, held.version + 1, rest.pause, held.expiresAt)
        : { checkId, version: held.version + 1, state: 'decided', decision: { ...rest.decision, checkId } };
      const ttl = next.state === 'decided' ? config.retentionMs : this.pausedTtl(next.expiresAt);
      // Lost the fence (our lease ran out and someone else took over): their result stands; read it.
      if (!(await this.call(store.commit(this.deps.records.sign(next), held.version, ttl)))) continue;
      return next.decision;
    }
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

  private pausedDecision(pause: NonNullable<Rest['pause']>, by: { checkId: string } | 'check-again'): Decision {
    return pause.meta.waitingFor === 'names' ? needsNamesDecision(pause.context, by) : needsConfirmationDecision(pause.context, by);
  }

  /** A paused check is kept until its wait ends, then as long as a decision is. */
  private pausedTtl(expiresAt: number): number {
    return Math.max(0, expiresAt - Date.now()) + this.deps.config.retentionMs;
  }

  /** The stored record, verified when keys are configured (else `PrecheckSnapshotError`). */
  private async read(checkId: string): Promise<CheckRecord | undefined> {
    const record = await this.call(this.deps.store.get(checkId));
    if (record) this.deps.records.verify(checkId, record);
    return record;
  }

  private async call<T>(operation: Promise<T>): Promise<T> {
    try {
      return await bounded(operation, this.deps.config.storeTimeoutMs, 'the check store', this.liveness);
    } catch (error) {
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

const storeUnavailable = (checkId: string) =>
  unreadCheck(
    checkId,
    { status: 'retry', reason: 'store-unavailable' },
    'The check store did not answer in time; nothing was changed. Resume again later.',
  );

const invalidEvent = (checkId: string) =>
  unreadCheck(
    checkId,
    { status: 'abort', reason: 'invalid-request' },
    'invalid resume event: expected { type: "NAMES", firstName, lastName }, { type: "CONFIRM" }, { type: "REJECT" } ' +
      'or { type: "CANCEL" }; nothing was sent and the check is unchanged.',
  );
