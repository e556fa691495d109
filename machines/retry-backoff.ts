import { timerDelay } from '../src/core/timer-delay.js';
import type { PrecheckContext } from './precheck.context.js';

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
 * full jitter (a random wait up to `baseMs * 2^(attempts-1)`), so that many callers do not retry in step. Always a
 * delay a timer honours (an integer in [0, 2^31−1] ms), however large the doubling gets.
 */
export function retryBackoff(attempts: number, baseMs: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined && !Number.isNaN(retryAfterMs)) return timerDelay(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  return timerDelay(random() * baseMs * 2 ** Math.max(0, attempts - 1));
}
