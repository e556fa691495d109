import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { bounded } from '../../util/bounded.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { RETRY_AFTER_S } from '../common-problems.js';
import { problems } from '../openapi/refs.js';
import { problemResponse } from '../problem.js';

/** What /healthz and /readyz answer when all is well. */
const probeSchema: { type: 'object' } = { type: 'object', properties: { status: { type: 'string', enum: ['ok', 'ready'] } }, required: ['status'] } as { type: 'object' };

/** Their OpenAPI descriptions (hono-openapi collects them into /openapi.json). */
const describe = {
  healthz: describeRoute({
    operationId: 'healthz',
    tags: ['probes'],
    summary: 'The process is alive',
    security: [],
    responses: {
      200: { description: 'Alive', content: { 'application/json': { schema: probeSchema } } },
      ...problems('internal-error'),
    },
  }),
  readyz: describeRoute({
    operationId: 'readyz',
    tags: ['probes'],
    summary: 'The store answers and the service is not draining',
    security: [],
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: probeSchema } } },
      ...problems('internal-error', 'unavailable'),
    },
  }),
};

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
