import * as v from 'valibot';
import type { Decision, PayeeNameCheck } from './decision.js';
import { abortReasonSchema, retryReasonSchema } from './reasons.js';
import { INTENTS } from './request.js';

/*
 * The decision's shape as a schema: the service's bodies and its OpenAPI document use it. The types in decision.ts
 * are checked against it below (what the engine answers must fit it, and nothing it leaves out), so the two cannot
 * drift apart.
 */

type Exhaustive<Listed, All> = [All] extends [Listed] ? true : never;

const intent = v.picklist(INTENTS);
const count = v.pipe(v.number(), v.integer(), v.minValue(0));


export const accountSchema = v.object({
  phone: v.optional(v.string()),
  accountNumber: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  fullName: v.optional(v.string()),
  fspId: v.optional(v.string()),
});

export const traceSchema = v.object({
  states: v.array(v.object({ state: v.string(), at: v.number() })),
  transitions: v.optional(
    v.array(v.object({ from: v.string(), to: v.string(), event: v.string(), guard: v.optional(v.string()), at: v.number() })),
  ),
  attempts: count,
  durationMs: v.number(),
  providerStatus: v.optional(v.object({ code: v.union([v.number(), v.string()]), description: v.optional(v.string()) })),
});

/** A payee name check's answer; `heldName` only on a close match. */
export const nameCheckSchema = v.object({
  result: v.picklist(['match', 'close-match', 'no-match', 'not-possible']),
  code: v.picklist(['MTCH', 'CMTC', 'NMTC', 'NOAP']),
  heldName: v.optional(v.string()),
});

const common = {
  provider: v.string(),
  transactionId: v.optional(v.string()),
  attempts: count,
  trace: traceSchema,
};

export const checkIdSchema = v.pipe(v.string(), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));

export const proceedDecisionSchema = v.object({
  status: v.literal('proceed'),
  ...common,
  checkId: v.optional(checkIdSchema),
  intent,
  createAccount: v.boolean(),
  verified: v.boolean(),
  account: accountSchema,
  nameCheck: v.optional(nameCheckSchema),
});

export const needsNamesDecisionSchema = v.object({
  status: v.literal('needs-names'),
  ...common,
  checkId: v.optional(checkIdSchema),
  intent,
  message: v.string(),
});

export const needsConfirmationDecisionSchema = v.object({
  status: v.literal('needs-confirmation'),
  ...common,
  checkId: v.optional(checkIdSchema),
  intent,
  account: accountSchema,
  nameCheck: v.optional(nameCheckSchema),
  message: v.string(),
});

export const abortDecisionSchema = v.object({
  status: v.literal('abort'),
  ...common,
  checkId: v.optional(checkIdSchema),
  intent: v.picklist([...INTENTS, 'unknown']),
  reason: abortReasonSchema,
  message: v.string(),
  nameCheck: v.optional(nameCheckSchema),
});

export const retryDecisionSchema = v.object({
  status: v.literal('retry'),
  ...common,
  checkId: v.optional(checkIdSchema),
  intent: v.picklist([...INTENTS, 'unknown']),
  reason: retryReasonSchema,
  message: v.string(),
  retryAfterMs: v.optional(count),
});

/** A decision, whatever its status: what every check and resume route answers with 200. */
export const decisionSchema = v.variant('status', [
  proceedDecisionSchema,
  needsNamesDecisionSchema,
  needsConfirmationDecisionSchema,
  abortDecisionSchema,
  retryDecisionSchema,
]);

const nameCheckFits: Exhaustive<v.InferOutput<typeof nameCheckSchema>, PayeeNameCheck> = true;
const decisionFits: Exhaustive<v.InferOutput<typeof decisionSchema>, Decision> = true;
void nameCheckFits;
void decisionFits;
