import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createServer, type PrecheckServer } from '../src/server/index.js';
import { contractOf } from './support/openapi-contract.js';

/**
 * Issue 21, item 2, over HTTP: strict request bodies, resume bodies that are what their event needs (else 400), and
 * events the check waits for (else 409); the check stays paused either way. Every answer fits the served document.
 */
interface Context {
  sandbox: Sandbox;
  server: PrecheckServer;
  url: string;
  contract: ReturnType<typeof contractOf>;
}

const strict = suite<Context>('service: strict bodies');
const TOKEN = 'strict-token-6a1f0e9d2c';

strict.before(async (context) => {
  context.sandbox = await startSandbox();
  context.server = createServer({ engine: { providers: context.sandbox.providers }, tokens: [TOKEN], log: () => {} });
  context.url = (await context.server.listen(0, '127.0.0.1')).url;
  context.contract = contractOf(await (await fetch(`${context.url}/openapi.json`)).json());
});

strict.after(async ({ server, sandbox }) => {
  await server.close(0);
  await sandbox.close();
});

async function call(context: Context, method: string, path: string, body?: unknown, raw?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${context.url}${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = text === '' ? undefined : JSON.parse(text);
  const violation = context.contract.violation({ method, path, status: response.status, contentType, body: parsed });
  assert.is(violation, undefined, `${method} ${path} → ${response.status} does not fit /openapi.json: ${violation}\n${text}`);
  return { status: response.status, contentType, body: parsed as any };
}

function assertProblem(answer: { status: number; contentType: string; body: any }, status: number, type: string, detail: RegExp) {
  assert.is(answer.status, status, JSON.stringify(answer.body));
  assert.is(answer.contentType, 'application/problem+json');
  assert.is(answer.body.type, `/problems/${type}`);
  assert.match(answer.body.detail, detail);
}

let next = Math.floor(Math.random() * 50_000);
const unknownPhone = () => `+22901962${String(next++ % 100_000).padStart(5, '0')}`;

/** A check paused for names (B-MO does not know the number), by its id. */
async function pausedForNames(context: Context): Promise<string> {
  const paused = await call(context, 'POST', '/v1/checks', { provider: 'bmo', intent: 'credit', phone: unknownPhone() });
  assert.is(paused.body.status, 'needs-names');
  return paused.body.checkId;
}

async function assertStillPaused(context: Context, checkId: string, waitingFor: string) {
  const status = await call(context, 'GET', `/v1/checks/${checkId}`);
  assert.equal([status.status, status.body.state, status.body.waitingFor], [200, 'paused', waitingFor]);
}

strict('a misspelt request field (payeename) → 200 abort invalid-request, did you mean payeeName', async (context) => {
  const answer = await call(context, 'POST', '/v1/checks', { provider: 'bmo', intent: 'debit', phone: '+2290197000001', payeename: 'Yaw Mensah' });
  assert.equal([answer.status, answer.body.status, answer.body.reason], [200, 'abort', 'invalid-request']);
  assert.match(answer.body.message, 'payeename is not a field; did you mean payeeName?');
});

strict("a body that is not a JSON object (curl -d '[]') → invalid-request: the request must be a JSON object", async (context) => {
  for (const raw of ['[]', '"bmo"', '42', 'null']) {
    const answer = await call(context, 'POST', '/v1/checks', undefined, raw);
    assert.equal([answer.status, answer.body.status, answer.body.reason], [200, 'abort', 'invalid-request'], raw);
    assert.match(answer.body.message, 'the request must be a JSON object', raw);
    assert.not.match(answer.body.message, 'provider must be', raw);
  }
});

strict('extra over 4096 bytes as JSON → 200 abort invalid-request naming extra', async (context) => {
  const extra = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, 'v'.repeat(250)]));
  const answer = await call(context, 'POST', '/v1/checks', { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001', extra });
  assert.equal([answer.body.status, answer.body.reason], ['abort', 'invalid-request']);
  assert.match(answer.body.message, 'extra must be at most 4096 bytes as JSON');
});

strict('names without lastName → 400 naming lastName; the check stays paused and takes the right body after', async (context) => {
  const checkId = await pausedForNames(context);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi' }), 400, 'invalid-resume', /lastName is required/);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: '' }), 400, 'invalid-resume', /lastName must not be empty/);
  await assertStillPaused(context, checkId, 'names');
  const resumed = await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' });
  assert.equal([resumed.status, resumed.body.status, resumed.body.createAccount], [200, 'proceed', true]);
});

strict('names as firstname / lastname → 400 naming the field, did you mean firstName; the check stays paused', async (context) => {
  const checkId = await pausedForNames(context);
  const answer = await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstname: 'Afi', lastname: 'Agbo' });
  assertProblem(answer, 400, 'invalid-resume', /firstname is not a field; did you mean firstName\?/);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: 'Agbo', note: 'x' }), 400, 'invalid-resume', /note is not a field/);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, ['Afi', 'Agbo']), 400, 'invalid-resume', /must be \{ firstName, lastName \}/);
  await assertStillPaused(context, checkId, 'names');
});

strict('confirm on a check waiting for names → 409 saying it waits for names; the check stays paused; names on a decided check replays', async (context) => {
  const checkId = await pausedForNames(context);
  for (const action of ['confirm', 'reject']) {
    assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/${action}`), 409, 'not-awaited', new RegExp(`waits for names: POST /v1/checks/${checkId}/names`));
  }
  await assertStillPaused(context, checkId, 'names');
  const decided = await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' });
  assert.is(decided.body.status, 'proceed');
  const replayed = await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Kofi', lastName: 'Other' });
  assert.equal(replayed.body, decided.body, 'a decided check answers its stored decision');
  const lateConfirm = await call(context, 'POST', `/v1/checks/${checkId}/confirm`);
  assert.equal([lateConfirm.status, lateConfirm.body.status], [200, 'proceed']);
});

strict('names on a check waiting for confirmation → 409 saying it waits for confirmation; a field in a confirm body → 400', async (context) => {
  const paused = await call(context, 'POST', '/v1/checks', { provider: 'bmo', intent: 'debit', phone: '+2290197000001', confirmPayee: true });
  assert.is(paused.body.status, 'needs-confirmation');
  const { checkId } = paused.body;
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' }), 409, 'not-awaited', /waits for the payer's confirmation/);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/confirm`, { confirmed: true }), 400, 'invalid-resume', /"confirmed" is not a field/);
  await assertStillPaused(context, checkId, 'confirmation');
  const confirmed = await call(context, 'POST', `/v1/checks/${checkId}/confirm`, {});
  assert.equal([confirmed.status, confirmed.body.status], [200, 'proceed']);
});

strict('the document declares 400 and 409 on every resume route, and names takes no other field', async (context) => {
  const document = await (await fetch(`${context.url}/openapi.json`)).json();
  for (const action of ['names', 'confirm', 'reject', 'cancel']) {
    const operation = document.paths[`/v1/checks/{checkId}/${action}`].post;
    for (const status of ['400', '409']) assert.ok(operation.responses[status], `${action} declares ${status}`);
    assert.match(operation.description, 'not-awaited');
  }
  assert.is(document.components.schemas.Names.additionalProperties, false);
  assert.match(document.components.responses.Problem409.description, 'Not what the check waits for');
});

strict.run();
