import type { CallbackRelay, CallbackWait } from '../core/callback-relay.js';

/** Most lookups one process may have outstanding at once: past it, `open` answers at once with no payload. */
export const MAX_OUTSTANDING_CALLBACKS = 10_000;

interface Waiter {
  settle(payload: string | undefined): void;
}

/**
 * The relay of one process (`CallbackRelay`): outstanding keys in a map, each with its waiters and its window's
 * timer. Several lookups of the same key (single flight switched off) each get the one payload delivered.
 */
export class MemoryCallbackRelay implements CallbackRelay {
  private readonly outstanding = new Map<string, Set<Waiter>>();
  private size = 0;

  open(key: string, windowMs: number, signal?: AbortSignal): CallbackWait {
    if (this.size >= MAX_OUTSTANDING_CALLBACKS || signal?.aborted) {
      return { ready: Promise.resolve(), answer: Promise.resolve(undefined), close: () => {} };
    }
    let resolve!: (payload: string | undefined) => void;
    const answer = new Promise<string | undefined>((r) => (resolve = r));
    let settled = false;
    const waiter: Waiter = {
      settle: (payload) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const waiters = this.outstanding.get(key);
        if (waiters?.delete(waiter)) this.size--;
        if (waiters?.size === 0) this.outstanding.delete(key);
        resolve(payload);
      },
    };
    const onAbort = () => waiter.settle(undefined);
    // Not unref'd: a lookup waiting for its callback is work in progress, bounded by its window.
    const timer = setTimeout(onAbort, Math.max(0, windowMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    let waiters = this.outstanding.get(key);
    if (!waiters) this.outstanding.set(key, (waiters = new Set()));
    waiters.add(waiter);
    this.size++;
    return { ready: Promise.resolve(), answer, close: onAbort };
  }

  async deliver(key: string, payload: string): Promise<boolean> {
    const waiters = this.outstanding.get(key);
    if (!waiters || waiters.size === 0) return false;
    for (const waiter of [...waiters]) waiter.settle(payload);
    return true;
  }
}
