import { Validator } from '@seriousme/openapi-schema-validator';
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SANDBOX_CREDENTIALS } from '../src/sandbox/index.js';
import { contractOf, type SeenResponse } from './support/openapi-contract.js';
import { startSandboxProcess } from './support/sandbox-process.js';
import { providerEnv, startServeProcess, type ServeProcess } from './support/serve-process.js';

const ALICE = 'alice-token-3f9c2a7d41e0b8';
const BOB = 'bob-token-8e1d0c5b7a2f93';

interface Context {
  sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
  serve: ServeProcess;
  contract: ReturnType<typeof contractOf>;
  seen: SeenResponse[];
  /** A raw connection that sends half a request line and then nothing (slow loris), opened at the start. */
  slowLoris: Promise<number>;
}

const service = suite<Context>('precheck serve (separate process, real HTTP)');

service.before(async (context) => {
  context.sandbox = await startSandboxProcess();
  context.serve = await startServeProcess(['--timeout-ms', '1500'], {
    ...providerEnv(context.sandbox.providers),
    PRECHECK_SERVE_TOKENS: `${ALICE}, ${BOB}`,
  });
  context.seen = [];
  const document = await (await fetch(`${context.serve.url}/openapi.json`)).json();
  context.contract = contractOf(document);
  const { port, hostname } = new URL(context.serve.url);
  context.slowLoris = new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname, () => socket.write('POST /v1/checks HTTP/1.1\r\nHost: x\r\n'));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Date.now() - started));
    socket.resume(); // read, so that the server's close is seen
  });
});

service.after(async ({ serve, sandbox }) => {
  await serve.stop();
  await sandbox.close();
});

/** One request, as a client sends it; every answer is checked against the served document on the spot. */
async function call(
  context: Context,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? ALICE : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${context.serve.url}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = contentType.includes('json') ? JSON.parse(text) : text;
  const seen = { method, path, status: response.status, contentType, body: parsed };
  context.seen.push(seen);
  const violation = context.contract.violation(seen);
  assert.is(violation, undefined, `${method} ${path} → ${response.status} does not fit /openapi.json: ${violation}\n${text}`);
  return { status: response.status, headers: response.headers, body: parsed as any, text };
}

function assertProblem(answer: { status: number; headers: Headers; body: any }, status: number) {
  assert.is(answer.status, status);
  assert.is(answer.headers.get('content-type'), 'application/problem+json');
  assert.equal(Object.keys(answer.body).sort(), ['detail', 'status', 'title', 'type']);
  assert.is(answer.body.status, status);
  for (const field of ['type', 'title', 'detail']) assert.type(answer.body[field], 'string');
}

const uniquePhone = (() => {
  let next = Math.floor(Math.random() * 50_000);
  return () => `+22901961${String(next++ % 100_000).padStart(5, '0')}`;
})();

