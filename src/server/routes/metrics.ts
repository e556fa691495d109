import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { describe } from '../openapi/route-descriptions.js';

/** GET /metrics: the service's Prometheus metrics. */
export function addMetricsRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/metrics', describe.metrics, async (c) => {
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { 'content-type': deps.metrics.registry.contentType });
  });
}
