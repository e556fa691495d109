import type { Hono } from 'hono';
import { describeRoute, generateSpecs } from 'hono-openapi';
import type { AppDeps, AppEnv } from '../app-env.js';
import { documentation } from '../openapi/document.js';
import { problems } from '../openapi/refs.js';

/** Its OpenAPI description (hono-openapi collects it into /openapi.json). */
const description = describeRoute({
  operationId: 'openapi',
  tags: ['probes'],
  summary: 'This document',
  security: [],
  responses: {
    200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
    ...problems('internal-error', 'unavailable'),
  },
});

/**
 * GET /openapi.json: the document, generated from the app's routes on first use. hono-openapi's own handler leaves
 * its route out of the document; this one is in it, like every route.
 */
export function addOpenApiRoute(app: Hono<AppEnv>, deps: AppDeps): void {
  let document: Promise<unknown> | undefined;
  app.get('/openapi.json', description, async (c) =>
    c.json(await (document ??= generateSpecs(app, documentation(deps.version, deps.quota.maxPerCaller)))),
  );
}
