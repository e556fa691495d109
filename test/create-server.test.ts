import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStore, type CheckStore } from '../src/index.js';
import { startSandbox } from '../src/sandbox/start-sandbox.js';
import { createServer } from '../src/server/index.js';

const TOKEN = 'create-server-token-5e8a1c';

test('createServer refuses tokens shorter than 16 characters or not visible ASCII (never quoting them), and an unusable quota', () => {
  const engine = { providers: {} };
  assert.throws(() => createServer({ engine, tokens: [TOKEN, 'tiny-one'] }), (error: Error) =>
    /tokens: token 2 of 2 is shorter than 16 characters/.test(error.message) && !error.message.includes('tiny-one'),
  );
  assert.throws(() => createServer({ engine, tokens: ['token with spaces inside'] }), /token 1 of 1 has characters other than visible ASCII/);
  for (const maxRecordsPerCaller of [0, 1.5, Number.NaN]) {
    assert.throws(() => createServer({ engine, tokens: [TOKEN], maxRecordsPerCaller }), /maxRecordsPerCaller/);
  }
});

test('a pause whose owner cannot be recorded answers retry store-unavailable, never a paused decision without its checkId', async () => {
  const sandbox = await startSandbox();
  const inner = memoryStore();
  // The check is saved; the owner record beside it is not (the store fails that write).
  const store: CheckStore = {
    ...inner,
    putIfAbsent: (key, value, ttlMs) => (key.startsWith('owner:') ? Promise.reject(new Error('store down')) : inner.putIfAbsent(key, value, ttlMs)),
  };
  const server = createServer({ engine: { providers: sandbox.providers, store }, tokens: [TOKEN], log: () => {} });
  try {
    const response = await server.fetch(
      new Request('http://precheck.test/v1/checks', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone: '+2290197000404', transactionId: 'tx-owner-lost' }),
      }),
    );
    const decision = await response.json();
    assert.equal([response.status, decision.status, decision.reason, decision.checkId, decision.transactionId], [200, 'retry', 'store-unavailable', undefined, 'tx-owner-lost']);
  } finally {
    await server.close(0);
    await sandbox.close();
  }
});

test('metric labels and log lines name the route template (hono/route), never a check id; unmatched paths are "unmatched"', async () => {
  const sandbox = await startSandbox();
  const lines: { route: string; status: number }[] = [];
  const server = createServer({ engine: { providers: sandbox.providers }, tokens: [TOKEN], log: (line) => lines.push(JSON.parse(line)) });
  const send = (method: string, path: string, token: string | null = TOKEN, body?: unknown) =>
    server.fetch(
      new Request(`http://precheck.test${path}`, {
        method,
        headers: { ...(token !== null && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  try {
    const paused = await (await send('POST', '/v1/checks', TOKEN, { provider: 'bmo', intent: 'debit', phone: '+2290197000003', confirmPayee: true })).json();
    assert.match(paused.checkId, /^chk_/);
    assert.is((await send('GET', `/v1/checks/${paused.checkId}`)).status, 200);
    assert.is((await send('GET', `/v1/checks/${paused.checkId}`, null)).status, 401, 'refused by the auth middleware');
    const wrongMethod = await send('PUT', `/v1/checks/${paused.checkId}`);
    assert.equal([wrongMethod.status, wrongMethod.headers.get('allow')], [405, 'GET, HEAD']);
    assert.is((await send('POST', `/v1/checks/${paused.checkId}/confirm`)).status, 200);
    assert.is((await send('GET', `/v1/checks/${paused.checkId}/nothing`)).status, 404);
    const metrics = await (await send('GET', '/metrics', null)).text();
    for (const label of [
      'method="POST",route="/v1/checks",code="200"',
      'method="GET",route="/v1/checks/{checkId}",code="200"',
      'method="GET",route="/v1/checks/{checkId}",code="401"',
      'method="PUT",route="/v1/checks/{checkId}",code="405"',
      'method="POST",route="/v1/checks/{checkId}/confirm",code="200"',
      'method="GET",route="unmatched",code="404"',
    ]) {
      assert.ok(metrics.includes(`precheck_http_requests_total{${label}} 1`), label);
    }
    assert.not.ok(/route="[^"]*(chk_|\*)/.test(metrics), 'no check id, no wildcard as a label');
    assert.equal(
      lines.map((line) => `${line.status} ${line.route}`),
      [
        '200 /v1/checks',
        '200 /v1/checks/{checkId}',
        '401 /v1/checks/{checkId}',
        '405 /v1/checks/{checkId}',
        '200 /v1/checks/{checkId}/confirm',
        `404 /v1/checks/${paused.checkId}/nothing`,
        '200 /metrics',
      ],
    );
  } finally {
    await server.close(0);
    await sandbox.close();
  }
});

test('every route of the document answers another method 405 with Allow naming its methods (HEAD with GET)', async () => {
  const sandbox = await startSandbox();
  const server = createServer({ engine: { providers: sandbox.providers }, tokens: [TOKEN], log: () => {} });
  try {
    const document = await (await server.fetch(new Request('http://precheck.test/openapi.json'))).json();
    const paths = Object.entries(document.paths as Record<string, Record<string, unknown>>);
    assert.ok(paths.length >= 11, `${paths.length} paths`);
    for (const [template, operations] of paths) {
      const path = template
        .replace('{checkId}', 'chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
        .replace('{page}', 'precheck.html')
        .replace('{type}', 'MSISDN')
        .replace('{id}', '22997000001')
        .replace('{subId}', 'wallet');
      const methods = Object.keys(operations).map((method) => method.toUpperCase());
      const allow = methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method])).join(', ');
      const others = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', methods.includes('GET') ? 'POST' : 'GET'].filter((method) => !methods.includes(method));
      for (const method of others) {
        const response = await server.fetch(new Request(`http://precheck.test${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } }));
        assert.equal([response.status, response.headers.get('allow')], [405, allow], `${method} ${template}`);
        assert.is((await response.json()).type, '/problems/method-not-allowed');
      }
    }
  } finally {
    await server.close(0);
    await sandbox.close();
  }
});

test.run();
