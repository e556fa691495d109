type Send = <T>(args: string[]) => Promise<T>;

/**
 * Redis's clock as this process sees it: the offset between Redis's time and this process's monotonic clock
 * (`performance.now()`), from the latest reply that carried Redis's time. That reply was read after Redis wrote it, so
 * the estimate is never ahead of Redis: a deadline converted with it falls, on Redis's clock, no later than it does
 * here. Host clock changes do not move it (monotonic); a new connection forgets it (it may be another server).
 */
export function redisClock(send: Send) {
  let offset: number | undefined;
  let measuring: Promise<number> | undefined;

  const saw = (redisNowMs: number) => {
    offset = redisNowMs - performance.now();
    return offset;
  };

  return {
    /** Notes Redis's time (ms since epoch) read in a reply that has just arrived. */
    saw,
    forget() {
      offset = undefined;
    },
    /** Redis's time minus `performance.now()`, in ms: one `TIME` round trip when it is not known yet. */
    async offset(): Promise<number> {
      if (offset !== undefined) return offset;
      measuring ??= send<[string, string]>(['TIME'])
        .then(([seconds, micros]) => saw(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)))
        .finally(() => {
          measuring = undefined;
        });
      return measuring;
    },
  };
}
