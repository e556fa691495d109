import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandboxProcess } from './support/sandbox-process.js';
import { providerEnv, startServeProcess, type ServeProcess } from './support/serve-process.js';

/** GET /v1/checks/{checkId}/path.svg (bearer, the caller's own checks) and GET /docs/ (open), over real HTTP. */
const ALICE = 'alice-token-5d0e9b1c7a3f42';
const BOB = 'bob-token-2c8f6a4e1d9b07';

const served = suite<{ sandbox: Awaited<ReturnType<typeof startSandboxProcess>>; serve: ServeProcess }>('precheck serve: docs and paths');

served.before(async (context) => {
  context.sandbox = await startSandboxProcess();
  context.serve = await startServeProcess([], { ...providerEnv(context.sandbox.providers), PRECHECK_SERVE_TOKENS: `${ALICE}, ${BOB}` });
});
served.after(async ({ serve, sandbox }) => {
  await serve.stop();
  await sandbox.close();
});

const post = async (url: string, body: unknown, token = ALICE) =>
  (await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

served("a decided check's path: the owner's only, as SVG with the taken path marked", async ({ serve }) => {
  const paused = await post(`${serve.url}/v1/checks`, { provider: 'bmo', intent: 'credit', phone: '+2290197000404' });
  assert.is(paused.status, 'needs-names');
  const pathOf = (id: string, token?: string) => fetch(`${serve.url}/v1/checks/${id}/path.svg`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  assert.is((await pathOf(paused.checkId, ALICE)).status, 404, 'not decided yet');
  const decided = await post(`${serve.url}/v1/checks/${paused.checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' });
  assert.is(decided.status, 'proceed');

  const response = await pathOf(paused.checkId, ALICE);
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', 'image/svg+xml');
  const svg = await response.text();
  const steps = [...svg.matchAll(/<g id="e\d+[ab]?" class="edge transition taken"[^>]*data-step="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal([...new Set(steps)].sort((a, b) => a - b), decided.trace.transitions.map((_: unknown, i: number) => i + 1));
  assert.match(svg, 'decision: proceed');
  assert.not.match(svg, 'Afi', 'no names in the picture');

  assert.is((await pathOf(paused.checkId, BOB)).status, 404, "another caller's check");
  assert.is((await pathOf(paused.checkId)).status, 401, 'no token');
  assert.is((await pathOf('chk_unknown', ALICE)).status, 404, 'unknown id');
});

served('GET /docs/ and the interactive pages are open, HTML, and in the OpenAPI document', async ({ serve }) => {
  const index = await fetch(`${serve.url}/docs/`);
  assert.is(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', 'text/html');
  assert.match(await index.text(), 'href="precheck.html"');
  const page = await fetch(`${serve.url}/docs/precheck.html`);
  assert.is(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', "default-src 'none'");
  assert.match(await page.text(), 'data-state="checking.lookingUp"');
  assert.is((await fetch(`${serve.url}/docs/nothing.html`)).status, 404);
  const document = await (await fetch(`${serve.url}/openapi.json`)).json();
  assert.ok(document.paths['/v1/checks/{checkId}/path.svg']?.get, 'path.svg is declared');
  assert.ok(document.paths['/docs/']?.get, '/docs/ is declared');
  assert.equal(document.paths['/docs/'].get.security, []);
});

served.run();
