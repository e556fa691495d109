import * as v from 'valibot';
import { lookupOutcomeSchema } from '../../core/lookup-outcome.js';
import type { PayeeNameCheck } from '../../core/decision.js';
import { abortReasonSchema, retryReasonSchema } from '../../core/reasons.js';
import type { Verdict } from '../../../machines/precheck.machine.js';

/** The most entries a trace may hold: a check with ten retries, restored a few times, stays far below. */
export const MAX_TRACE_ENTRIES = 128;
export const MAX_ATTEMPTS = 100;
/** Largest delay a timer can hold (2^31 − 1 ms). */
const MAX_DELAY_MS = 2_147_483_647;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Milliseconds since the epoch. */
const instant = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const delay = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_DELAY_MS));

const verdictSchema = v.variant('status', [
  v.strictObject({ status: v.literal('proceed'), createAccount: v.boolean(), verified: v.boolean() }),
  v.strictObject({
    status: v.literal('abort'),
    reason: abortReasonSchema,
    detail: v.optional(text(1000)),
  }),
  v.strictObject({
    status: v.literal('retry'),
    reason: retryReasonSchema,
    retryAfterMs: v.optional(delay),
  }),
]);

/** The name check's answer as the chart keeps it (see machines/precheck.name-check.ts). */
const nameCheckSchema = v.variant('result', [
  v.strictObject({ result: v.literal('match'), code: v.literal('MTCH') }),
  v.strictObject({ result: v.literal('close-match'), code: v.literal('CMTC'), heldName: v.pipe(text(201), v.minLength(1)) }),
  v.strictObject({ result: v.literal('no-match'), code: v.literal('NMTC') }),
  v.strictObject({ result: v.literal('not-possible'), code: v.literal('NOAP') }),
]);

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
  trace: v.pipe(
    v.array(v.strictObject({ state: text(64), at: instant })),
    v.minLength(1),
    v.maxLength(MAX_TRACE_ENTRIES),
  ),
  /** Absent in a snapshot written before transitions were traced. */
  transitions: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          from: text(64),
          to: text(64),
          event: text(64),
          guard: v.optional(text(64)),
          at: instant,
        }),
      ),
      v.maxLength(MAX_TRACE_ENTRIES),
    ),
  ),
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