service('/openapi.json is valid OpenAPI 3.1 and declares every route, decision variant, reason and HTTP error', async (context) => {
  const { body: document } = await call(context, 'GET', '/openapi.json', { token: null });
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.ok(result.valid, JSON.stringify(result.errors));
  assert.is(validator.version, '3.1');
  const routes = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`));
  assert.equal(routes.sort(), [
    'GET /docs/',
    'GET /docs/{page}',
    'GET /healthz',
    'GET /metrics',
    'GET /openapi.json',
    'GET /readyz',
    'GET /v1/checks/{checkId}',
    'GET /v1/checks/{checkId}/path.svg',
    'POST /v1/checks',
    'POST /v1/checks/{checkId}/cancel',
    'POST /v1/checks/{checkId}/confirm',
    'POST /v1/checks/{checkId}/names',
    'POST /v1/checks/{checkId}/reject',
    'PUT /fspiop/parties/{type}/{id}',
    'PUT /fspiop/parties/{type}/{id}/error',
    'PUT /fspiop/parties/{type}/{id}/{subId}',
    'PUT /fspiop/parties/{type}/{id}/{subId}/error',
  ]);
  const schemas = document.components.schemas;
  const variants = schemas.Decision.oneOf.map((variant: { $ref: string }) => variant.$ref.split('/').pop());
  assert.equal(variants, ['ProceedDecision', 'NeedsNamesDecision', 'NeedsConfirmationDecision', 'AbortDecision', 'RetryDecision']);
  for (const reason of ['account-not-found', 'auth-failed', 'invalid-request', 'names-required', 'payee-rejected', 'confirmation-timeout', 'cancelled', 'name-mismatch', 'check-not-found']) {
    assert.ok(schemas.AbortReason.enum.includes(reason), reason);
  }
  assert.equal(schemas.RetryReason.enum, ['provider-unavailable', 'timeout', 'rate-limited', 'store-unavailable']);
  for (const [path, item] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const statuses = Object.keys(operation.responses);
      const expected = path.startsWith('/v1/') ? (method === 'post' ? ['200', '400', '401', '409', '413', '415', '422', '503'] : ['200', '401', '404', '503']) : ['200'];
      for (const status of expected) assert.ok(statuses.includes(status), `${method} ${path} declares ${status}`);
    }
  }
  assert.match(document.info.description, 'Idempotency-Key');
});

service('POST /v1/checks answers the decision with 200; well-formed JSON with wrong fields is abort invalid-request', async (context) => {
  const found = await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'debit', phone: '+2290197000001', transactionId: 'tx-serve-1' } });
  assert.is(found.status, 200);
  assert.equal([found.body.status, found.body.account.firstName, found.body.transactionId], ['proceed', 'Ama', 'tx-serve-1']);
  const before = await context.sandbox.requests();
  for (const body of [{ provider: 'bmo', intent: 'lend', phone: '+2290197000001' }, [], 'bmo', null, { provider: 'bmo', intent: 'debit', phone: '12' }]) {
    const answer = await call(context, 'POST', '/v1/checks', { body });
    assert.is(answer.status, 200, JSON.stringify(body));
    assert.equal([answer.body.status, answer.body.reason, answer.body.attempts], ['abort', 'invalid-request', 0]);
  }
  assert.is(await context.sandbox.requests(), before, 'nothing sent for an invalid request');
  const notFound = await call(context, 'POST', '/v1/checks', { body: { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '306001' } });
  assert.equal([notFound.status, notFound.body.status, notFound.body.reason], [200, 'abort', 'account-not-found']);
});

service('HTTP errors are problems: 400, 404, 405 with Allow, 413, 415, 401 with WWW-Authenticate: Bearer', async (context) => {
  assertProblem(await call(context, 'POST', '/v1/checks', { raw: '{"provider":', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await call(context, 'POST', '/v1/checks', { raw: '', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(await call(context, 'GET', '/v2/nothing'), 404);
  const wrongMethod = await call(context, 'DELETE', '/v1/checks');
  assertProblem(wrongMethod, 405);
  assert.is(wrongMethod.headers.get('allow'), 'POST');
  const wrongMethodOnId = await call(context, 'PUT', '/v1/checks/chk_x');
  assertProblem(wrongMethodOnId, 405);
  assert.is(wrongMethodOnId.headers.get('allow'), 'GET, HEAD');
  const big = { provider: 'beep', intent: 'debit', extra: { note: 'x'.repeat(17 * 1024) } };
  assertProblem(await call(context, 'POST', '/v1/checks', { body: big }), 413);
  assertProblem(await call(context, 'POST', '/v1/checks', { raw: 'provider=bmo', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  assertProblem(await call(context, 'POST', '/v1/checks', { raw: '{}' }), 415);
  const missing = await call(context, 'POST', '/v1/checks', { token: null, body: { provider: 'bmo', intent: 'debit' } });
  assertProblem(missing, 401);
  assert.match(missing.headers.get('www-authenticate')!, /^Bearer /);
  const wrong = await call(context, 'GET', '/v1/checks/chk_x', { token: `${ALICE}x` });
  assertProblem(wrong, 401);
  assert.match(wrong.headers.get('www-authenticate')!, /^Bearer .*invalid_token/);
  assertProblem(await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'debit' }, headers: { 'idempotency-key': 'k'.repeat(256) } }), 400);
  assertProblem(await call(context, 'POST', '/v1/checks/chk_x/confirm', { body: [1] }), 400);
});

service('pause, status, resume by names; confirm, reject and cancel; a decided check answers its decision', async (context) => {
  const phone = uniquePhone();
  const paused = await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'credit', phone } });
  assert.is(paused.body.status, 'needs-names');
  const { checkId } = paused.body;
  assert.ok(/^[A-Za-z0-9_-]{1,64}$/.test(checkId));
  const waiting = await call(context, 'GET', `/v1/checks/${checkId}`);
  assert.equal([waiting.status, waiting.body.state, waiting.body.waitingFor], [200, 'paused', 'names']);
  assert.ok(Date.parse(waiting.body.expiresAt) > Date.now(), 'expiresAt is an ISO 8601 time in the future');
  const resumed = await call(context, 'POST', `/v1/checks/${checkId}/names`, { body: { firstName: 'Afi', lastName: 'Agbo' } });
  assert.equal([resumed.status, resumed.body.status, resumed.body.createAccount], [200, 'proceed', true]);
  assert.is(resumed.body.transactionId, paused.body.transactionId);
  const decided = await call(context, 'GET', `/v1/checks/${checkId}`);
  assert.equal([decided.body.state, decided.body.decision.status], ['decided', 'proceed']);

  const confirmation = (transactionId: string) => ({ provider: 'bmo', intent: 'debit', phone: '+2290197000001', confirmPayee: true, transactionId });
  for (const [action, body, status, reason] of [
    ['confirm', undefined, 'proceed', undefined],
    ['reject', {}, 'abort', 'payee-rejected'],
    ['cancel', undefined, 'abort', 'cancelled'],
  ] as const) {
    const pausedForConfirmation = await call(context, 'POST', '/v1/checks', { body: confirmation(`tx-${action}`) });
    assert.equal([pausedForConfirmation.body.status, pausedForConfirmation.body.account.firstName], ['needs-confirmation', 'Ama']);
    const answer = await call(context, 'POST', `/v1/checks/${pausedForConfirmation.body.checkId}/${action}`, body === undefined ? {} : { body });
    assert.equal([answer.status, answer.body.status, answer.body.reason], [200, status, reason], action);
  }
});

service('a check belongs to its caller: another caller, an unknown id and a malformed id all answer 404', async (context) => {
  const paused = await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'credit', phone: uniquePhone() } });
  const { checkId } = paused.body;
  assertProblem(await call(context, 'GET', `/v1/checks/${checkId}`, { token: BOB }), 404);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/names`, { token: BOB, body: { firstName: 'Kofi', lastName: 'Bob' } }), 404);
  assertProblem(await call(context, 'POST', `/v1/checks/${checkId}/cancel`, { token: BOB }), 404);
  assertProblem(await call(context, 'GET', '/v1/checks/chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), 404);
  assertProblem(await call(context, 'POST', '/v1/checks/not-an-id/confirm'), 404);
  const still = await call(context, 'GET', `/v1/checks/${checkId}`);
  assert.equal([still.status, still.body.state], [200, 'paused'], "the other caller's attempts changed nothing");
});

