import type { Context, Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { renderPath } from '../../render-path.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { storeUnavailable } from '../common-problems.js';
import { problems } from '../openapi/refs.js';
import { checkIdParameter } from '../openapi/route-parts.js';
import { problemResponse } from '../problem.js';
import { refuseUnlessOwner } from '../refuse-unless-owner.js';

/** Paths under /docs/ are open, like /openapi.json: they hold the charts, never check data. */
export const isDocsPath = (path: string) => path === '/docs' || path.startsWith('/docs/');

/** What the pages and pictures may do in a browser: draw themselves, nothing else (no request of any kind). */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const describe = {
  pathSvg: describeRoute({
    operationId: 'getCheckPath',
    tags: ['docs'],
    summary: "A decided check's path, drawn on the precheck chart (SVG)",
    description:
      'The chart with the states and transitions the check took highlighted and numbered (`class="taken"`, `data-step`), ' +
      'the rest faded, and the decision in the caption. 404 for a check that is unknown, not yours, or not decided yet.',
    parameters: [checkIdParameter],
    responses: {
      200: { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
      ...problems('unauthorized', 'not-found', 'internal-error', 'unavailable'),
    },
  }),
  docs: describeRoute({
    operationId: 'docs',
    tags: ['docs'],
    summary: 'The machine docs as HTML: an index, and one interactive page per machine (`/docs/<machine>.html`)',
    security: [],
    responses: {
      200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
      ...problems('not-found', 'internal-error', 'unavailable'),
    },
  }),
  page: describeRoute({
    operationId: 'docsPage',
    tags: ['docs'],
    summary: "A machine's interactive page: its chart to click through, and a box that draws a pasted decision's path",
    security: [],
    parameters: [{ name: 'page', in: 'path', required: true, description: '`<machine>.html`, e.g. `precheck.html`', schema: { type: 'string' } }],
    responses: {
      200: { description: 'HTML, self-contained (it makes no request)', content: { 'text/html': { schema: { type: 'string' } } } },
      ...problems('not-found', 'internal-error', 'unavailable'),
    },
  }),
};

/** The pages, built on first use (Graphviz runs once), and kept: they depend only on the machines. */
let pages: Promise<Map<string, string>> | undefined;

async function buildPages(): Promise<Map<string, string>> {
  const [{ allMachines }, { machineGraph }, { drawChart }, { interactivePage }, { INTRODUCTIONS, pageLink }] = await Promise.all([
    import('../../docs/machine-list.js'),
    import('../../docs/machine-graph.js'),
    import('../../docs/chart-svg.js'),
    import('../../docs/interactive-page.js'),
    import('../../docs/machine-page.js'),
  ]);
  const built = new Map<string, string>();
  const links: string[] = [];
  for (const [name, machine] of allMachines()) {
    const graph = machineGraph(name, machine);
    // No observed decisions here: they are run against a sandbox when the docs are generated (docs/machines/*.html).
    built.set(`${name}.html`, interactivePage(graph, await drawChart(graph), [], INTRODUCTIONS[name]?.(pageLink(() => false))));
    links.push(`<li><a href="${name}.html">${name}</a>: ${graph.states.length} states, ${graph.transitions.length} transitions</li>`);
  }
  built.set(
    '',
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>precheck docs</title></head><body><h1>precheck: the machines</h1><ul>${links.join('')}</ul><p>A decided check's path: <code>GET /v1/checks/{checkId}/path.svg</code>. The API: <a href="/openapi.json">/openapi.json</a>.</p></body></html>\n`,
  );
  return built;
}

/** GET /v1/checks/{checkId}/path.svg (bearer auth, the caller's own checks only) and GET /docs/ (open). */
export function addDocsRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { engine } = deps;
  app.get('/v1/checks/:checkId/path.svg', describe.pathSvg, async (c) => {
    const checkId = c.req.param('checkId');
    const refused = await refuseUnlessOwner(c, deps.owners, checkId);
    if (refused) return refused;
    const status = await engine.status(checkId);
    if (status?.state === 'unavailable') return storeUnavailable();
    if (status?.state !== 'decided') return problemResponse('not-found', 'No decided check by this id (unknown, expired, not yours, or still paused).');
    return c.body(await renderPath(status.decision), 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-security-policy': SVG_POLICY });
  });
  const page = async (c: Context<AppEnv>, name: string) => {
    const html = (await (pages ??= buildPages())).get(name);
    if (html === undefined) return problemResponse('not-found', 'No such page: see /docs/.');
    return c.html(html, 200, { 'content-security-policy': PAGE_POLICY });
  };
  app.get('/docs/', describe.docs, (c) => page(c, ''));
  app.get('/docs/:page', describe.page, (c) => page(c, c.req.param('page')));
}
