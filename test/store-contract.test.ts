import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStore, type CheckRecord, type CheckStore } from '../src/index.js';
import { redisStore } from '../src/redis/index.js';
import { adminClient, keysUnder, REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';

/**
 * One contract, two adapters: whatever an engine relies on holds for `memoryStore()` and `redisStore()` alike.
 * The Redis adapter runs against a real server, under a key prefix of this run's own, removed at the end.
 */
interface Adapter {
  name: string;
  /** `n` stores over the same data (for Redis: `n` connections). */
  stores(n: number): CheckStore[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOUR = 3_600_000;

const paused = (checkId = randomUUID(), extra: Partial<CheckRecord> = {}): CheckRecord =>
  ({
    checkId,
    version: 1,
    state: 'paused',
    waitingFor: 'names',
    expiresAt: Date.now() + HOUR,
    // Empty arrays and objects, unicode and long numbers must come back exactly as written.
    persisted: { formatVersion: 1, snapshot: { list: [], map: {}, name: 'Sènami Houngbédji', at: 1_764_000_000_123 } },
    decision: { status: 'needs-names', provider: 'bmo', intent: 'credit', attempts: 1, checkId } as never,
    ...extra,
  }) as CheckRecord;

const decided = (checkId: string, version: number): CheckRecord => ({
  checkId,
  version,
  state: 'decided',
  decision: { status: 'proceed', provider: 'bmo', intent: 'credit', attempts: 1 } as never,
});

function contract(adapter: Adapter) {
  const tests = suite<{ stores: CheckStore[] }>(`store contract: ${adapter.name}`);
  tests.before((context) => {
    context.stores = adapter.stores(5);
  });
  tests.after(async ({ stores }) => {
    for (const store of stores) await store.close();
  });

  tests('get: unknown → undefined; create writes once; get returns exactly what was written', async ({ stores: [store] }) => {
    const record = paused();
    assert.is(await store.get(record.checkId), undefined);
    assert.is(await store.create(record, HOUR), true);
    assert.is(await store.create({ ...record, version: 7 } as CheckRecord, HOUR), false, 'an existing id is not overwritten');
    assert.equal(await store.get(record.checkId), record);
  });

  tests('claim: paused at its version → running at version + 1 with a lease; not again', async ({ stores: [store] }) => {
    const record = paused();
    await store.create(record, HOUR);
    assert.is((await store.claim(record.checkId, 2, 5_000)).claimed, false, 'not at another version');
    const before = Date.now();
    const claim = await store.claim(record.checkId, 1, 5_000);
    assert.ok(claim.claimed);
    if (!claim.claimed) return;
    assert.is(claim.record.version, 2);
    assert.is(claim.record.state, 'running');
    assert.ok(claim.record.leaseUntil >= before + 4_900 && claim.record.leaseUntil <= Date.now() + 5_100, `lease ${claim.record.leaseUntil - before}`);
    assert.equal(claim.record.persisted, (record as Extract<CheckRecord, { state: 'paused' }>).persisted);
    assert.equal(await store.get(record.checkId), claim.record);
    const again = await store.claim(record.checkId, 1, 5_000);
    assert.is(again.claimed, false, 'the old version is gone');
    assert.is(again.record?.version, 2);
    assert.is((await store.claim(record.checkId, 2, 5_000)).claimed, false, 'running with a live lease');
  });

  tests('claim: unknown → not claimed, no record; decided → not claimed, the decision', async ({ stores: [store] }) => {
    const unknown = await store.claim(randomUUID(), 1, 1_000);
    assert.equal([unknown.claimed, unknown.record], [false, undefined]);
    const id = randomUUID();
    await store.create(decided(id, 1), HOUR);
    const claim = await store.claim(id, 1, 1_000);
    assert.is(claim.claimed, false);
    assert.equal(claim.record, decided(id, 1));
  });

  tests('fencing: a commit at a stale version is refused and changes nothing', async ({ stores: [store] }) => {
    const record = paused();
    await store.create(record, HOUR);
    const first = await store.claim(record.checkId, 1, 30);
    assert.ok(first.claimed);
    await sleep(60);
    const second = await store.claim(record.checkId, 2, 5_000);
    assert.ok(second.claimed, 'the lease passed: another instance takes over');
    assert.is(await store.commit(decided(record.checkId, 3), 2, HOUR), false, 'the first holder was fenced off');
    assert.equal(await store.get(record.checkId), second.claimed ? second.record : undefined);
    assert.is(await store.commit(decided(record.checkId, 4), 3, HOUR), true);
    assert.equal(await store.get(record.checkId), decided(record.checkId, 4));
    assert.is(await store.commit(decided(randomUUID(), 2), 1, HOUR), false, 'an unknown check is not created by a commit');
  });

  tests('50 concurrent claims over 5 connections: exactly one wins', async ({ stores }) => {
    const record = paused();
    await stores[0].create(record, HOUR);
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % stores.length].claim(record.checkId, 1, 5_000)));
    assert.is(claims.filter((claim) => claim.claimed).length, 1);
    assert.ok(claims.every((claim) => claim.record?.version === 2));
  });

  tests('lease expiry: a running check whose lease passed is claimed again, at its version', async ({ stores: [a, b] }) => {
    const record = paused();
    await a.create(record, HOUR);
    assert.ok((await a.claim(record.checkId, 1, 40)).claimed);
    assert.is((await b.claim(record.checkId, 2, 1_000)).claimed, false, 'lease still running');
    await sleep(70);
    const taken = await b.claim(record.checkId, 2, 1_000);
    assert.ok(taken.claimed);
    assert.is(taken.record?.version, 3);
  });

  tests('TTLs: a check, a committed check and a value are gone after theirs; a claim keeps it', async ({ stores: [store] }) => {
    const short = paused();
    await store.create(short, 80);
    const claimed = paused();
    await store.create(claimed, 120);
    await store.claim(claimed.checkId, 1, 10_000);
    const committed = paused();
    await store.create(committed, HOUR);
    await store.commit(decided(committed.checkId, 2), 1, 80);
    await store.setValue('ttl-value', 'x', 80);
    assert.ok(await store.get(short.checkId));
    await sleep(200);
    assert.is(await store.get(short.checkId), undefined);
    assert.is(await store.get(claimed.checkId), undefined, 'a claim does not extend the TTL');
    assert.is(await store.get(committed.checkId), undefined, 'a commit sets its own TTL');
    assert.is(await store.getValue('ttl-value'), undefined);
  });

  tests('values: putIfAbsent writes once; get, set, delete', async ({ stores: [store, other] }) => {
    const key = `idem-${randomUUID()}`;
    assert.is(await store.getValue(key), undefined);
    assert.is(await store.putIfAbsent(key, 'first', HOUR), true);
    assert.is(await other.putIfAbsent(key, 'second', HOUR), false);
    assert.is(await other.getValue(key), 'first');
    await other.setValue(key, '{"status":200}', HOUR);
    assert.is(await store.getValue(key), '{"status":200}');
    await store.deleteValue(key);
    assert.is(await other.getValue(key), undefined);
    assert.is(await store.putIfAbsent(key, 'again', 60), true, 'free again once deleted');
  });

  tests('ping answers', async ({ stores: [store] }) => {
    await store.ping();
  });

  return tests;
}

