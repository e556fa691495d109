import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { RETRY_AFTER_S } from '../common-problems.js';
import { problemResponse } from '../problem.js';
import type { DrainTracker } from '../shutdown.js';
import { isFspiopPath } from '../routes/fspiop-callbacks.js';

/** Probes answer while draining (a draining process is alive, and still worth scraping); /readyz says it drains. */
const OPEN_WHILE_DRAINING = new Set(['/healthz', '/metrics']);

/** Counts the requests in flight (what a graceful stop waits for); while draining, each answer closes its connection. */
export function countInFlight(drain: DrainTracker): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    drain.enter();
    try {
      await next();
    } finally {
      drain.leave();
      if (drain.draining) c.res.headers.set('connection', 'close');
    }
  };
}

/**
 * While draining, every request but the probes answers 503: send it to another instance. The Mojaloop switch's
 * callbacks (`fspiopCallbacks`: mounted here) are still taken: the checks in flight may be waiting for them.
 */
export function refuseWhileDraining(drain: DrainTracker, fspiopCallbacks = false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (drain.draining && !OPEN_WHILE_DRAINING.has(c.req.path) && !(fspiopCallbacks && isFspiopPath(c.req.path))) {
      return problemResponse('unavailable', 'The service is shutting down; send this request to another instance.', {
        'retry-after': RETRY_AFTER_S,
        connection: 'close',
      });
    }
    return next();
  };
}
