import type { Decision } from '../../src/index.js';

/** Status and reason (and retryAfterMs for a retry): the parts of a decision a mapping row is about. */
export function outcome(decision: Decision) {
  return {
    status: decision.status,
    reason: 'reason' in decision ? decision.reason : undefined,
    retryAfterMs: decision.status === 'retry' ? decision.retryAfterMs : undefined,
  };
}

/** A decision's reason, where it has one. */
export const reasonOf = (decision: Decision) => ('reason' in decision ? decision.reason : undefined);

/** A decision's message, or '' where it has none. */
export const messageOf = (decision: Decision) => ('message' in decision ? decision.message : '');
