import type { Server } from 'node:http';

/**
 * Graceful shutdown: once draining, new requests are answered 503 (middleware/drain.ts), the ones in flight
 * finish, and `settled` resolves when none is left or when the grace period ends.
 */
export function drainTracker() {
  let draining = false;
  let inFlight = 0;
  const waiters = new Set<() => void>();
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    start() {
      draining = true;
    },
    enter() {
      inFlight++;
    },
    leave() {
      inFlight--;
      if (inFlight === 0) for (const wake of waiters) wake();
    },
    /** Resolves true once nothing is in flight, false if `graceMs` passes first. */
    settled(graceMs: number): Promise<boolean> {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (idle: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(idle);
        };
        const wake = () => done(true);
        const timer = setTimeout(() => done(false), graceMs);
        waiters.add(wake);
      });
    },
  };
}

export type DrainTracker = ReturnType<typeof drainTracker>;

/**
 * Stops listening and closes the connections: idle keep-alive ones at once, busy ones when their response is sent
 * (they carry `Connection: close` while draining). Only what is still open after `graceMs` is cut.
 */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
