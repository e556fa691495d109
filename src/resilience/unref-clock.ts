/** The timer interface XState's `createActor(..., { clock })` takes. */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

/** Timers that do not keep the process alive: a breaker's cool-down must not hold up an application's exit. */
export const unrefClock: Clock = {
  setTimeout(fn, timeout) {
    const timer = setTimeout(fn, timeout);
    timer.unref();
    return timer;
  },
  clearTimeout(id) {
    clearTimeout(id as NodeJS.Timeout);
  },
};
