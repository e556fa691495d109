import type { Context } from 'hono';
import { routePath } from 'hono/route';

/**
 * The template of the route a request matched (`/v1/checks/{checkId}`), for metric labels and the log; undefined when
 * none did (only the middleware, registered as `/*`, matched). The last matched route (index -1) is the route's own,
 * whichever handler answered (a middleware's 401 or 503 included); a wrong method matches its path's 405 route
 * (method-not-allowed.ts).
 */
export function routeTemplateOf(c: Context): string | undefined {
  const path = routePath(c, -1);
  return path === '/*' || path === '' ? undefined : path.replace(/:(\w+)/g, '{$1}');
}