service('Idempotency-Key: a replay answers the stored decision without a provider request; another body 422', async (context) => {
  const key = `"order-${Date.now()}"`;
  const body = { provider: 'bmo', intent: 'debit', phone: '+2290197000911' }; // fails once (500), then found
  const before = await context.sandbox.requests();
  const first = await call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key } });
  assert.equal([first.body.status, first.body.reason], ['retry', 'provider-unavailable'], 'a retry decision');
  const sent = await context.sandbox.requests();
  assert.is(sent - before, 1);
  const replay = await call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key } });
  assert.is(replay.status, 200);
  assert.is(replay.headers.get('idempotent-replayed'), 'true');
  assert.is(replay.text, first.text, 'the stored response, byte for byte (same generated transactionId, same trace)');
  assert.is(await context.sandbox.requests(), sent, 'no second upstream request');
  assertProblem(await call(context, 'POST', '/v1/checks', { body: { ...body, intent: 'credit' }, headers: { 'idempotency-key': key } }), 422);
  // Bare and quoted are the same key; another caller's same key is another key.
  const bare = await call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key.slice(1, -1) } });
  assert.is(bare.headers.get('idempotent-replayed'), 'true');
  const bob = await call(context, 'POST', '/v1/checks', { token: BOB, body, headers: { 'idempotency-key': key } });
  assert.equal([bob.headers.get('idempotent-replayed'), bob.body.status], [null, 'proceed']);
});

