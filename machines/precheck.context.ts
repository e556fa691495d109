import type { LookupOutcome } from '../src/core/account-provider.js';
import type { AbortReason, PayeeNameCheck, RetryReason, TraceEntry, TraceTransition } from '../src/core/decision.js';
import type { Intent, LookupTarget } from '../src/core/request.js';

/** How the check ends, set on the transition that decides it; the final state's output turns it into a `Decision`. */
export type Verdict =
  | { status: 'proceed'; createAccount: boolean; verified: boolean }
  | { status: 'abort'; reason: AbortReason; detail?: string }
  | { status: 'retry'; reason: RetryReason; retryAfterMs?: number };

/** JSON-safe on purpose: it is what a persisted snapshot holds. Never a credential, client or container. */
export interface PrecheckContext {
  /** The request as given, kept only until it is validated. */
  request: unknown;
  provider: string;
  intent: Intent | 'unknown';
  /** The provider's name for messages, e.g. `B-MO`. */
  providerName: string;
  createsAccounts: boolean;
  target?: LookupTarget;
  attempts: number;
  /** When the check started (ms since epoch): the deadline counts from here. */
  startedAt: number;
  /** The last thing the provider said. */
  answer?: LookupOutcome;
  verdict?: Verdict;
  /** The states passed through, with when: the audit trail every decision carries. */
  trace: TraceEntry[];
  /** The transitions taken (see machines/trace-transitions.ts); absent in a snapshot from before they were traced. */
  transitions?: TraceTransition[];
  /** When the check began waiting for people (names or confirmation): its timeout counts from here. */
  waitingSince?: number;
  /** The payee name check's answer, once a found account was checked against the request's `payeeName`. */
  nameCheck?: PayeeNameCheck;
}

export type PrecheckEvent =
  | { type: 'NAMES'; firstName: string; lastName: string }
  | { type: 'CONFIRM' }
  | { type: 'REJECT' }
  | { type: 'CANCEL' }
  /** Sent by `restore()`: timers do not survive a snapshot, so the state is entered again to re-arm them. */
  | { type: 'RESUMED' };

/**
 * What a resting state tagged `paused` waits for, and which engine option bounds the wait (counted from
 * `waitingSince`). The engine reads pauses from these tags and meta, never from state names.
 */
export interface PauseMeta {
  waitingFor: 'names' | 'confirmation';
  timeoutOption: 'namesTimeoutMs' | 'confirmationTimeoutMs';
}
