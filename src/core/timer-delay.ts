/** The longest delay a Node timer honours: beyond 2^31−1 ms, `setTimeout` fires after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** `ms` as a delay a timer honours: an integer in [0, 2^31−1]. NaN is 0 (due now). */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.round(ms)));
}
