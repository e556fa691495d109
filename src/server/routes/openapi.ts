import type { Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';
import { documentation } from '../openapi/document.js';
import { describe } from '../openapi/route-descriptions.js';

/**
 * GET /openapi.json: the document, generated from the app's routes on first use. hono-openapi's own handler leaves
 * its route out of the document; this one is in it, like every route.
 */
export function addOpenApiRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  let document: Promise<unknown> | undefined;
  app.get('/openapi.json', describe.openapi, async (c) =>
    c.json(await (document ??= generateSpecs(app, documentation(deps.version, deps.quota.maxPerCaller)))),
  );
}
