/** Thrown by `bounded()` when the bound passes first. */
export class BoundExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'BoundExceededError';
  }
}

/** When a peer last answered a call (ms since epoch): shared by the calls to one peer. */
export interface Liveness {
  lastAnswerAt: number;
}

export const newLiveness = (): Liveness => ({ lastAnswerAt: 0 });

/** A timer that fires this much later than asked means the process was busy, not that the peer was slow. */
const LATE_MS = 20;
/** However busy the process or the peer's queue, a call gives up after this many times its bound. */
const MAX_EXTENSION_FACTOR = 20;

/**
 * `promise`, or a rejection once `ms` have passed. The bound is for a peer that is slow or gone, not for this
 * process's own load: it starts on the next turn of the event loop, once the call is sent (node-redis writes its
 * commands then: the work this turn still does is ours); it starts again when the timer fires late (our event loop
 * was busy: our time, not the peer's), and when the peer answered another call since this one began (it is up, with
 * a queue of ours to work through), the latter up to 20 times the bound in all.
 * I/O that already arrived gets a turn of the event loop to settle before the rejection.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what = 'the store', liveness?: Liveness): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const started = Date.now();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (settled) return;
      const due = Date.now() + ms;
      timer = setTimeout(() => {
        if (settled) return;
        const now = Date.now();
        const busy = now - due > LATE_MS;
        const peerAnswering = liveness !== undefined && liveness.lastAnswerAt > started;
        // Our own busy time never counts against the peer; a peer that answers others gets 20 bounds at most.
        if (busy || (peerAnswering && now - started < ms * MAX_EXTENSION_FACTOR)) {
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
    const start = setImmediate(arm);
    promise.then(
      (value) => {
        if (liveness) liveness.lastAnswerAt = Date.now();
        if (settled) return;
        settled = true;
        clearImmediate(start);
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearImmediate(start);
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
