/** Thrown by `bounded()` when the bound passes first. */
export class BoundExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'BoundExceededError';
  }
}

/** How many times the bound is re-armed because this process, not the peer, was what held things up. */
const MAX_REARMS = 3;

/**
 * `promise`, or a rejection once `ms` have passed. The bound is for a peer that is slow or gone, not for this
 * process being busy: when the timer fires, I/O that already arrived is given one turn of the event loop to settle
 * first; and when the timer fires late (the event loop was blocked, e.g. by a burst of checks starting at once,
 * so the request may not even have been written yet), the bound starts again, up to three times.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what = 'the store'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let rearms = 0;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const due = Date.now() + ms;
      timer = setTimeout(() => {
        if (Date.now() - due > ms / 2 && rearms < MAX_REARMS) {
          rearms += 1;
          return arm();
        }
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new BoundExceededError(what, ms));
        });
      }, ms);
      timer.unref?.();
    };
    arm();
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
