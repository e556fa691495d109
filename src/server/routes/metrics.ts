import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';
import { problems } from '../openapi/refs.js';

/** Its OpenAPI description (hono-openapi collects it into /openapi.json). */
const description = describeRoute({
  operationId: 'metrics',
  tags: ['probes'],
  summary: 'Prometheus metrics',
  security: [],
  responses: {
    200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
    ...problems('internal-error'),
  },
});

/** GET /metrics: the service's Prometheus metrics. */
export function addMetricsRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/metrics', description, async (c) => {
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}
