/**
 * The longest wait a decision's `retryAfterMs` carries: 24 h. A provider asking for more is saying "much later";
 * beyond this the number would only overflow timers (2^31−1 ms is under 25 days) or JSON (`Infinity` is `null`).
 */
export const RETRY_AFTER_LIMIT_MS = 24 * 60 * 60 * 1000;

/** A wait as a decision carries it: a finite integer in [0, 24 h]. Anything that is not a number: undefined. */
export function boundRetryAfter(ms: unknown): number | undefined {
  if (typeof ms !== 'number' || Number.isNaN(ms)) return undefined;
  return Math.min(RETRY_AFTER_LIMIT_MS, Math.max(0, Math.round(ms)));
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date, within 24 h. Absent or unreadable: undefined. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  // 400 nines are Infinity seconds: bounded like any other long wait.
  if (/^\d+$/.test(trimmed)) return boundRetryAfter(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return boundRetryAfter(date - now);
}
