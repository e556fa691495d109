import type { Hono } from 'hono';
import { describeRoute, type DescribeRouteOptions } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';
import { answeredDecision } from '../engine-decision.js';
import { answerOnce } from '../idempotent-post.js';
import { problemRef, problems } from '../openapi/refs.js';
import { checkIdParameter, decisionResponse, idempotencyKey, jsonBody, POST_PROBLEMS } from '../openapi/route-parts.js';
import { refuseUnlessOwner } from '../refuse-unless-owner.js';
import { refuseUnlessAwaited, resumeEventOf, type ResumeAction } from '../resume-body.js';

const RESUME_REFUSALS = `A body that is not what the event needs (a missing or unknown field) answers 400
(\`/problems/invalid-resume\`), and an event the check does not wait for (\`confirm\` on a check waiting for names, say)
409 (\`/problems/not-awaited\`) saying what it waits for: either way the check stays paused, unchanged. A decided check
answers its stored decision.`;

const describeResume = (action: string, summary: string, body: ReturnType<typeof jsonBody>): DescribeRouteOptions => ({
  operationId: `${action}Check`,
  tags: ['checks'],
  summary,
  description: RESUME_REFUSALS,
  parameters: [checkIdParameter, idempotencyKey],
  requestBody: body,
  responses: { 200: decisionResponse, ...problems(...POST_PROBLEMS), 404: problemRef(404) },
});

const optionalEmpty = jsonBody('EmptyBody', false, 'Empty, or `{}`');

/** By action, for the route of each. */
const describe: Record<ResumeAction, ReturnType<typeof describeRoute>> = {
  names: describeRoute(describeResume('names', 'Continue a `needs-names` check with the payee\'s names', jsonBody('Names', true, '`{ firstName, lastName }`'))),
  confirm: describeRoute(describeResume('confirm', 'The payer confirms the account name of a `needs-confirmation` check', optionalEmpty)),
  reject: describeRoute(describeResume('reject', 'The payer rejects the account name (abort `payee-rejected`)', optionalEmpty)),
  cancel: describeRoute(describeResume('cancel', 'Cancel a paused check (abort `cancelled`)', optionalEmpty)),
};

/** POST /v1/checks/{checkId}/names, /confirm, /reject and /cancel: the caller's paused check continues. */
export function addResumeRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { engine, metrics } = deps;
  const resumeRoute = (action: ResumeAction) =>
    app.post(`/v1/checks/:checkId/${action}`, describe[action], (c) => {
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

  resumeRoute('names');
  resumeRoute('confirm');
  resumeRoute('reject');
  resumeRoute('cancel');
}
