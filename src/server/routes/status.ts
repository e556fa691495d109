import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { storeUnavailable } from '../common-problems.js';
import { noteDecision } from '../middleware/request-log.js';
import { describe } from '../openapi/route-descriptions.js';
import { problemResponse } from '../problem.js';
import { refuseUnlessOwner } from '../refuse-unless-owner.js';

/** GET /v1/checks/{checkId}: the caller's own check, paused (for what, until when) or decided. */
export function addStatusRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/checks/:checkId', describe.getCheck, async (c) => {
    const checkId = c.req.param('checkId');
    const refused = await refuseUnlessOwner(c, deps.owners, checkId);
    if (refused) return refused;
    const status = await deps.engine.status(checkId);
    if (status === undefined) return problemResponse('not-found', 'No such check (unknown, expired, or not yours).');
    if (status.state === 'unavailable') return storeUnavailable();
    if (status.state === 'decided') noteDecision(c, status.decision);
    return c.json(status);
  });
}
