/** Thrown by `bounded()` when the bound passes first. */
export class BoundExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'BoundExceededError';
  }
}

/** A timer that fires this much later than asked means the process was busy, not that the peer was slow. */
const LATE_MS = 20;
/** How many times a busy process gives the peer its bound again, so that a process busy for good still gives up. */
const MAX_EXTENSIONS = 5;

/**
 * `promise`, or a rejection once `ms` have passed. The bound is for a peer that is slow or gone, not for this
 * process being busy: when the timer fires late (the event loop was blocked by our own work), the peer gets its bound
 * again, and I/O that already arrived is given a turn of the event loop to settle before the rejection.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what = 'the store'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let extensions = 0;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const due = Date.now() + ms;
      timer = setTimeout(() => {
        if (settled) return;
        if (Date.now() - due > LATE_MS && extensions < MAX_EXTENSIONS) {
          extensions += 1;
          arm();
          return;
        }
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new BoundExceededError(what, ms));
        });
      }, ms);
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
