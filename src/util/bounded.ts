/** Thrown by `bounded()` when the bound passes first. */
export class BoundExceededError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'BoundExceededError';
  }
}

/** When a peer last answered a call (`performance.now()`): shared by the calls to one peer. */
export interface Liveness {
  lastAnswerAt: number;
}

export const newLiveness = (): Liveness => ({ lastAnswerAt: -Infinity });

/** A timer that fires this much later than asked means the process was busy, not that the peer was slow. */
const LATE_MS = 20;
/** However busy the process or the peer's queue, a call gives up after this many times its bound. */
const MAX_EXTENSION_FACTOR = 20;
/** A store write settles by itself; this process gives up on one only this many times its bound after the call. */
export const WRITE_SAFETY_FACTOR = 20;

/**
 * `promise`, or a rejection once `ms` have passed. The bound is for a peer that is slow or gone, not for this
 * process's own load: it starts on the next turn of the event loop, once the call is sent (node-redis writes its
 * commands then: the work this turn still does is ours); it starts again when the timer fires late (our event loop
 * was busy: our time, not the peer's), and when the peer answered another call since this one began (it is up, with
 * a queue of ours to work through), the latter up to 20 times the bound in all; neither past `until` (a
 * `performance.now()` time), when given. Never rejects before `ms` have passed on the monotonic clock (a store that
 * refuses writes arriving later than `ms` relies on it). I/O that already arrived gets a turn of the event loop to
 * settle before the rejection.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what = 'the store', liveness?: Liveness, until?: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const started = performance.now();
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (wait: number) => {
      if (settled) return;
      const due = performance.now() + wait;
      timer = setTimeout(() => {
        if (settled) return;
        const now = performance.now();
        // A timer may fire a little early (the event loop's cached time): never give up before the bound.
        if (now < started + ms) return arm(started + ms - now);
        const busy = now - due > LATE_MS;
        const peerAnswering = liveness !== undefined && liveness.lastAnswerAt > started;
        const mayExtend = until === undefined || now < until;
        // Our own busy time never counts against the peer; a peer that answers others gets 20 bounds at most.
        if (mayExtend && (busy || (peerAnswering && now - started < ms * MAX_EXTENSION_FACTOR))) return arm(ms);
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new BoundExceededError(what, ms));
        });
      }, wait);
    };
    const start = setImmediate(() => arm(ms));
    promise.then(
      (value) => {
        if (liveness) liveness.lastAnswerAt = performance.now();
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

/**
 * A store write given `ms` to take effect once it leaves this process, else never (`CheckStore`'s `withinMs`): the
 * store settles it (done, refused as late, or failed), so that a failure means nothing changed. This process never
 * gives up first: it only bounds a store that would not settle, at `WRITE_SAFETY_FACTOR` times `ms`.
 */
export function boundedWrite<T>(write: (withinMs: number) => Promise<T>, ms: number, what = 'the store'): Promise<T> {
  return bounded(write(ms), ms * WRITE_SAFETY_FACTOR, what);
}
