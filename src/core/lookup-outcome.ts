import * as v from 'valibot';
import { MAX_TIMER_DELAY_MS } from './timer-delay.js';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const delay = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_TIMER_DELAY_MS));

/** The provider's own code and words, kept for messages (never credentials: they are redacted first). */
export const providerStatusSchema = v.strictObject({
  code: v.union([v.pipe(v.number(), v.finite()), text(64)]),
  description: v.optional(text(200)),
});
const saidBy = { providerStatus: v.optional(providerStatusSchema) };

/**
 * What the provider said, in the machine's terms (deciding what to do with it is the machine's job), as the providers
 * and the guarded lookup write it, strings cut as they cut them: `LookupOutcome` is this schema's type, and snapshots
 * are checked against it.
 */
export const lookupOutcomeSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('found'),
    account: v.strictObject({
      phone: v.optional(text(32)),
      accountNumber: v.optional(text(64)),
      firstName: v.optional(text(100)),
      lastName: v.optional(text(100)),
      fullName: v.optional(text(201)),
      /** The FSP that holds the account (Mojaloop's `partyIdInfo.fspId`). */
      fspId: v.optional(text(32)),
    }),
    /** The currencies the account takes (ISO 4217), when the provider lists them: a request's `currency` must be one. */
    supportedCurrencies: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(3), v.regex(/^[A-Z]{3}$/))), v.maxLength(16))),
    ...saidBy,
  }),
  v.strictObject({ kind: v.literal('not-found'), ...saidBy }),
  /** The account exists but cannot take transactions (blocked, suspended, dormant). */
  v.strictObject({ kind: v.literal('inactive'), ...saidBy }),
  v.strictObject({ kind: v.literal('unverifiable'), ...saidBy }),
  v.strictObject({ kind: v.literal('refused'), reason: v.picklist(['auth-failed', 'service-not-configured']), ...saidBy }),
  v.strictObject({
    kind: v.literal('unavailable'),
    reason: v.picklist(['provider-unavailable', 'rate-limited', 'timeout']),
    retryAfterMs: v.optional(delay),
    /** Refused by the engine itself, without a request: not worth retrying within this check. */
    shed: v.optional(v.picklist(['circuit-open', 'queue-full'])),
    ...saidBy,
  }),
  v.strictObject({ kind: v.literal('unexpected'), detail: text(300), ...saidBy }),
]);

export type ProviderStatus = v.InferOutput<typeof providerStatusSchema>;

/** What the provider said, in the machine's terms: see `lookupOutcomeSchema`. */
export type LookupOutcome = v.InferOutput<typeof lookupOutcomeSchema>;
