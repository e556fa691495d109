import type { Env, Hono } from 'hono';
import { problemResponse } from './problem.js';

/**
 * After every route is registered: each path answers any other method 405 with `Allow` (HEAD wherever GET is, as
 * Hono answers HEAD with the GET route). A route of its own, so the request matches its path's template.
 */
export function refuseOtherMethods<E extends Env>(app: Hono<E>): void {
  const allowed = new Map<string, string[]>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue;
    const methods = allowed.get(path) ?? [];
    if (!methods.includes(method)) methods.push(method, ...(method === 'GET' ? ['HEAD'] : []));
    allowed.set(path, methods);
  }
  for (const [path, methods] of allowed) {
    const allow = methods.join(', ');
    app.all(path, (c) => problemResponse('method-not-allowed', `${c.req.method} is not allowed here; use ${allow}.`, { allow }));
  }
}
