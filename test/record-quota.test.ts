import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { redisStore } from '../src/redis/index.js';
import { processQuotas } from '../src/server/process-quotas.js';
import type { CheckStore } from '../src/persistence/store/check-store.js';
import { keysUnder, redisOrSkip, REDIS_URL, removeKeys, testPrefix } from './support/redis.js';

type Quotas = Required<Pick<CheckStore, 'addToQuota' | 'removeFromQuota'>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One contract for the quotas a store keeps (Redis) and the ones the service keeps in its process. */
function contract(name: string, quotas: () => Quotas) {
  const tests = suite(`quota contract: ${name}`);

  tests('at max a new member is refused (until the first one ends); a member counted again is not new', async () => {
    const q = quotas();
    assert.equal(await q.addToQuota('g', 'a', 1_000, 3), { added: true });
    for (const member of ['b', 'c']) assert.equal(await q.addToQuota('g', member, 60_000, 3), { added: true });
    assert.equal(await q.addToQuota('g', 'a', 90_000, 3), { added: true }, "'a' now ends last");
    const refused = await q.addToQuota('g', 'd', 60_000, 3);
    assert.is(refused.added, false);
    assert.ok(!refused.added && refused.retryAfterMs > 59_000 && refused.retryAfterMs <= 60_000, JSON.stringify(refused));
    assert.equal(await q.addToQuota('g', 'b', 1_000, 3), { added: true }, 'an existing member');
    assert.equal(await q.addToQuota('other', 'd', 60_000, 3), { added: true }, 'another group has its own count');
  });

  tests('a member ends at the later of its ends; an ended or removed member frees its place', async () => {
    const q = quotas();
    await q.addToQuota('g', 'short', 100, 2);
    await q.addToQuota('g', 'extended', 100, 2);
    await q.addToQuota('g', 'extended', 60_000, 2);
    await q.addToQuota('g', 'extended', 50, 2);
    await sleep(150);
    assert.equal(await q.addToQuota('g', 'new', 60_000, 2), { added: true }, "'short' ended");
    assert.is((await q.addToQuota('g', 'newer', 60_000, 2)).added, false, "'extended' did not");
    await q.removeFromQuota('g', 'new');
    assert.equal(await q.addToQuota('g', 'newer', 60_000, 2), { added: true });
  });

  tests('concurrent adds never pass max', async () => {
    const q = quotas();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => q.addToQuota('g', `m${i}`, 60_000, 10)));
    assert.is(results.filter((result) => result.added).length, 10);
  });

  return tests;
}

contract('in the service process', processQuotas).run();

const admin = await redisOrSkip('quota contract: redisStore');
if (admin) {
  const prefix = testPrefix('quota');
  const stores: CheckStore[] = [];
  const tests = contract('redisStore', () => {
    // A prefix per test: each starts from empty groups.
    const store = redisStore({ url: REDIS_URL, prefix: `${prefix}${stores.length}:` });
    stores.push(store);
    return store as Quotas;
  });
  tests('the sorted set expires with its last member, on its own', async () => {
    const store = redisStore({ url: REDIS_URL, prefix: `${prefix}ttl:` });
    stores.push(store);
    await store.addToQuota!('g', 'm', 200, 5);
    const [key] = await keysUnder(admin, `${prefix}ttl:`);
    assert.ok(key.endsWith('quota:g'), key);
    const ttl = Number(await admin.sendCommand(['PTTL', key]));
    assert.ok(ttl > 0 && ttl <= 200, `PTTL ${ttl}`);
    await sleep(300);
    assert.equal(await keysUnder(admin, `${prefix}ttl:`), []);
  });
  tests.after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await removeKeys(admin, prefix);
    admin.destroy();
  });
  tests.run();
}
