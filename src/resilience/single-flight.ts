import type { Pending } from './pending.js';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  callers: number;
}

/**
 * Concurrent calls with the same key share one run, and its one AbortController. The shared run is aborted only
 * when every caller has given up (`cancel()`), so one caller's timeout or cancellation does not cut the others short.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  get size(): number {
    return this.flights.size;
  }

  join(key: string, start: (signal: AbortSignal) => Promise<T>): Pending<T> {
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = { controller, callers: 0, promise: undefined as unknown as Promise<T> };
      created.promise = start(controller.signal).finally(() => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      });
      this.flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.callers += 1;
    let gone = false;
    const cancel = () => {
      if (gone) return;
      gone = true;
      joined.callers -= 1;
      if (joined.callers === 0) {
        if (this.flights.get(key) === joined) this.flights.delete(key);
        joined.controller.abort();
      }
    };
    return { promise: joined.promise, cancel };
  }
}
