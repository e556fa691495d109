import type { Context, MiddlewareHandler } from 'hono';
import type { Decision } from '../../core/decision.js';
import type { AppEnv } from '../app-env.js';
import type { ServiceMetrics } from '../metrics.js';
import { checkIdOf } from '../paused-check.js';
import type { RequestLogger } from '../request-logger.js';
import { routeTemplateOf } from '../route-template.js';

/**
 * The outermost middleware: once a request is answered, its log line and its count in `precheck_http_requests_total`,
 * both by route template (`unmatched` in the metric when no route matched, never a path: labels stay a bounded set).
 * The routes add fields to the line with `c.get('log')`.
 */
export function logRequests(log: RequestLogger, metrics: ServiceMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    c.set('log', {});
    try {
      await next();
    } finally {
      const template = routeTemplateOf(c);
      metrics.request(c.req.method, template ?? 'unmatched', c.res.status);
      const route = template ?? c.req.path.slice(0, 100);
      log({ method: c.req.method, route, status: c.res.status, durationMs: Math.round(performance.now() - started), ...c.get('log') });
    }
  };
}

/** Notes a decision's status, reason and check id in the request's log line. */
export function noteDecision(c: Context<AppEnv>, decision: Decision): void {
  const fields = c.get('log');
  fields.decision = decision.status;
  if ('reason' in decision) fields.reason = decision.reason;
  fields.checkId ??= checkIdOf(decision);
}
