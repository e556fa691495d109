import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type CheckStore, type Decision, type Precheck, type PrecheckOptions } from '../src/index.js';
import { redisStore, type RedisStoreOptions } from '../src/redis/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';
import { pausingCredit } from './support/pausing-credit.js';
import { reasonOf, messageOf } from './support/outcome.js';

/**
 * Durable checks on a real Redis (the shared one, under a prefix of this run's own) when what it holds is not what
 * this engine wrote, or the host's clock is not Redis's: every resume answers within its deadline, in ≤ 20 round trips.
 */
interface Context {
  sandbox: Sandbox;
  prefix: string;
  engines: Precheck[];
  stores: CheckStore[];
}

const MAX_ROUND_TRIPS = 20;
const names = { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' } as const;

/** A check paused for names, with its checkId. */
async function paused(precheck: Precheck): Promise<string> {
  const decision = await precheck.check(pausingCredit());
  assert.is(decision.status, 'needs-names', messageOf(decision));
  return decision.checkId!;
}

/** Counts the round trips an engine makes, forwarding each call to the real Redis store. */
function counted(store: CheckStore): CheckStore & { calls: number } {
  const counting = { calls: 0, fleet: store.fleet } as CheckStore & { calls: number };
  for (const key of ['get', 'create', 'claim', 'commit', 'putIfAbsent', 'getValue', 'setValue', 'deleteValue', 'ping', 'close'] as const) {
    (counting as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      counting.calls += 1;
      return (store[key] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return counting;
}

/** `promise`, or 'no answer' after `ms`: a resume that spins must fail the test, not hang it. */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), ms).unref())]);