service('Idempotency-Key: the same key while the first is running → 409; an HTTP error stores nothing', async (context) => {
  const key = `hang-${Date.now()}`;
  const body = { provider: 'bmo', intent: 'debit', phone: '+2290197000900' }; // never answers: retry timeout after 1.5 s
  const first = call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key } });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const concurrent = await Promise.all([1, 2, 3].map(() => call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key } })));
  for (const answer of concurrent) assertProblem(answer, 409);
  assert.equal([(await first).body.status, (await first).body.reason], ['retry', 'timeout']);
  const replay = await call(context, 'POST', '/v1/checks', { body, headers: { 'idempotency-key': key } });
  assert.equal([replay.headers.get('idempotent-replayed'), replay.text], ['true', (await first).text]);

  const errorKey = `error-${Date.now()}`;
  assertProblem(await call(context, 'POST', '/v1/checks', { raw: '{oops', headers: { 'content-type': 'application/json', 'idempotency-key': errorKey } }), 400);
  const after = await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'debit', phone: '+2290197000002' }, headers: { 'idempotency-key': errorKey } });
  assert.equal([after.status, after.headers.get('idempotent-replayed'), after.body.status], [200, null, 'proceed']);
  const resumeKey = `resume-${Date.now()}`;
  assertProblem(await call(context, 'POST', '/v1/checks/chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/confirm', { headers: { 'idempotency-key': resumeKey } }), 404);
  const paused = await call(context, 'POST', '/v1/checks', { body: { provider: 'bmo', intent: 'debit', phone: '+2290197000003', confirmPayee: true } });
  const confirmed = await call(context, 'POST', `/v1/checks/${paused.body.checkId}/confirm`, { headers: { 'idempotency-key': resumeKey } });
  assert.equal([confirmed.status, confirmed.body.status], [200, 'proceed'], 'the 404 left the key free');
});

