import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { PrecheckRequest } from '../../core/request.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { answeredDecision } from '../engine-decision.js';
import { answerOnce } from '../idempotent-post.js';
import { MAX_BODY_BYTES } from '../json-body.js';
import { maskPhone } from '../mask-phone.js';
import { problems } from '../openapi/refs.js';
import { decisionResponse, idempotencyKey, jsonBody, POST_PROBLEMS } from '../openapi/route-parts.js';
import { inQuotaSlot } from '../quota-slot.js';

/** Its OpenAPI description (hono-openapi collects it into /openapi.json). */
const description = describeRoute({
  operationId: 'createCheck',
  tags: ['checks'],
  summary: 'Decide one pre-check',
  description:
    'Always 200 with a decision once the body is JSON: a well-formed body whose fields are wrong is the decision `abort` `invalid-request`, as `check()` answers it.',
  parameters: [idempotencyKey],
  requestBody: jsonBody('PrecheckRequest', true, `The request, at most ${MAX_BODY_BYTES} bytes`),
  responses: { 200: decisionResponse, ...problems(...POST_PROBLEMS) },
});

/** POST /v1/checks: one pre-check, in a slot of its caller's quota (it may pause); the decision is 200. */
export function addCheckRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/v1/checks', description, (c) =>
    answerOnce(c, deps, {
      optionalBody: false,
      run: (body) =>
        inQuotaSlot(deps, c.get('caller'), async () => {
          const started = performance.now();
          if (typeof body === 'object' && body !== null) c.get('log').phone = maskPhone((body as { phone?: unknown }).phone);
          return answeredDecision(c, deps, started, await deps.engine.check(body as PrecheckRequest));
        }),
    }),
  );
}
