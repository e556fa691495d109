import { problemResponse } from './problem.js';

/** Seconds a client should wait after a 503 (draining, or the store not answering). */
export const RETRY_AFTER_S = '1';

export const storeUnavailable = () => problemResponse('unavailable', 'The store did not answer; try again.', { 'retry-after': RETRY_AFTER_S });

/** 429: the caller keeps `maxPerCaller` records already; nothing was done. */
export const tooManyRecords = (maxPerCaller: number, retryAfterMs: number) =>
  problemResponse(
    'too-many-records',
    `This caller already keeps ${maxPerCaller} records (checks that paused, idempotency keys), its quota; nothing ` +
      'was done. Send it again once one has ended (Retry-After), or have the quota raised (--max-records-per-caller).',
    { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
  );
