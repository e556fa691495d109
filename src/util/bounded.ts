/** Thrown by `bounded()` when the bound passes first. */
export class BoundExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'BoundExceededError';
  }
}

/**
 * `promise`, or a rejection once `ms` have passed. The bound is for a peer that is slow or gone, not for this
 * process being busy: when the timer fires, I/O that already arrived is given one turn of the event loop to settle
 * first, so a burst of local work does not turn answered calls into timeouts.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what = 'the store'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new BoundExceededError(what, ms));
      });
    }, ms);
    timer.unref?.();
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
