import * as v from 'valibot';
import { checkIdSchema, decisionSchema } from '../core/decision-schema.js';
import type { CheckStatus } from '../engine/options/precheck-options.js';

export { ABORT_REASONS, RETRY_REASONS, abortReasonSchema, retryReasonSchema } from '../core/reasons.js';
export {
  abortDecisionSchema,
  accountSchema,
  checkIdSchema,
  decisionSchema,
  nameCheckSchema,
  needsConfirmationDecisionSchema,
  needsNamesDecisionSchema,
  proceedDecisionSchema,
  retryDecisionSchema,
  traceSchema,
} from '../core/decision-schema.js';

type Exhaustive<Listed, All> = [All] extends [Listed] ? true : never;

/**
 * `GET /v1/checks/{checkId}`: what `status()` answers for a known check. Its third answer (`unavailable`: the store
 * did not answer) is a 503 problem, not a state of the check.
 */
export const checkStatusSchema = v.variant('state', [
  v.object({
    checkId: checkIdSchema,
    state: v.literal('paused'),
    waitingFor: v.picklist(['names', 'confirmation']),
    expiresAt: v.pipe(v.string(), v.isoTimestamp()),
  }),
  v.object({ checkId: checkIdSchema, state: v.literal('decided'), decision: decisionSchema }),
]);

/** `confirm`, `reject`, `cancel`: an empty body or `{}` (a field is refused, 400, as in a request). */
export const emptyBodySchema = v.strictObject({});

export const problemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.string(),
});

// The schema describes the engine's type: what the engine answers must fit it, and nothing it leaves out.
const statusFits: Exhaustive<v.InferOutput<typeof checkStatusSchema>, Exclude<CheckStatus, { state: 'unavailable' }>> = true;
void statusFits;
