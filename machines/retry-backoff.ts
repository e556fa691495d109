import type { PrecheckContext } from './precheck.machine.js';

/** Longest `Retry-After` we wait for inside one check; beyond it the caller gets `retry` with the provider's delay. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * Whether another attempt can start inside the deadline: time is left, and the provider's `Retry-After` (if any)
 * ends before the deadline does. Otherwise the caller is better served by `retry` now, with the provider's delay.
 */
export function retryFitsDeadline(context: PrecheckContext, deadlineMs: number, now = Date.now()): boolean {
  const elapsed = now - context.startedAt;
  const retryAfterMs = context.answer?.kind === 'unavailable' ? (context.answer.retryAfterMs ?? 0) : 0;
  return retryAfterMs <= MAX_RETRY_AFTER_MS && elapsed + retryAfterMs < deadlineMs;
}

/**
 * Wait before attempt `attempts + 1`: the provider's `Retry-After` when it gave one, else exponential back-off with
 * full jitter (a random wait up to `baseMs * 2^(attempts-1)`), so that many callers do not retry in step.
 */
export function retryBackoff(attempts: number, baseMs: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.round(random() * baseMs * 2 ** Math.max(0, attempts - 1));
}
