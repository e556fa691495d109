import type { Decision } from '../../src/index.js';

/** Status and reason (and retryAfterMs for a retry): the parts of a decision a mapping row is about. */
export function outcome(decision: Decision) {
  return {
    status: decision.status,
    reason: 'reason' in decision ? decision.reason : undefined,
    retryAfterMs: decision.status === 'retry' ? decision.retryAfterMs : undefined,
  };
}
