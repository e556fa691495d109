import type { PayeeNameCode, PayeeNameOutcome } from './payee-name.js';
import type { AbortReason, RetryReason } from './reasons.js';
import type { Intent } from './request.js';

/** What the provider knows of the account. */
export interface Account {
  phone?: string;
  accountNumber?: string;
  firstName?: string;
  lastName?: string;
  fullName?: string;
  /** The FSP that holds the account, when the provider says (Mojaloop). */
  fspId?: string;
}

export type { AbortReason, RetryReason };

/** One state the check passed through, and when (ms since epoch). */
export interface TraceEntry {
  state: string;
  at: number;
}

/**
 * One transition the check took, in order: `from` the state it was in, `to` the state it entered (ids as in the
 * chart, e.g. `checking.lookingUp`), `event` the event's type (`always` for an eventless transition, `after:<delay>`
 * for a delayed one, `xstate.done.actor.lookupAccount` for the lookup's answer), `guard` the named guard that chose
 * it. Never a name, phone or provider body.
 */
export interface TraceTransition {
  from: string;
  to: string;
  event: string;
  guard?: string;
  at: number;
}

/** Enough to answer, months later, "why did this transfer (not) go through?". Never a credential. */
export interface Trace {
  states: TraceEntry[];
  /**
   * The transitions taken, in order: the path drawn by `renderPath(decision)`. Absent only on a check restored from
   * a snapshot written before transitions were traced.
   */
  transitions?: TraceTransition[];
  attempts: number;
  durationMs: number;
  /** The provider's own last code and words, e.g. `{ code: 306, description: 'Invalid Account Number…' }`. */
  providerStatus?: { code: number | string; description?: string };
}

/**
 * What the payee name check answered, on every decision that followed one. `heldName`, the name the provider holds,
 * only on a close match (the payer checks it); no other part of such a decision carries the held name.
 */
export interface PayeeNameCheck {
  result: PayeeNameOutcome;
  /** As EU Verification of Payee says it: MTCH, CMTC, NMTC, NOAP. */
  code: PayeeNameCode;
  heldName?: string;
}

/** Money may move. `createAccount`: the provider creates the account during the credit (send the names with it). */
export interface ProceedDecision {
  status: 'proceed';
  /** Set when the check was paused and resumed by id (`precheck.resume`). */
  checkId?: string;
  provider: string;
  intent: Intent;
  createAccount: boolean;
  /** The provider confirmed the account exists. False when it will be created, or when BEEP could not validate (301). */
  verified: boolean;
  /** Without names when the request had a `payeeName` (see `nameCheck`). */
  account: Account;
  /** Set when the request had a `payeeName` and the account was found. */
  nameCheck?: PayeeNameCheck;
  transactionId?: string;
  /**
   * Lookups this check started: requests to the provider, or answers the engine gave in its place (cache, open
   * circuit, full queue). 0 when it was refused or cancelled before any.
   */
  attempts: number;
  trace: Trace;
}

/** Crediting an unknown B-MO customer needs their names: ask your user, then check again with `names`. */
export interface NeedsNamesDecision {
  status: 'needs-names';
  /** The paused check's address: `precheck.resume(checkId, { type: 'NAMES', … })`. Absent only from your own actor's output. */
  checkId?: string;
  provider: string;
  intent: Intent;
  message: string;
  transactionId?: string;
  /**
   * Lookups this check started: requests to the provider, or answers the engine gave in its place (cache, open
   * circuit, full queue). 0 when it was refused or cancelled before any.
   */
  attempts: number;
  trace: Trace;
}

/**
 * The account exists: show `account` (its registered name) to the payer, then check again with
 * `confirmPayee: false`, or send CONFIRM / REJECT to the waiting actor.
 */
export interface NeedsConfirmationDecision {
  status: 'needs-confirmation';
  /** The paused check's address: `precheck.resume(checkId, { type: 'CONFIRM' })`. Absent only from your own actor's output. */
  checkId?: string;
  provider: string;
  intent: Intent;
  /** Without names when the request had a `payeeName`: show `nameCheck.heldName` (close match) or no name at all. */
  account: Account;
  /** Set when the request had a `payeeName`: why the payer is asked (a close match, no match, or no name to check). */
  nameCheck?: PayeeNameCheck;
  message: string;
  transactionId?: string;
  attempts: number;
  trace: Trace;
}

/** Money must not move. */
export interface AbortDecision {
  status: 'abort';
  /** Set when the check was paused and resumed by id, or `resume()` / `status()` could not find it. */
  checkId?: string;
  /** As given; `unknown` when the request named none. */
  provider: string;
  /** `unknown` only for an `invalid-request` that named no valid intent. */
  intent: Intent | 'unknown';
  reason: AbortReason;
  message: string;
  /** Set when the request had a `payeeName` and the account was found. */
  nameCheck?: PayeeNameCheck;
  transactionId?: string;
  /**
   * Lookups this check started: requests to the provider, or answers the engine gave in its place (cache, open
   * circuit, full queue). 0 when it was refused or cancelled before any.
   */
  attempts: number;
  trace: Trace;
}

/** Nothing is known yet; try the same check again later (after `retryAfterMs` when given). */
export interface RetryDecision {
  status: 'retry';
  /** Set when the check was paused and resumed by id. */
  checkId?: string;
  provider: string;
  /** `unknown` only when `resume()` could not read the check (`store-unavailable`). */
  intent: Intent | 'unknown';
  reason: RetryReason;
  message: string;
  retryAfterMs?: number;
  transactionId?: string;
  /**
   * Lookups this check started: requests to the provider, or answers the engine gave in its place (cache, open
   * circuit, full queue). 0 when it was refused or cancelled before any.
   */
  attempts: number;
  trace: Trace;
}

export type Decision = ProceedDecision | NeedsNamesDecision | NeedsConfirmationDecision | AbortDecision | RetryDecision;
export type DecisionStatus = Decision['status'];
