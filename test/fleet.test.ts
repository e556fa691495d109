import { once } from 'node:events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PrecheckRequest } from '../src/index.js';
import { startFleetWorker, type CheckSummary, type FleetWorker, type WorkerConfig } from './support/fleet-process.js';
import { freePort, startRedis } from './support/own-redis.js';
import { REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';
import { startSandboxProcess } from './support/sandbox-process.js';

/**
 * A fleet of several OS processes, each an engine with `redisStore` on one prefix, against one sandbox (in a process
 * of its own, counting the requests it receives). What the fleet shares: answers, flights, invalidations, outages.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let accountSeq = Math.floor(Math.random() * 90_000);
/** A B-MO account nobody has asked about yet (not a sandbox trigger: the sandbox answers 404). */
const freshAccount = (): PrecheckRequest => ({
  provider: 'bmo',
  intent: 'debit',
  phone: `+22901961${String(accountSeq++ % 100_000).padStart(5, '0')}`,
});
const copies = <T>(n: number, item: T): T[] => Array(n).fill(item);
/** How long after `since` the worker reports the B-MO circuit as hinted open; undefined if not within `boundMs`. */
async function msUntilHinted(worker: FleetWorker, since: number, boundMs: number): Promise<number | undefined> {
  while (performance.now() - since < boundMs) {
    if ((await worker.send({ cmd: 'circuits' })).circuits.bmo === 'hinted') return performance.now() - since;
    await sleep(5);
  }
  return undefined;
}
const byOutcome = (decisions: CheckSummary[]) =>
  decisions.reduce<Record<string, number>>((counts, { status, reason }) => {
    const key = `${status} ${reason ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

const admin = await redisOrSkip('fleet');
if (admin) {
  const sandbox = await startSandboxProcess();
  const options: WorkerConfig['options'] = {
    cache: { ttlMs: 60_000, notFoundTtlMs: 60_000 },
    breaker: { failureThreshold: 3, cooldownMs: 5_000 },
    maxQueue: 5_000,
  };

  const fleet = suite<{ workers: FleetWorker[]; prefix: string }>('fleet: four processes, one Redis');
  fleet.before(async (context) => {
    context.prefix = testPrefix('fleet');
    const config = { providers: sandbox.providers, redisUrl: REDIS_URL, prefix: context.prefix, options };
    context.workers = await Promise.all(Array.from({ length: 4 }, () => startFleetWorker(config)));
    // Each worker answers once its store does; its fleet subscriptions come on a connection of their own: wait for them
    // on Redis's side rather than for a while.
    const channels = ['fleet:invalidate', 'fleet:circuit'].map((name) => `${context.prefix}${name}`);
    const subscribed = async () => {
      const reply = await admin.sendCommand<(string | number)[]>(['PUBSUB', 'NUMSUB', ...channels]);
      return channels.every((_, i) => Number(reply[2 * i + 1]) === context.workers.length);
    };
    for (const giveUpAt = performance.now() + 5_000; !(await subscribed()); await sleep(10)) {
      assert.ok(performance.now() < giveUpAt, 'every worker subscribed within 5 s');
    }
  });
  fleet.after(async ({ workers, prefix }) => {
    await Promise.all(workers.map((worker) => worker.close()));
    await removeKeys(admin, prefix);
  });

  fleet('1,000 identical concurrent checks spread over 4 processes → 1 upstream request', async ({ workers }) => {
    const request = freshAccount();
    const before = await sandbox.requests();
    const replies = await Promise.all(workers.map((worker) => worker.send({ cmd: 'checks', requests: copies(250, request), concurrency: 250 })));
    const decisions = replies.flatMap((reply) => reply.decisions);
    assert.equal(byOutcome(decisions), { 'abort account-not-found': 1_000 });
    assert.is(replies.reduce((sum, reply) => sum + reply.rejected, 0), 0);
    assert.is((await sandbox.requests()) - before, 1, 'upstream requests');
  });

  fleet('invalidate() on one process is seen by the others (their local caches and the shared one)', async ({ workers }) => {
    const request = freshAccount();
    await Promise.all(workers.map((worker) => worker.send({ cmd: 'checks', requests: [request], concurrency: 1 })));
    const before = await sandbox.requests();
    await Promise.all(workers.map((worker) => worker.send({ cmd: 'checks', requests: copies(5, request), concurrency: 5 })));
    assert.is((await sandbox.requests()) - before, 0, 'every process has the answer');

    assert.is((await workers[0].send({ cmd: 'invalidate', request })).invalidated, true);
    // Right after the promise resolves: the other processes ask again (once, between them).
    await Promise.all(workers.slice(1).map((worker) => worker.send({ cmd: 'checks', requests: copies(5, request), concurrency: 5 })));
    assert.is((await sandbox.requests()) - before, 1, 'asked again, once for the fleet');
  });

  fleet('a process whose subscription was cut forgets its local answers once it is back (it may have missed invalidations)', async ({ workers, prefix }) => {
    const request = freshAccount();
    const channel = `${prefix}fleet:invalidate`;
    const subscribers = async () => Number((await admin.sendCommand<[string, number]>(['PUBSUB', 'NUMSUB', channel]))[1]);
    await workers[0].send({ cmd: 'checks', requests: [request], concurrency: 1 });
    // An invalidation this process never hears: the shared answer goes while every subscription is cut.
    assert.is(await subscribers(), workers.length);
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await removeKeys(admin, `${prefix}answer:`);
    const back = performance.now();
    while ((await subscribers()) < workers.length && performance.now() - back < 5_000) await sleep(10);
    assert.is(await subscribers(), workers.length, 'every process subscribed again');
    // Counted on Redis before the process has read the reply that renews it: ask until the provider is asked, bounded.
    const before = await sandbox.requests();
    for (const asking = performance.now(); (await sandbox.requests()) === before && performance.now() - asking < 2_000; await sleep(10)) {
      await workers[0].send({ cmd: 'checks', requests: [request], concurrency: 1 });
    }
    assert.is((await sandbox.requests()) - before, 1, 'asked the provider again rather than trust its local answer');
  });

  fleet('one process opens its circuit: the others stop sending within a Redis round trip', async ({ workers }) => {
    const [first, ...others] = workers;
    const failing: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000500' };
    await first.send({ cmd: 'checks', requests: copies(3, failing), concurrency: 1 });
    const opened = performance.now();
    assert.equal((await first.send({ cmd: 'circuits' })).circuits, { bmo: 'open' });
    // The hint travels by pub/sub, which no IPC message waits for: ask each other process until it has the hint,
    // within a bound far above a Redis round trip (a loaded CI machine may schedule the subscriber late).
    const hintedWithin = await Promise.all(others.map((worker) => msUntilHinted(worker, opened, 2_000)));
    assert.ok(hintedWithin.every((ms) => ms !== undefined), `hint seen by every other process within 2 s: ${hintedWithin}`);
    const before = await sandbox.requests();
    const replies = await Promise.all(others.map((worker) => worker.send({ cmd: 'checks', requests: [freshAccount(), freshAccount()], concurrency: 2 })));
    assert.is((await sandbox.requests()) - before, 0, 'no request from the hinted processes');
    assert.equal(byOutcome(replies.flatMap((reply) => reply.decisions)), { 'retry provider-unavailable': 6 });
    const slowest = Math.max(...(hintedWithin as number[]));
    console.log(`fleet figures: circuit hint seen by 3 other processes within ${slowest.toFixed(1)} ms of the opening`);
  });

  fleet.run();

  // -------------------------------------------------------------------------------------------------------------

  const restart = suite('fleet: Redis killed and restarted in the middle of a load');

  restart('no rejection, no hang, every check decided within its deadline; sharing back afterwards', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const prefix = testPrefix('restart');
    const deadlineMs = 3_000;
    const config = { providers: sandbox.providers, redisUrl: `redis://127.0.0.1:${port}`, prefix, options: { ...options, deadlineMs } };
    const workers = await Promise.all(Array.from({ length: 3 }, () => startFleetWorker(config)));
    try {
      // ~3 s of checks from every process (the same accounts, new ones each batch), while Redis dies at 0.8 s and comes back at 1.8 s.
      // A modest load: the deadline must be met because the engine never waits on a dead Redis, not by luck.
      const batches: PrecheckRequest[][] = [];
      const batch = (k: number) => (batches[k] ??= Array.from({ length: 20 }, freshAccount));
      const started = performance.now();
      const running = Promise.all(
        workers.map(async (worker) => {
          const replies = [];
          for (let k = 0; performance.now() - started < 3_000; k++) {
            replies.push(await worker.send({ cmd: 'checks', requests: batch(k), concurrency: 5 }));
          }
          return replies;
        }),
      );
      await sleep(800);
      redis.kill('SIGKILL');
      await once(redis, 'exit');
      await sleep(1_000);
      redis = await startRedis(port);
      const replies = (await running).flat();
      const decisions = replies.flatMap((reply) => reply.decisions);
      assert.is(replies.reduce((sum, reply) => sum + reply.rejected, 0), 0, 'rejections');
      assert.ok(decisions.length >= 3 * 20, `checks run: ${decisions.length}`);
      // A lookup waiting on the dead Redis would show as retry timeout: every check is decided as the provider says.
      assert.equal(byOutcome(decisions), { 'abort account-not-found': decisions.length }, 'every check decided as the provider says');
      const slowest = Math.max(...decisions.map((decision) => decision.ms));
      assert.ok(slowest <= deadlineMs, `slowest check: ${slowest.toFixed(0)} ms`);

      // Back: every process reconnects by itself; then the fleet shares one request again.
      const backBy = performance.now() + 5_000;
      while (!(await Promise.all(workers.map((worker) => worker.send({ cmd: 'ping' })))).every((reply) => reply.answered)) {
        assert.ok(performance.now() < backBy, 'reconnected within 5 s');
        await sleep(50);
      }
      const reconnectedMs = performance.now() - started - 1_800;
      await sleep(1_100); // the fleet is left alone for 1 s after a store failure
      // A connection still coming back (pub/sub, a late failure's quiet second) may cost one round: sharing must be back
      // within a few rounds, each on a fresh account.
      const upstream: number[] = [];
      for (let round = 0; round < 4 && upstream.at(-1) !== 1; round += 1) {
        if (round > 0) await sleep(1_100);
        const request = freshAccount();
        const before = await sandbox.requests();
        await Promise.all(workers.map((worker) => worker.send({ cmd: 'checks', requests: copies(100, request), concurrency: 100 })));
        upstream.push((await sandbox.requests()) - before);
      }
      assert.is(upstream.at(-1), 1, `sharing is back: one upstream request for 300 checks (rounds: ${upstream.join(', ')})`);
      console.log(
        `fleet figures: Redis down ~1 s under load: ${decisions.length} checks, 0 rejected, slowest ${slowest.toFixed(0)} ms ` +
          `(deadline ${deadlineMs}); reconnected ${reconnectedMs.toFixed(0)} ms after the restart`,
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
      redis.kill('SIGKILL');
    }
  });

  restart.after(async () => {
    await sandbox.close();
    admin.destroy();
  });
  restart.run();
}
