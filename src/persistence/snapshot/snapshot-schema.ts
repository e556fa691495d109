import * as v from 'valibot';
import { lookupOutcomeSchema } from '../../core/lookup-outcome.js';
import type { PayeeNameCheck } from '../../core/decision.js';
import {
  abortDecisionSchema,
  proceedDecisionSchema,
  retryDecisionSchema,
  traceStateSchema,
  traceTransitionSchema,
} from '../../core/decision-schema.js';
import { MAX_HELD_NAME_LENGTH, PAYEE_NAME_CODES, type PayeeNameOutcome } from '../../core/payee-name.js';
import { MAX_TIMER_DELAY_MS } from '../../core/timer-delay.js';
import type { Verdict } from '../../../machines/precheck.machine.js';

/*
 * A snapshot is read back from a store anyone with write access may have edited, so it is held to more than the
 * decision's schema: strict objects (no unknown key), every string and list bounded. The shapes come from the core's
 * schemas (core/decision-schema.ts: the verdict's fields are the decisions', the trace entries are the decision's);
 * here each is made strict and its strings bounded. test/snapshot-hardening.test.ts checks that no string or list of
 * this schema is left unbounded.
 */

/** The most entries a trace may hold: a check with ten retries, restored a few times, stays far below. */
export const MAX_TRACE_ENTRIES = 128;
export const MAX_ATTEMPTS = 100;
/** How long a state, event or guard name may be. */
const MAX_NAME_LENGTH = 64;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const name = text(MAX_NAME_LENGTH);
/** Milliseconds since the epoch. */
const instant = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const delay = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_TIMER_DELAY_MS));

/** The verdict the chart keeps: a decision's status and the fields it decides, bounded. */
const verdictSchema = v.variant('status', [
  v.strictObject({ ...v.pick(proceedDecisionSchema, ['status', 'createAccount', 'verified']).entries }),
  v.strictObject({ ...v.pick(abortDecisionSchema, ['status', 'reason']).entries, detail: v.optional(text(1000)) }),
  v.strictObject({ ...v.pick(retryDecisionSchema, ['status', 'reason']).entries, retryAfterMs: v.optional(delay) }),
]);

/** One answer of the name check, its code as core/payee-name.ts pairs them. */
const answered = <Outcome extends PayeeNameOutcome>(result: Outcome) => ({
  result: v.literal(result),
  code: v.literal(PAYEE_NAME_CODES[result]),
});

/** The name check's answer as the chart keeps it (see machines/precheck.name-check.ts): the held name only on a close match. */
const nameCheckSchema = v.variant('result', [
  v.strictObject(answered('match')),
  v.strictObject({ ...answered('close-match'), heldName: v.pipe(text(MAX_HELD_NAME_LENGTH), v.minLength(1)) }),
  v.strictObject(answered('no-match')),
  v.strictObject(answered('not-possible')),
]);

/** A trace entry: the decision's, strict, its names bounded. */
const traceState = v.strictObject({ ...traceStateSchema.entries, state: name, at: instant });
const traceTransition = v.strictObject({
  ...traceTransitionSchema.entries,
  from: name,
  to: name,
  event: name,
  guard: v.optional(name),
  at: instant,
});

/**
 * `PrecheckContext` as the chart writes it, every field typed and bounded. `target` is only required to be an
 * object here: it is re-validated as `check()` validates a request (see check-snapshot.ts).
 */
export const contextSchema = v.strictObject({
  request: v.optional(v.undefined()),
  provider: v.pipe(text(64), v.minLength(1)),
  intent: v.picklist(['credit', 'debit', 'unknown']),
  providerName: text(200),
  createsAccounts: v.boolean(),
  target: v.optional(v.record(v.string(), v.unknown())),
  attempts: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_ATTEMPTS)),
  startedAt: instant,
  answer: v.optional(lookupOutcomeSchema),
  verdict: v.optional(verdictSchema),
  trace: v.pipe(v.array(traceState), v.minLength(1), v.maxLength(MAX_TRACE_ENTRIES)),
  /** Absent in a snapshot written before transitions were traced. */
  transitions: v.optional(v.pipe(v.array(traceTransition), v.maxLength(MAX_TRACE_ENTRIES))),
  waitingSince: v.optional(instant),
  nameCheck: v.optional(nameCheckSchema),
});

/** XState's persisted snapshot, as `persist()` writes it. */
export const snapshotSchema = v.strictObject({
  status: v.picklist(['active', 'done']),
  value: v.union([text(64), v.record(text(64), v.unknown())]),
  context: contextSchema,
  /** Not restored: a restored check invokes its lookup afresh, from the validated target. */
  children: v.optional(v.record(text(64), v.unknown())),
  /** The chart has no history states. */
  historyValue: v.optional(v.strictObject({})),
  /** Compared with the output the chart computes; never used as it is. */
  output: v.optional(v.unknown()),
});

export const signatureSchema = v.strictObject({
  alg: v.literal('HS256'),
  kid: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,16}$/)),
  mac: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
});

// Compile-time: what the schemas accept is what the chart's types allow.
type Accepts<Wide, Narrow extends Wide> = Narrow;
export type CheckedVerdict = Accepts<Verdict, v.InferOutput<typeof verdictSchema>>;
export type CheckedNameCheck = Accepts<PayeeNameCheck, v.InferOutput<typeof nameCheckSchema>>;

/** The first problem, by path and what was expected, never quoting the value (it may be large or hostile). */
export function describeSnapshotIssue(issues: readonly v.BaseIssue<unknown>[], what = 'the snapshot'): string {
  const [issue] = issues;
  const path = v.getDotPath(issue) ?? what;
  return `${path} is not as persist() writes it (expected ${issue.expected ?? issue.type})`;
}