const admin = await redisOrSkip('durable checks on Redis');
if (admin) {
  const durable = suite<Context>('durable checks on Redis: unusable records, clock skew, shared stores');
  durable.before(async (context) => {
    context.sandbox = await startSandbox();
    context.prefix = testPrefix('durable');
    context.engines = [];
    context.stores = [];
  });
  durable.after(async ({ sandbox, prefix, engines, stores }) => {
    for (const engine of engines) await engine.close();
    for (const store of stores) await store.close();
    await sandbox.close();
    await removeKeys(admin, prefix);
    admin.destroy();
  });

  const store = (context: Context, options: RedisStoreOptions = {}) => {
    // What a store reports is asserted where it matters; elsewhere it is not printed.
    const opened = redisStore({ url: REDIS_URL, prefix: context.prefix, onError: () => {}, ...options });
    context.stores.push(opened);
    return opened;
  };
  const engine = (context: Context, options: Partial<PrecheckOptions>) => {
    const precheck = createPrecheck({ providers: context.sandbox.providers, ...options });
    context.engines.push(precheck);
    return precheck;
  };
  const checkKey = (context: Context, checkId: string) => `${context.prefix}check:${checkId}`;

  durable('a record whose version or state no release writes (edited in Redis) → check-not-found "unusable", bounded', async (context) => {
    const redis = counted(store(context));
    const deadlineMs = 2_000;
    const precheck = engine(context, { store: redis, deadlineMs, storeTimeoutMs: 100 });
    const edits: [string, string][] = [['v', 'abc'], ['v', '0'], ['v', '1.5'], ['s', 'archived'], ['s', 'running'], ['l', 'soon']];
    for (const [field, value] of edits) {
      const checkId = await paused(precheck);
      // 'l' only matters to a running check: make it one, with a lease no release writes.
      if (field === 'l') await admin.sendCommand(['HSET', checkKey(context, checkId), 's', 'running']);
      await admin.sendCommand(['HSET', checkKey(context, checkId), field, value]);
      const before = redis.calls;
      const started = performance.now();
      const decision = await within(deadlineMs + 1_000, precheck.resume(checkId, names));
      const took = performance.now() - started;
      const trips = redis.calls - before;
      assert.ok(decision !== 'no answer', `${field}=${value}: no answer within ${deadlineMs + 1_000} ms (${trips} round trips)`);
      assert.ok(trips <= MAX_ROUND_TRIPS, `${field}=${value}: ${trips} round trips`);
      assert.ok(took <= deadlineMs + 100, `${field}=${value}: answered after ${took.toFixed(0)} ms`);
      assert.is(reasonOf(decision), 'check-not-found', `${field}=${value}: ${messageOf(decision)}`);
      assert.match(messageOf(decision), /stored record is unusable/);
      assert.is(await precheck.status(checkId), undefined);
    }
  });

  durable('a record that cannot be parsed, of another type, or copied from another check → check-not-found, told once, left to expire', async (context) => {
    const errors: Error[] = [];
    const precheck = engine(context, { store: store(context, { onError: (error) => errors.push(error) }), deadlineMs: 2_000 });
    const unparseable = await paused(precheck);
    await admin.sendCommand(['HSET', checkKey(context, unparseable), 'r', '{"checkId": "chk_']);
    for (let i = 0; i < 2; i += 1) {
      const decision = await within(3_000, precheck.resume(unparseable, names));
      assert.ok(decision !== 'no answer', 'no answer');
      assert.is(reasonOf(decision), 'check-not-found', messageOf(decision));
      assert.match(messageOf(decision), /stored record is unusable \(its JSON cannot be parsed/);
    }
    assert.is(await precheck.status(unparseable), undefined);
    assert.is(errors.length, 1, 'one line for the operator, not one per resume');
    assert.match(errors[0].message, /unusable/);
    assert.ok(Number(await admin.sendCommand(['PTTL', checkKey(context, unparseable)])) > 0, 'left to expire (its TTL runs)');

    const string = await paused(precheck);
    await admin.sendCommand(['SET', checkKey(context, string), 'not a hash', 'PX', '60000']);
    assert.is(reasonOf(await precheck.resume(string, names)), 'check-not-found');

    // Check B's record under check A's id: continuing it would continue someone else's payment.
    const [first, second] = [await paused(precheck), await paused(precheck)];
    await admin.sendCommand(['COPY', checkKey(context, second), checkKey(context, first), 'REPLACE']);
    const copied = await precheck.resume(first, names);
    assert.is(reasonOf(copied), 'check-not-found', `${copied.status}: ${messageOf(copied)}`);
    assert.match(messageOf(copied), /another check/);
  });

  durable('the host clock 4 s ahead of Redis: a resume of a check another instance holds answers within its deadline, ≤ 20 round trips', async (context) => {
    const redis = counted(store(context));
    const deadlineMs = 2_000;
    const storeTimeoutMs = 100;
    const precheck = engine(context, { store: redis, deadlineMs, storeTimeoutMs });
    const checkId = await paused(precheck);
    // Another instance is mid-continuation: its lease runs 3 s more on Redis's clock.
    const other = store(context);
    assert.ok((await other.claim(checkId, 1, 3_000)).claimed);
    const leaseEnds = performance.now() + 3_000;

    // This host's clock runs 4 s ahead of Redis's (only this process's wall clock moves; Redis's and the timers do not).
    const realNow = Date.now;
    Date.now = () => realNow.call(Date) + 4_000;
    const before = redis.calls;
    const started = performance.now();
    let decision: Decision | 'no answer';
    try {
      decision = await within(deadlineMs + 3_000, precheck.resume(checkId, names));
    } finally {
      Date.now = realNow;
    }
    const took = performance.now() - started;
    const trips = redis.calls - before;
    console.log(`durable figures: host clock +4 s, lease held: answered in ${took.toFixed(0)} ms with ${trips} store round trips`);
    assert.ok(trips <= MAX_ROUND_TRIPS, `${trips} round trips`);
    assert.ok(took <= deadlineMs + storeTimeoutMs, `answered after ${took.toFixed(0)} ms`);
    assert.ok(decision !== 'no answer');
    assert.is(decision.status, 'retry');
    assert.is(reasonOf(decision), 'store-unavailable');
    assert.match(messageOf(decision), /still running/);

    // Once the lease has passed on Redis's clock, the check is taken over and decided, the host clock still ahead.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, leaseEnds - performance.now()) + 50));
    Date.now = () => realNow.call(Date) + 4_000;
    try {
      const after = await within(deadlineMs + 1_000, precheck.resume(checkId, names));
      assert.ok(after !== 'no answer');
      assert.is(after.status, 'proceed', messageOf(after));
    } finally {
      Date.now = realNow;
    }
  });

  durable('close(): an engine leaves a store it was given open; a second engine on the same redisStore keeps its paused checks', async (context) => {
    const shared = store(context);
    const first = createPrecheck({ providers: context.sandbox.providers, store: shared });
    const second = engine(context, { store: shared });
    const checkId = await paused(first);
    await first.close();
    const decision = await second.resume(checkId, names);
    assert.is(decision.status, 'proceed', messageOf(decision));
    await shared.ping();
  });

  durable.run();
}
