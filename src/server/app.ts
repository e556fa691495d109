import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './app-env.js';
import { refuseOtherMethods } from './method-not-allowed.js';
import { authenticateCaller } from './middleware/bearer-auth.js';
import { countInFlight, refuseWhileDraining } from './middleware/drain.js';
import { logRequests } from './middleware/request-log.js';
import { problemResponse } from './problem.js';
import { addCheckRoute } from './routes/checks.js';
import { addDocsRoutes } from './routes/docs.js';
import { addFspiopCallbackRoutes, unknownUri } from './routes/fspiop-callbacks.js';
import { addHealthRoutes } from './routes/health.js';
import { addMetricsRoute } from './routes/metrics.js';
import { addOpenApiRoute } from './routes/openapi.js';
import { addResumeRoutes } from './routes/resume.js';
import { addStatusRoute } from './routes/status.js';

/**
 * The HTTP face of the engine: the middleware every request passes (log and metric, drain, bearer auth, in that
 * order), then every route of the service. The routes are registered in the order the OpenAPI document lists them.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', logRequests(deps.log, deps.metrics));
  app.use('*', countInFlight(deps.drain));
  app.use('*', refuseWhileDraining(deps.drain, deps.fspiopCallbacks));
  app.use('*', authenticateCaller(deps.auth, deps.fspiopCallbacks));

  addCheckRoute(app, deps);
  addStatusRoute(app, deps);
  addResumeRoutes(app, deps);
  addHealthRoutes(app, deps);
  addMetricsRoute(app, deps);
  addDocsRoutes(app, deps);
  if (deps.fspiopCallbacks) addFspiopCallbackRoutes(app, deps.engine);
  addOpenApiRoute(app, deps);
  refuseOtherMethods(app);

  app.notFound(() => problemResponse('not-found', 'No such route.'));
  app.onError((error, c) => {
    c.get('log').problem = error instanceof Error ? error.name : 'error';
    return problemResponse('internal-error', 'Something went wrong on our side; the request may be retried.');
  });
  return app;
}

/**
 * The callback listener of its own (`--callback-listen`): the Mojaloop switch's callbacks under `/fspiop` and nothing
 * else, logged, metered and drained like the service's requests. Open while draining: the checks in flight wait for them.
 */
export function createCallbackApp(deps: Pick<AppDeps, 'engine' | 'log' | 'metrics' | 'drain'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', logRequests(deps.log, deps.metrics));
  app.use('*', countInFlight(deps.drain));
  addFspiopCallbackRoutes(app, deps.engine);
  refuseOtherMethods(app);
  app.notFound(() => unknownUri());
  app.onError(() => Response.json({ errorInformation: { errorCode: '2001', errorDescription: 'Internal server error' } }, { status: 500 }));
  return app;
}
