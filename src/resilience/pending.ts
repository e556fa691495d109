/** A caller's share of work under way: its result, and `cancel()` to give it up (idempotent; never throws). */
export interface Pending<T> {
  promise: Promise<T>;
  cancel: () => void;
}

/** `pending`, given up when `signal` aborts: for a caller that already has a signal (an actor's). */
export function cancelledBy<T>(pending: Pending<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    pending.cancel();
    return pending.promise;
  }
  signal.addEventListener('abort', pending.cancel, { once: true });
  return pending.promise.finally(() => signal.removeEventListener('abort', pending.cancel));
}