// ---------------------------------------------------------------------------------------------------------------

contract({ name: 'memoryStore', stores: (n) => Array(n).fill(memoryStore()) }).run();

const bound = suite('store contract: memoryStore bound');
bound('past maxEntries or maxBytes a write is refused and nothing live is evicted; what has expired makes room', async () => {
  const store = memoryStore({ maxEntries: 3 });
  const records = [paused(), paused(), paused(), paused()];
  for (const record of records.slice(0, 3)) await store.create(record, HOUR);
  await store.putIfAbsent('v', '1', HOUR).then(
    () => assert.unreachable('a fourth entry was written'),
    (error: Error) => assert.match(error.message, /full \(maxEntries\)/),
  );
  for (const record of records.slice(0, 3)) assert.ok(await store.get(record.checkId), 'nothing was evicted');
  assert.ok(await store.commit({ ...records[0], version: 2 }, 1, HOUR), 'a record replaced in place still fits');
  await store.create(records[3], HOUR).then(() => assert.unreachable(), () => undefined);
  assert.is(await store.get(records[3].checkId), undefined);

  const small = memoryStore({ maxBytes: 4_000 });
  await small.setValue('short-lived', 'x'.repeat(1_500), 50);
  await small.setValue('kept', 'y'.repeat(1_500), HOUR);
  await small.setValue('large', 'z'.repeat(1_500), HOUR).then(
    () => assert.unreachable('past maxBytes'),
    (error: Error) => assert.match(error.message, /full \(maxBytes\)/),
  );
  assert.is(await small.getValue('kept'), 'y'.repeat(1_500));
  await new Promise((resolve) => setTimeout(resolve, 60));
  await small.setValue('large', 'z'.repeat(1_500), HOUR);
  assert.equal([await small.getValue('short-lived'), await small.getValue('kept')], [undefined, 'y'.repeat(1_500)]);
  await small.deleteValue('large');
  await small.setValue('again', 'w'.repeat(1_500), HOUR);

  assert.throws(() => memoryStore({ maxEntries: 0 }), /maxEntries/);
  assert.throws(() => memoryStore({ maxBytes: 0.5 }), /maxBytes/);
});
bound.run();

