import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';
import { storeUnavailable } from '../common-problems.js';
import { noteDecision } from '../middleware/request-log.js';
import { problems, ref } from '../openapi/refs.js';
import { checkIdParameter } from '../openapi/route-parts.js';
import { problemResponse } from '../problem.js';
import { refuseUnlessOwner } from '../refuse-unless-owner.js';

/** Its OpenAPI description (hono-openapi collects it into /openapi.json). */
const description = describeRoute({
  operationId: 'getCheck',
  tags: ['checks'],
  summary: 'A check: paused (for what, until when) or decided',
  parameters: [checkIdParameter],
  responses: {
    200: { description: 'What `status()` answers', content: { 'application/json': { schema: ref('CheckStatus') } } },
    ...problems('unauthorized', 'not-found', 'internal-error', 'unavailable'),
  },
});

/** GET /v1/checks/{checkId}: the caller's own check, paused (for what, until when) or decided. */
export function addStatusRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/checks/:checkId', description, async (c) => {
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