service('probes and metrics are open; /metrics lists the service metrics', async (context) => {
  const health = await call(context, 'GET', '/healthz', { token: null });
  assert.equal([health.status, health.body], [200, { status: 'ok' }]);
  const ready = await call(context, 'GET', '/readyz', { token: null });
  assert.equal([ready.status, ready.body], [200, { status: 'ready' }]);
  const metrics = await call(context, 'GET', '/metrics', { token: null });
  assert.is(metrics.status, 200);
  for (const name of [
    'precheck_checks_total{provider="bmo",intent="debit",status="proceed",reason=""}',
    'precheck_check_duration_seconds_bucket',
    'precheck_upstream_requests_total{provider="bmo"',
    'precheck_circuit_state{provider="bmo",state="closed"} 1',
    'precheck_paused_checks',
    'precheck_idempotent_replays_total',
    'precheck_http_requests_total{method="POST",route="/v1/checks",code="200"}',
    'process_cpu_user_seconds_total',
    'nodejs_eventloop_lag_seconds',
  ]) {
    assert.ok(metrics.text.includes(name), name);
  }
  assert.not.ok(/route="\/v1\/checks\/chk_/.test(metrics.text), 'no check id as a label');
});

service('slow loris: a connection that never finishes its headers is closed (headers timeout 10 s)', async (context) => {
  const closedAfter = await context.slowLoris;
  assert.ok(closedAfter >= 9_000 && closedAfter < 14_000, `closed after ${closedAfter} ms`);
});

service('payee name check: close match pauses with nameCheck (only the held name), confirm proceeds; no match, bad payeeName abort', async (context) => {
  const request = (payeeName: unknown, transactionId: string) => ({ provider: 'bmo', intent: 'debit', phone: '+2290197000020', payeeName, transactionId });
  const close = await call(context, 'POST', '/v1/checks', { body: request('Kofi Mensha', 'tx-name-close') });
  assert.equal([close.body.status, close.body.nameCheck, close.body.account], [
    'needs-confirmation',
    { result: 'close-match', code: 'CMTC', heldName: 'Kofi Mensah' },
    { phone: '+2290197000020' },
  ]);
  const confirmed = await call(context, 'POST', `/v1/checks/${close.body.checkId}/confirm`);
  assert.equal([confirmed.body.status, confirmed.body.nameCheck.code], ['proceed', 'CMTC']);
  const mismatch = await call(context, 'POST', '/v1/checks', { body: request('Yaw Mensah', 'tx-name-none') });
  assert.equal([mismatch.body.status, mismatch.body.reason, mismatch.body.nameCheck], ['abort', 'name-mismatch', { result: 'no-match', code: 'NMTC' }]);
  assert.not.ok(mismatch.text.includes('Kofi'), 'a no-match answer carries the held name');
  const invalid = await call(context, 'POST', '/v1/checks', { body: { ...request('Mr.', 'tx-name-bad'), nameCheck: { onNoMatch: 'proceed' } } });
  assert.equal([invalid.status, invalid.body.status, invalid.body.reason], [200, 'abort', 'invalid-request']);
});

service('one JSON log line per request: no token, credential, name or unmasked phone number', async (context) => {
  const lines = context.serve.stdout.filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line));
  assert.ok(lines.length >= context.seen.length, `${lines.length} lines for ${context.seen.length} requests`);
  for (const line of lines) {
    for (const field of ['method', 'route', 'status', 'durationMs']) assert.ok(field in line, field);
  }
  const withPhone = lines.find((line) => line.phone === '+22901****0001');
  assert.ok(withPhone, 'a phone number appears masked');
  assert.ok(lines.some((line) => line.caller && line.checkId && line.decision === 'proceed'), 'caller hash, check id, decision');
  const output = context.serve.stdout.join('\n') + context.serve.stderr.join('');
  const secrets = [ALICE, BOB, ...Object.values(SANDBOX_CREDENTIALS.bmo), ...Object.values(SANDBOX_CREDENTIALS.beep), 'Afi', 'Agbo', 'Ama', 'Koffi', 'Kofi', 'Mensah'];
  for (const secret of secrets) assert.not.ok(output.includes(secret), `the log carries ${secret}`);
  assert.not.ok(/\+?\d{9,}/.test(output.replace(/"(time|at)":"[^"]*"/g, '')), 'no whole phone number');
});

service('every response of the suite fits the served document', (context) => {
  assert.ok(context.seen.length > 40, `${context.seen.length} responses checked`);
  const statuses = new Set(context.seen.map((seen) => seen.status));
  for (const status of [200, 400, 401, 404, 405, 409, 413, 415, 422]) assert.ok(statuses.has(status), `a ${status} was seen`);
});

service.run();
