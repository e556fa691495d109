import type { Hono } from 'hono';
import type { PrecheckRequest } from '../../types/request.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { answeredDecision } from '../engine-decision.js';
import { answerOnce } from '../idempotent-post.js';
import { maskPhone } from '../mask-phone.js';
import { describe } from '../openapi/route-descriptions.js';
import { inQuotaSlot } from '../quota-slot.js';

/** POST /v1/checks: one pre-check, in a slot of its caller's quota (it may pause); the decision is 200. */
export function addCheckRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/v1/checks', describe.createCheck, (c) =>
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
