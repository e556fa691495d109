import type { Hono } from 'hono';
import { bounded } from '../../util/bounded.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { RETRY_AFTER_S } from '../common-problems.js';
import { describe } from '../openapi/route-descriptions.js';
import { problemResponse } from '../problem.js';

/** GET /healthz (the process is alive) and GET /readyz (the store answers and the service is not draining). */
export function addHealthRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/healthz', describe.healthz, (c) => c.json({ status: 'ok' }));

  app.get('/readyz', describe.readyz, async (c) => {
    if (deps.drain.draining) return problemResponse('unavailable', 'The service is shutting down.', { 'retry-after': RETRY_AFTER_S });
    try {
      await bounded(deps.store.ping(), Math.max(deps.storeTimeoutMs, 1000));
    } catch {
      return problemResponse('unavailable', 'The store does not answer.', { 'retry-after': RETRY_AFTER_S });
    }
    return c.json({ status: 'ready' });
  });
}
