/** The first wait between two claim attempts; it doubles each round. */
const FIRST_WAIT_MS = 10;
/** However long the deadline, this many rounds of waiting fit in it: the last waits are an eighth of it at most. */
const LONGEST_WAIT_SHARE = 8;

/**
 * How long to wait before claim round `round` (≥ 1): doubling from 10 ms, capped at an eighth of the caller's
 * deadline, half of it random so that callers waiting on one check do not come back in step.
 */
export function claimBackoffMs(round: number, deadlineMs: number): number {
  const ceiling = Math.min(FIRST_WAIT_MS * 2 ** round, deadlineMs / LONGEST_WAIT_SHARE);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
