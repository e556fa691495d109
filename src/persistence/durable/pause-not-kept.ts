import type { Decision } from '../../core/decision.js';

/**
 * What a pause the store did not keep answers (the check's record, or the service's owner record): retry
 * `store-unavailable`, with what the check had found, never a pause without the id to continue it.
 */
export function pauseNotKept(paused: Decision): Decision {
  const { provider, intent, transactionId, attempts, trace } = paused;
  return {
    status: 'retry',
    reason: 'store-unavailable',
    provider,
    intent,
    ...(transactionId !== undefined && { transactionId }),
    message:
      `The check paused (${paused.status}) but the check store did not answer in time, so it was not kept and there ` +
      'is nothing to resume. Check again later.',
    attempts,
    trace,
  };
}
