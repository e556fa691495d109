import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type CheckStore, type Decision, type Precheck, type PrecheckOptions } from '../src/index.js';
import { redisStore, type RedisStoreOptions } from '../src/redis/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { ownRedis, startRedis, freePort } from './support/own-redis.js';
import { adminClient, keysUnder, testPrefix } from './support/redis.js';
import { startServeProcess } from './support/serve-process.js';
import { pausingCredit } from './support/pausing-credit.js';
import { reasonOf, messageOf } from './support/outcome.js';

/**
 * Redis frozen (SIGSTOP) and gone, on a redis-server this test starts itself (never the shared one): a store call the
 * engine gave up on never takes effect later, a hung Redis cannot grow the client's queue without bound, and an
 * unreachable one is told once.
 */
interface Context {
  sandbox: Sandbox;
  redis: Awaited<ReturnType<typeof ownRedis>>;
  engines: Precheck[];
  stores: CheckStore[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' } as const;

const frozen = suite<Context>('store faults: Redis frozen (SIGSTOP) and gone');
frozen.before(async (context) => {
  context.sandbox = await startSandbox();
  context.redis = await ownRedis();
  context.engines = [];
  context.stores = [];
});
frozen.after(async ({ sandbox, redis, engines, stores }) => {
  redis.thaw();
  for (const engine of engines) await engine.close();
  for (const store of stores) await store.close();
  await redis.stop();
  await sandbox.close();
});

const store = (context: Context, options: RedisStoreOptions = {}) => {
  const opened = redisStore({ url: context.redis.url, prefix: testPrefix('freeze'), onError: () => {}, onRecover: () => {}, ...options });
  context.stores.push(opened);
  return opened;
};
const engine = (context: Context, options: Partial<PrecheckOptions>) => {
  const precheck = createPrecheck({ providers: context.sandbox.providers, ...options });
  context.engines.push(precheck);
  return precheck;
};

frozen("Redis frozen during a resume's commit: retry store-unavailable, and after the thaw the check is still paused and resumable", async (context) => {
  const redis = store(context);
  let freezeOnCommit = false;
  // The real store, frozen at the moment the engine commits the continuation's result.
  const freezing: CheckStore = {
    ...redis,
    commit(...args) {
      if (freezeOnCommit) context.redis.freeze();
      return redis.commit(...args);
    },
  };
  const storeTimeoutMs = 100;
  const precheck = engine(context, { store: freezing, storeTimeoutMs });
  const paused = (await precheck.check(pausingCredit())) as Decision & { checkId: string };
  assert.is(paused.status, 'needs-names');

  freezeOnCommit = true;
  const frozenAt = performance.now();
  const told = await precheck.resume(paused.checkId, names);
  freezeOnCommit = false;
  const answeredAfter = performance.now() - frozenAt;
  assert.is(told.status, 'retry', messageOf(told));
  assert.is(reasonOf(told), 'store-unavailable');
  assert.match(messageOf(told), /nothing was changed/);
  assert.ok(answeredAfter < 20 * storeTimeoutMs, `answered after ${answeredAfter.toFixed(0)} ms`);

  // Frozen well past the engine giving up, then thawed: Redis now runs the commit it had queued.
  await sleep(Math.max(0, 600 - (performance.now() - frozenAt)));
  context.redis.thaw();
  await redis.ping(); // behind the commit on the same connection: once it answers, the commit has run

  // Nothing changed, as the caller was told: still paused, and the word it acted on (CANCEL) is taken.
  const status = await precheck.status(paused.checkId);
  assert.is(status?.state, 'paused', JSON.stringify(status));
  const cancelled = await precheck.resume(paused.checkId, { type: 'CANCEL' });
  assert.is(cancelled.status, 'abort', messageOf(cancelled));
  assert.is(reasonOf(cancelled), 'cancelled');
});

frozen("a write runs only within withinMs of leaving this process: frozen past it, it is refused and writes nothing; a busy loop does not make it late", async (context) => {
  const redis = store(context);
  await redis.setValue('clock', 'known', 60_000, 1_000); // the store has read Redis's clock
  const record = {
    checkId: 'chk_FROZENFROZENFROZENFROZENFROZEN00',
    version: 1,
    state: 'paused',
    waitingFor: 'names',
    expiresAt: Date.now() + 60_000,
    persisted: {},
    decision: { status: 'needs-names' },
  } as never;
  context.redis.freeze();
  const late = redis.create(record, 60_000, 50).then(() => 'written', (error: Error) => error.name);
  await sleep(200);
  context.redis.thaw();
  assert.is(await late, 'Error', 'the store gave up on it by itself (no answer past its deadline)');
  assert.is(await redis.get('chk_FROZENFROZENFROZENFROZENFROZEN00'), undefined, 'Redis refused it when it thawed');

  const created = redis.create(record, 60_000, 50);
  const busyUntil = performance.now() + 300;
  while (performance.now() < busyUntil); // this process is busy before the command is even written
  assert.is(await created, true, 'its deadline counts from when it leaves the process');
});

frozen('pauses while Redis is frozen answer retry store-unavailable, and none is written after the thaw', async (context) => {
  const prefix = testPrefix('freeze-pauses');
  const redis = store(context, { prefix });
  const precheck = engine(context, { store: redis, storeTimeoutMs: 100 });
  // One pause while Redis answers: the store knows Redis's clock from here on.
  assert.is((await precheck.check(pausingCredit())).status, 'needs-names');
  context.redis.freeze();
  const decisions = await Promise.all(Array.from({ length: 20 }, () => precheck.check(pausingCredit())));
  await sleep(300);
  context.redis.thaw();
  await redis.ping();
  assert.equal(
    decisions.map((decision) => `${decision.status} ${reasonOf(decision)} ${decision.checkId ?? 'no checkId'}`),
    Array(20).fill('retry store-unavailable no checkId'),
  );
  const admin = (await adminClient(context.redis.url))!;
  try {
    const checks = await keysUnder(admin, `${prefix}check:`);
    assert.is(checks.length, 1, `paused checks written after their callers were told none was kept: ${checks.length - 1}`);
  } finally {
    admin.destroy();
  }
});

frozen("while Redis is frozen the client's queue is bounded: past maxPending a call fails at once, told once", async (context) => {
  const errors: Error[] = [];
  const redis = store(context, { maxPending: 50, onError: (error) => errors.push(error) });
  const precheck = engine(context, { store: redis, storeTimeoutMs: 100 });
  const { checkId } = (await precheck.check(pausingCredit())) as { checkId: string };
  context.redis.freeze();
  try {
    const queued = Array.from({ length: 50 }, () => redis.getValue('k').then(() => 'answered', () => 'failed'));
    const started = performance.now();
    const call = () => redis.getValue('k').then(() => 'answered', (error: Error) => error.message);
    const refused = await Promise.all(Array.from({ length: 200 }, () => Promise.race([call(), sleep(500).then(() => 'still waiting')])));
    const refusedWithin = performance.now() - started;
    assert.ok(refused.every((outcome) => /maxPending/.test(outcome)), refused[0]);
    assert.ok(refusedWithin < 100, `refused after ${refusedWithin.toFixed(0)} ms`);
    // The engine's calls fail fast too: a resume answers retry store-unavailable without waiting for the bound.
    const resumed = performance.now();
    const decision = await precheck.resume(checkId, names);
    assert.is(reasonOf(decision), 'store-unavailable');
    assert.ok(performance.now() - resumed < 100, `resume answered after ${(performance.now() - resumed).toFixed(0)} ms`);
    assert.is(errors.length, 1, errors.map((error) => error.message).join('; '));
    assert.match(errors[0].message, /maxPending 50/);
    context.redis.thaw();
    assert.equal(await Promise.all(queued), Array(50).fill('answered'), 'the queued calls are answered after the thaw');
  } finally {
    context.redis.thaw();
  }
  assert.is((await precheck.resume(checkId, names)).status, 'proceed');
});

frozen('nothing listening: onError is called once, naming the error; onRecover once Redis answers', async (context) => {
  const port = await freePort();
  const errors: Error[] = [];
  let recovered = 0;
  const redis = store(context, { url: `redis://127.0.0.1:${port}`, onError: (error) => errors.push(error), onRecover: () => (recovered += 1) });
  const precheck = engine(context, { store: redis });
  const paused = await precheck.check(pausingCredit());
  assert.is(paused.status, 'retry', 'a pause that cannot be stored is never a paused decision without checkId');
  assert.is(reasonOf(paused), 'store-unavailable');
  await sleep(1_500); // several reconnection attempts
  assert.is(errors.length, 1, errors.map((error) => error.message).join('; '));
  assert.match(errors[0].message, /ECONNREFUSED/);
  assert.is(recovered, 0);
  const server = await startRedis(port);
  try {
    const by = performance.now() + 5_000;
    while (recovered === 0 && performance.now() < by) await sleep(50);
    assert.is(recovered, 1);
    assert.is((await precheck.check(pausingCredit())).status, 'needs-names');
    assert.is(errors.length, 1);
  } finally {
    server.kill('SIGKILL');
  }
});

frozen("serve --redis with nothing listening: one JSON log line names the store's error", async () => {
  const port = await freePort();
  const serve = await startServeProcess(['--sandbox', '--insecure-local', '--redis', `redis://127.0.0.1:${port}`]);
  try {
    const errorLines = () => serve.stdout.filter((line) => line.includes('"msg":"store-error"'));
    const by = performance.now() + 5_000;
    while (errorLines().length === 0 && performance.now() < by) await sleep(50);
    await sleep(1_000); // reconnection attempts go on: still one line
    assert.is(errorLines().length, 1, serve.stdout.join('\n'));
    const line = JSON.parse(errorLines()[0]) as { store: string; error: string };
    assert.is(line.store, 'redis');
    assert.match(line.error, /ECONNREFUSED/);
  } finally {
    await serve.stop();
  }
});

frozen.run();
