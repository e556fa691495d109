import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { redisStore } from '../src/redis/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/start-sandbox.js';
import { createServer, type PrecheckServer } from '../src/server/index.js';
import type { CheckStore } from '../src/persistence/store/check-store.js';
import { contractOf } from './support/openapi-contract.js';
import { keysUnder, redisOrSkip, REDIS_URL, removeKeys, testPrefix } from './support/redis.js';
import { startServeProcess } from './support/serve-process.js';

const VICTIM = 'victim-token-6d1f0a93c2b7e4';
const FLOODER = 'flooder-token-0b9e2c7d4a13f8';
const FLOOD = 40_000;

/** A credit to an unknown B-MO customer: it pauses (needs-names), so the service keeps a check and its owner. */
const pausing = { provider: 'bmo', intent: 'credit', phone: '+2290197000404' };

type Send = (token: string, method: string, path: string, body?: unknown, key?: string) => Promise<Response>;

/** Requests to `createServer()`'s own handler (40,000 of them over a socket would time the HTTP stack, not the quota). */
const inProcess = (server: PrecheckServer): Send => (token, method, path, body, key) =>
  Promise.resolve(
    server.fetch(
      new Request(`http://precheck.test${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    ),
  );

/** `count` pausing checks from `token`, each with a key of its own, `concurrency` at a time: how many of each status. */
async function flood(send: Send, token: string, count: number, concurrency = 32) {
  const statuses: Record<string, number> = {};
  let refused: { contentType: string; retryAfter: string | null; body: any } | undefined;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const response = await send(token, 'POST', '/v1/checks', pausing, `flood-${next++}`);
      const body = await response.json();
      const outcome = response.status === 200 ? body.status : response.status;
      statuses[outcome] = (statuses[outcome] ?? 0) + 1;
      if (response.status === 429) {
        refused ??= { contentType: response.headers.get('content-type') ?? '', retryAfter: response.headers.get('retry-after'), body };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { statuses, refused };
}

/**
 * The victim pauses a check under an Idempotency-Key; the flooder sends 40,000 pausing checks with keys of their own;
 * then the victim's check is still there to continue, and its key still replays its answer.
 */
async function floodLeavesOthersIntact(store: CheckStore | undefined) {
  const sandbox: Sandbox = await startSandbox();
  const server = createServer({
    // 1 s per store call: this load on a shared machine can hold a call past the default 100 ms, and a call given up on
    // answers 503 (or leaves a slot to end with its request's lease) rather than showing the quota.
    engine: { providers: sandbox.providers, storeTimeoutMs: 1_000, ...(store && { store }) },
    tokens: [VICTIM, FLOODER],
    log: () => {},
  });
  const send = inProcess(server);
  try {
    const paused = await send(VICTIM, 'POST', '/v1/checks', pausing, 'victim-order-1');
    const first = await paused.text();
    const { checkId } = JSON.parse(first);
    assert.type(checkId, 'string');

    const started = Date.now();
    const { statuses, refused } = await flood(send, FLOODER, FLOOD);
    console.log(`  ${FLOOD} checks in ${Date.now() - started} ms: ${JSON.stringify(statuses)}`);
    const status = await send(VICTIM, 'GET', `/v1/checks/${checkId}`);
    assert.equal([status.status, (await status.json()).state], [200, 'paused'], "the victim's paused check is intact");
    const replay = await send(VICTIM, 'POST', '/v1/checks', pausing, 'victim-order-1');
    assert.equal([replay.headers.get('idempotent-replayed'), await replay.text()], ['true', first], "the victim's key replays its answer");
    const resumed = await send(VICTIM, 'POST', `/v1/checks/${checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' });
    assert.equal([resumed.status, (await resumed.json()).status], [200, 'proceed']);
    // Each keyed check that pauses keeps two records (its key, and the check with its owner): 5,000 fit in 10,000.
    assert.ok(statuses['needs-names'] <= 5_000, `${statuses['needs-names']} checks paused past the quota`);
    assert.ok(statuses[429] >= FLOOD - 6_000, JSON.stringify(statuses));
    assert.ok(refused, 'the flooder got 429');
    assert.is(refused.contentType, 'application/problem+json');
    assert.equal([refused.body.status, refused.body.type], [429, '/problems/too-many-records']);
    assert.ok(Number(refused.retryAfter) >= 1, `Retry-After: ${refused.retryAfter}`);
    // A key the flooder already has is not a new record: its replay still answers.
    const ownReplay = await send(FLOODER, 'POST', '/v1/checks', pausing, 'flood-0');
    assert.equal([ownReplay.status, ownReplay.headers.get('idempotent-replayed')], [200, 'true']);
  } finally {
    await server.close(0);
    await sandbox.close();
  }
}

const flag = suite('serve quota: --max-records-per-caller');

flag('past --max-records-per-caller (a flag wins over PRECHECK_MAX_RECORDS_PER_CALLER) a caller gets 429 with Retry-After, as /openapi.json says; replays and resumes still answer', async () => {
  const serve = await startServeProcess(['--sandbox', '--max-records-per-caller', '4'], {
    PRECHECK_SERVE_TOKENS: `${VICTIM},${FLOODER}`,
    PRECHECK_MAX_RECORDS_PER_CALLER: '100',
  });
  const contract = contractOf(await (await fetch(`${serve.url}/openapi.json`)).json());
  const send: Send = async (token, method, path, body, key) => {
    const response = await fetch(`${serve.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const violation = contract.violation({ method, path, status: response.status, contentType, body: JSON.parse(text) });
    assert.is(violation, undefined, `${method} ${path} → ${response.status} does not fit /openapi.json: ${violation}`);
    return new Response(text, { status: response.status, headers: response.headers });
  };
  try {
    // Two keyed checks that pause: four records (two keys, two checks).
    const first = await (await send(FLOODER, 'POST', '/v1/checks', pausing, 'order-1')).json();
    await send(FLOODER, 'POST', '/v1/checks', pausing, 'order-2');
    for (const key of ['order-3', undefined]) {
      const refused = await send(FLOODER, 'POST', '/v1/checks', { provider: 'bmo', intent: 'debit', phone: '+2290197000001' }, key);
      assert.equal([refused.status, refused.headers.get('content-type')], [429, 'application/problem+json']);
      const problem = await refused.json();
      assert.equal([problem.type, problem.title, problem.status], ['/problems/too-many-records', 'Too many records', 429]);
      assert.match(problem.detail, '4 records');
      // Until the first record ends: the first key, kept 24 h.
      assert.ok(Number(refused.headers.get('retry-after')) > 23 * 3600, `Retry-After: ${refused.headers.get('retry-after')}`);
    }
    const replay = await send(FLOODER, 'POST', '/v1/checks', pausing, 'order-1');
    assert.equal([replay.status, replay.headers.get('idempotent-replayed')], [200, 'true']);
    const resumed = await send(FLOODER, 'POST', `/v1/checks/${first.checkId}/names`, { firstName: 'Afi', lastName: 'Agbo' });
    assert.equal([resumed.status, (await resumed.json()).status], [200, 'proceed']);
    const other = await send(VICTIM, 'POST', '/v1/checks', pausing, 'order-1');
    assert.equal([other.status, (await other.json()).status], [200, 'needs-names'], 'another caller has its own quota');
  } finally {
    await serve.stop();
  }
});

flag.run();

const memory = suite('serve quota: memory store');

memory("40,000 checks from one caller leave another caller's paused check and idempotency key intact; the flooder gets 429", async () => {
  await floodLeavesOthersIntact(undefined);
});

memory.run();

const admin = await redisOrSkip('serve quota: Redis');
if (admin) {
  const redis = suite('serve quota: Redis');

  redis("40,000 checks from one caller leave another caller's paused check and idempotency key intact; the flooder gets 429; Redis stays bounded", async () => {
    const prefix = testPrefix('serve-quota');
    const store = redisStore({ url: REDIS_URL, prefix });
    try {
      await floodLeavesOthersIntact(store);
      const keys = await keysUnder(admin, prefix);
      const idempotencyKeys = keys.filter((key) => key.includes('value:idempotency:')).length;
      assert.ok(idempotencyKeys <= 10_000, `${idempotencyKeys} idempotency keys in Redis`);
      assert.ok(keys.length <= 2 * 10_000, `${keys.length} keys in Redis`);
    } finally {
      await store.close();
      await removeKeys(admin, prefix);
    }
  });

  redis.after(() => admin.destroy());
  redis.run();
}
