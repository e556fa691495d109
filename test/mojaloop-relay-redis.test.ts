import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CallbackRelay } from '../src/core/callback-relay.js';
import type { CheckStore } from '../src/persistence/store/check-store.js';
import { redisStore, type RedisStoreOptions } from '../src/redis/index.js';
import { createPrecheck } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { freePort, ownRedis } from './support/own-redis.js';
import { keysUnder, redisOrSkip, REDIS_URL, removeKeys, testPrefix } from './support/redis.js';

/**
 * redisStore's callback relay on a real Redis: two stores are two instances of a fleet. A callback delivered on one
 * reaches the lookup waiting on the other, once; anything else (unsolicited, late, replayed, closed) answers false and
 * ends no wait; a Redis that is down or frozen answers false / undefined within a bound.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or 'no answer' after `ms`. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), ms).unref())]);
let parties = 0;
/** A party's key as a lookup would make it (Type/ID/SubId): a phone number in it, that Redis must not hold in clear. */
const partyKey = () => `MSISDN/22990${String(100_000 + parties++)}`;
const MINUTE = 60_000;

const admin = await redisOrSkip('callback relay on Redis');
if (admin) {
  const prefix = testPrefix('relay');
  const opened: CheckStore[] = [];
  const store = (options: RedisStoreOptions = {}) => {
    const created = redisStore({ url: REDIS_URL, prefix, onError: () => {}, ...options });
    opened.push(created);
    return created;
  };
  const relayOf = (of: CheckStore): CallbackRelay => {
    assert.type(of.callbackRelay, 'function', 'redisStore offers a callback relay');
    return of.callbackRelay!();
  };
  const relayKeys = async () => (await keysUnder(admin, prefix)).filter((key) => key.startsWith(`${prefix}relay:`));

  const relay = suite('callback relay on Redis');
  relay.after(async () => {
    for (const each of opened) await each.close();
    await removeKeys(admin, prefix);
    admin.destroy();
  });

  relay('a callback delivered on one instance reaches the lookup waiting on the other, once', async () => {
    const [a, b] = [relayOf(store()), relayOf(store())];
    const key = partyKey();
    const wait = a.open(key, MINUTE);
    await wait.ready;
    const keys = await relayKeys();
    assert.is(keys.length, 1, 'the key is outstanding in Redis');
    const pttl = Number(await admin.sendCommand(['PTTL', keys[0]]));
    assert.ok(pttl > 0 && pttl <= MINUTE, `with the window as its TTL (${pttl} ms)`);
    assert.not.ok(keys[0].includes(key.split('/')[1]), 'the party is not in the key in clear');
    assert.is(await b.deliver(key, '{"party":1}'), true);
    assert.is(await within(2_000, wait.answer), '{"party":1}');
    assert.is(await b.deliver(key, '{"party":2}'), false, 'a replay after it answers false');
    assert.is(await a.deliver(key, '{"party":3}'), false, 'on either instance');
    assert.equal(await relayKeys(), [], 'nothing left in Redis');
  });

  relay('concurrent deliveries from two instances: exactly one is taken, and it is the one the lookup gets', async () => {
    const [a, b] = [relayOf(store()), relayOf(store())];
    for (let round = 0; round < 5; round += 1) {
      const key = partyKey();
      const wait = b.open(key, MINUTE);
      await wait.ready;
      const payloads = Array.from({ length: 20 }, (_, i) => `payload ${i}`);
      const answers = await Promise.all(payloads.map((payload, i) => (i % 2 ? a : b).deliver(key, payload)));
      assert.is(answers.filter(Boolean).length, 1, `round ${round}: ${answers.filter(Boolean).length} deliveries taken`);
      assert.is(await within(2_000, wait.answer), payloads[answers.indexOf(true)]);
    }
  });

  relay('unsolicited, for another party, or late: false, and the waiting lookup is not answered', async () => {
    const [a, b] = [relayOf(store()), relayOf(store())];
    assert.is(await b.deliver(partyKey(), '{}'), false, 'no lookup has it outstanding');
    const key = partyKey();
    const wait = a.open(key, 300);
    await wait.ready;
    assert.is(await b.deliver(partyKey(), '{}'), false, 'another party');
    const started = performance.now();
    assert.is(await within(2_000, wait.answer), undefined, 'the window closes with no answer');
    const waited = performance.now() - started;
    assert.ok(waited >= 250 && waited < 1_000, `it ends with its window (${waited.toFixed(0)} ms)`);
    assert.is(await b.deliver(key, '{}'), false, 'a late callback');
    assert.equal(await relayKeys(), [], 'nothing left in Redis');
  });

  relay('the key expires in Redis with its window, even when the waiting instance is gone', async () => {
    const gone = store();
    const key = partyKey();
    const wait = relayOf(gone).open(key, 400);
    await wait.ready;
    // The instance dies without withdrawing its key: a connection closed under it.
    const keys = await relayKeys();
    assert.is(keys.length, 1);
    const pttl = Number(await admin.sendCommand(['PTTL', keys[0]]));
    assert.ok(pttl > 0 && pttl <= 400, `PTTL ${pttl}`);
    await sleep(500);
    assert.is(await relayOf(store()).deliver(key, '{}'), false, 'past its window on Redis');
  });

  relay('close() and abort withdraw the key: a delivery after them answers false', async () => {
    const [a, b] = [relayOf(store()), relayOf(store())];
    const closedKey = partyKey();
    const closing = a.open(closedKey, MINUTE);
    await closing.ready;
    closing.close();
    assert.is(await closing.answer, undefined);
    await sleep(50); // the withdrawal is sent, not awaited
    assert.is(await b.deliver(closedKey, '{}'), false, 'after close()');

    const abortedKey = partyKey();
    const controller = new AbortController();
    const aborting = a.open(abortedKey, MINUTE, controller.signal);
    await aborting.ready;
    controller.abort();
    assert.is(await aborting.answer, undefined);
    await sleep(50);
    assert.is(await b.deliver(abortedKey, '{}'), false, 'after abort');
    assert.equal(await relayKeys(), [], 'nothing left in Redis');

    const before = new AbortController();
    before.abort();
    const never = a.open(partyKey(), MINUTE, before.signal);
    assert.is(await within(100, never.answer), undefined, 'a signal already aborted: no wait at all');
    await within(100, never.ready);
  });

  relay('two lookups of one party on two instances: one delivery answers both', async () => {
    const [a, b, c] = [relayOf(store()), relayOf(store()), relayOf(store())];
    const key = partyKey();
    const [first, second] = [a.open(key, MINUTE), b.open(key, MINUTE)];
    await Promise.all([first.ready, second.ready]);
    assert.is(await c.deliver(key, 'found'), true);
    assert.equal(await within(2_000, Promise.all([first.answer, second.answer])), ['found', 'found']);
    assert.is(await c.deliver(key, 'found'), false);
  });

  relay('a closed store: its waits end, its deliveries answer false', async () => {
    const closing = store();
    const key = partyKey();
    const wait = relayOf(closing).open(key, MINUTE);
    await wait.ready;
    await closing.close();
    assert.is(await within(500, wait.answer), undefined);
    assert.is(await relayOf(closing).deliver(key, '{}'), false);
    assert.is(await within(100, relayOf(closing).open(partyKey(), MINUTE).answer), undefined);
  });

  relay('Redis not there: deliver answers false and the wait undefined, within the bound', async () => {
    const port = await freePort();
    const down = relayOf(store({ url: `redis://127.0.0.1:${port}` }));
    const started = performance.now();
    const wait = down.open(partyKey(), MINUTE);
    assert.is(await within(3_000, wait.answer), undefined, 'the wait ends without its window running out');
    assert.is(await within(3_000, wait.ready), undefined, 'and ready resolves: whoever awaits it is not left waiting');
    assert.is(await within(3_000, down.deliver(partyKey(), '{}')), false);
    const took = performance.now() - started;
    assert.ok(took < 3_000, `${took.toFixed(0)} ms`);
  });

  relay('Redis not there: an FSPIOP lookup sends nothing (no callback could reach it) and the check ends retry', async () => {
    const sandbox = await startSandbox();
    const engine = createPrecheck({ providers: { mojaloop: sandbox.mojaloopFspiop }, store: store({ url: `redis://127.0.0.1:${await freePort()}` }), http: { retries: 0 } });
    try {
      const decision = await engine.check({ provider: 'mojaloop', intent: 'debit', phone: '+233200000002' });
      assert.is(decision.status, 'retry');
      assert.is(decision.status === 'retry' && decision.reason, 'provider-unavailable');
      assert.is(decision.trace.providerStatus?.code, 'no-relay');
      assert.is(sandbox.log.count('mojaloop'), 0, 'no GET reached the switch');
    } finally {
      await engine.close();
      await sandbox.close();
    }
  });

  relay('Redis frozen: deliver answers false within ~1 s and the wait ends with its window', async () => {
    const own = await ownRedis();
    try {
      const [a, b] = [relayOf(store({ url: own.url })), relayOf(store({ url: own.url }))];
      // Both instances have met Redis (and know its clock) before it freezes.
      const warm = a.open(partyKey(), MINUTE);
      await warm.ready;
      await b.deliver(partyKey(), '{}');
      const key = partyKey();
      const wait = a.open(key, MINUTE);
      await wait.ready;
      own.freeze();
      const started = performance.now();
      assert.is(await within(5_000, b.deliver(key, '{}')), false);
      const took = performance.now() - started;
      assert.ok(took < 2_000, `deliver gave up after ${took.toFixed(0)} ms`);
      const frozenWait = a.open(partyKey(), 300);
      assert.is(await within(2_000, frozenWait.answer), undefined, 'a wait opened on a frozen Redis ends with its window');
      await within(100, frozenWait.ready);
      own.thaw();
      // The delivery Redis did not perform by its deadline did nothing: the lookup still waits, and can be answered.
      assert.is(await within(2_000, b.deliver(key, 'after thaw')), true);
      assert.is(await within(2_000, wait.answer), 'after thaw');
    } finally {
      await own.stop();
    }
  });

  relay.run();
}
