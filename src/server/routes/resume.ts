import type { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.js';
import { answeredDecision } from '../engine-decision.js';
import { answerOnce } from '../idempotent-post.js';
import { describe } from '../openapi/route-descriptions.js';
import { refuseUnlessOwner } from '../refuse-unless-owner.js';
import { refuseUnlessAwaited, resumeEventOf, type ResumeAction } from '../resume-body.js';

/** POST /v1/checks/{checkId}/names, /confirm, /reject and /cancel: the caller's paused check continues. */
export function addResumeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { engine, metrics } = deps;
  const resumeRoute = (action: ResumeAction, spec: typeof describe.names) =>
    app.post(`/v1/checks/:checkId/${action}`, spec, (c) => {
      const checkId = c.req.param('checkId');
      return answerOnce(c, deps, {
        optionalBody: action !== 'names',
        run: async (body) => {
          // A body that is not what the event needs (400), or an event the check does not wait for (409): unchanged.
          const resumeEvent = resumeEventOf(action, body);
          if (resumeEvent instanceof Response) return resumeEvent;
          const refused = (await refuseUnlessOwner(c, deps.owners, checkId)) ?? (await refuseUnlessAwaited(engine, checkId, resumeEvent));
          if (refused) return refused;
          const started = performance.now();
          const decision = await engine.resume(checkId, resumeEvent);
          metrics.continued(checkId, decision);
          return answeredDecision(c, deps, started, decision);
        },
      });
    });

  resumeRoute('names', describe.names);
  resumeRoute('confirm', describe.confirm);
  resumeRoute('reject', describe.reject);
  resumeRoute('cancel', describe.cancel);
}