const admin = await redisOrSkip('store contract: redisStore');
if (admin) {
  const prefix = testPrefix('contract');
  contract({ name: 'redisStore', stores: (n) => Array.from({ length: n }, () => redisStore({ url: REDIS_URL, prefix })) }).run();

  const redis = suite('store contract: redisStore only');
  // Every store a test opens, closed after the suite even when a test fails half-way (an open socket keeps uvu alive).
  const opened: CheckStore[] = [];
  const open = (options: Parameters<typeof redisStore>[0] = { url: REDIS_URL, prefix }) => {
    const store = redisStore(options);
    opened.push(store);
    return store;
  };
  redis('every key has a TTL: scan the prefix, PTTL > 0 for each (checks, values, answers, flights)', async () => {
    const store = open();
    const record = paused();
    await store.create(record, HOUR);
    await store.claim(record.checkId, 1, 1_000);
    const other = paused();
    await store.create(other, HOUR);
    await store.commit(decided(other.checkId, 2), 1, HOUR);
    await store.putIfAbsent('ttl-check', '1', HOUR);
    await store.setValue('ttl-check-2', '1', HOUR);
    await store.fleet!.setAnswer('digest', '{}', HOUR);
    await store.fleet!.acquireFlight('digest', HOUR);
    const keys = await keysUnder(admin, prefix);
    assert.ok(keys.length >= 6, `keys: ${keys.length}`);
    const without: string[] = [];
    // -1: a key without a TTL. (-2: a key of another test of this prefix that expired since the scan: fine.)
    for (const key of keys) if (Number(await admin.sendCommand(['PTTL', key])) === -1) without.push(key);
    assert.equal(without, [], 'keys without a TTL');
    assert.ok(keys.every((key) => !key.includes('+229')), 'no phone number in a key');
    await store.close();
  });

  redis('close(): a store closes the connection it opened, never a client passed in', async () => {
    const own = open();
    own.fleet!.onInvalidate(() => {});
    await own.ping();
    await own.close();
    const after = await own.ping().then(() => 'answered', () => 'refused');
    assert.is(after, 'refused', 'its own connection is closed');

    const given = await adminClient();
    const store = open({ client: given!, prefix });
    store.fleet!.onCircuitOpen(() => {});
    await store.ping();
    await store.close();
    assert.is(String(await given!.sendCommand(['PING'])), 'PONG', "the caller's client still works");
    given!.destroy();
  });

  redis('fleet share: answers, invalidation told to every store, flights held by one, circuit hints', async () => {
    const [a, b] = [open(), open()];
    const told: string[] = [];
    const hints: [string, number][] = [];
    b.fleet!.onInvalidate((key) => told.push(key));
    b.fleet!.onCircuitOpen((provider, until) => hints.push([provider, until]));
    a.fleet!.onCircuitOpen(() => assert.unreachable('an instance does not hint itself'));
    await sleep(100); // b's subscription is set up
    await a.fleet!.setAnswer('k1', 'answer', HOUR);
    assert.is(await b.fleet!.getAnswer('k1'), 'answer');
    assert.is(await a.fleet!.invalidateAnswer('k1'), true);
    assert.is(await b.fleet!.getAnswer('k1'), undefined);
    assert.is(await a.fleet!.invalidateAnswer('k1'), false, 'nothing left to delete');
    assert.is(await a.fleet!.acquireFlight('k1', HOUR), true);
    assert.is(await b.fleet!.acquireFlight('k1', HOUR), false);
    await b.fleet!.releaseFlight('k1');
    assert.is(await b.fleet!.acquireFlight('k1', HOUR), false, 'only the holder ends a flight');
    await a.fleet!.releaseFlight('k1');
    assert.is(await b.fleet!.acquireFlight('k1', 50), true);
    await a.fleet!.publishCircuitOpen('bmo', 12345);
    await sleep(50);
    assert.equal(told, ['k1', 'k1']);
    assert.equal(hints, [['bmo', 12345]]);
    await a.close();
    await b.close();
  });

  redis.after(async () => {
    for (const store of opened) await store.close();
    await removeKeys(admin, prefix);
    assert.equal(await keysUnder(admin, prefix), []);
    admin.destroy();
  });
  redis.run();
}
