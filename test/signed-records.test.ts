import * as assert from 'uvu/assert';
import { createPrecheck, memoryStore, type CheckRecord, type CheckStore, type Decision, type Precheck, type PrecheckOptions } from '../src/index.js';
import { redisStore } from '../src/redis/index.js';
import { keysUnder, REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { reasonOf } from './support/outcome.js';

/**
 * With `snapshotKeys`, the whole stored record is authenticated, not only the snapshot inside it: its decision, its
 * `expiresAt`, what it waits for and the check it belongs to; and so are the fleet's shared answers. Each tamper case
 * is done as someone with write access to the store would do it: on the stored JSON.
 */
const KEY_A = 'record-key-A-5b0f7c1e9d2a4b6c8e0f1a3b5c7d9e1f';
const KEY_B = 'record-key-B-0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
const KEY_C = 'record-key-C-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';

const UNKNOWN_CUSTOMER = '+2290197000404';
const FOUND_CUSTOMER = '+2290197000001'; // B-MO holds "Ama Koffi"
const credit = { provider: 'bmo', intent: 'credit', phone: UNKNOWN_CUSTOMER, transactionId: 'tx-signed-credit' } as const;
const confirmedDebit = { provider: 'bmo', intent: 'debit', phone: FOUND_CUSTOMER, confirmPayee: true, transactionId: 'tx-signed-debit' } as const;
const names = { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' } as const;

const admin = await redisOrSkip('signed records');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a test's records live, and how an attacker with write access to that place edits them. */
interface Place {
  store(): CheckStore;
  /** The stored record's JSON as the store keeps it, and a way to write edited JSON back in place. */
  read(checkId: string): Promise<CheckRecord & Record<string, unknown>>;
  write(checkId: string, record: Record<string, unknown>): Promise<void>;
  done(): Promise<void>;
}

function memoryPlace(): Place {
  const store = memoryStore();
  return {
    store: () => store,
    read: async (checkId) => structuredClone((await store.get(checkId)) as CheckRecord & Record<string, unknown>),
    async write(checkId, record) {
      const current = await store.get(checkId);
      // Through the store's own calls (it is in-process), which file a record under its `checkId` field: so a record
      // copied from another check has that field changed to this id, as an attacker would.
      const placed = { ...record, checkId } as CheckRecord;
      if (current) assert.ok(await store.commit({ ...placed, version: current.version } as CheckRecord, current.version, 60_000));
      else assert.ok(await store.create(placed, 60_000));
    },
    done: async () => {},
  };
}

function redisPlace(): Place {
  const prefix = testPrefix('signed-records');
  const key = (checkId: string) => `${prefix}check:${checkId}`;
  return {
    store: () => redisStore({ url: REDIS_URL, prefix }),
    async read(checkId) {
      const [json] = await admin!.sendCommand<string[]>(['HMGET', key(checkId), 'r']);
      return JSON.parse(json);
    },
    async write(checkId, record) {
      // What `HSET` from redis-cli does: the fields the engine reads, no script, no version change unless asked.
      const fields = ['r', JSON.stringify(record), 's', String(record.state)];
      await admin!.sendCommand(['HSET', key(checkId), ...fields]);
      const [version] = await admin!.sendCommand<(string | null)[]>(['HMGET', key(checkId), 'v']);
      if (version === null) await admin!.sendCommand(['HSET', key(checkId), 'v', '1']);
      await admin!.sendCommand(['PEXPIRE', key(checkId), '60000']);
    },
    done: () => removeKeys(admin!, prefix),
  };
}

function engineOn(context: SandboxContext, place: Place, options: Omit<PrecheckOptions, 'providers'> = {}): Precheck {
  const precheck = createPrecheck({ providers: context.sandbox.providers, store: place.store(), snapshotKeys: [KEY_A], ...options });
  context.engines.push(precheck);
  return precheck;
}

async function pause(precheck: Precheck, request: typeof credit | typeof confirmedDebit): Promise<string> {
  const decision = await precheck.check(request);
  assert.ok(decision.status === 'needs-names' || decision.status === 'needs-confirmation', JSON.stringify(decision));
  assert.ok(decision.checkId, 'paused with a checkId');
  return decision.checkId;
}

function assertRefused(decision: Decision, what: string, why = /sign/) {
  assert.is(decision.status, 'abort', `${what}: ${JSON.stringify(decision)}`);
  assert.is(reasonOf(decision), 'check-not-found', what);
  assert.match((decision as { message: string }).message, why, what);
}

const places: [string, () => Place][] = [['memory store', memoryPlace]];
if (admin) places.push(['Redis', redisPlace]);

for (const [where, newPlace] of places) {
  const signed = sandboxSuite(`signed records (${where})`);
  let place: Place;
  signed.before.each(() => {
    place = newPlace();
  });
  signed.after.each(() => place.done());

  signed('a forged decided record is refused: never answered as proceed with names the provider never gave', async (context) => {
    const precheck = engineOn(context, place);
    const checkId = await pause(precheck, credit);
    const paused = await place.read(checkId);
    const forgedDecision = {
      ...paused.decision,
      status: 'proceed',
      createAccount: false,
      verified: true,
      account: { phone: UNKNOWN_CUSTOMER, firstName: 'Made', lastName: 'Up', fullName: 'Made Up' },
      message: 'B-MO knows the account.',
    };
    // The paused record turned into a decided one, its signature (if any) kept as it was.
    await place.write(checkId, { checkId, version: paused.version, state: 'decided', decision: forgedDecision, signature: paused.signature });
    // And one written from scratch under an id nobody was given.
    const fresh = 'chk_' + 'F'.repeat(32);
    await place.write(fresh, { checkId: fresh, version: 1, state: 'decided', decision: { ...forgedDecision, checkId: fresh } });

    for (const id of [checkId, fresh]) {
      assertRefused(await precheck.resume(id, names), `forged decided record ${id}`);
      assert.is(await precheck.status(id), undefined, 'status shows no forged decision');
    }
  });

  signed('a signed decided record edited in the store is refused', async (context) => {
    const precheck = engineOn(context, place);
    const checkId = await pause(precheck, credit);
    const decided = await precheck.resume(checkId, names);
    assert.is(decided.status, 'proceed');
    const stored = await place.read(checkId);
    assert.ok(stored.signature, 'the decided record is signed');
    const edited = structuredClone(stored) as Record<string, any>;
    edited.decision.createAccount = false;
    edited.decision.verified = true;
    await place.write(checkId, edited);
    assertRefused(await precheck.resume(checkId, { type: 'CANCEL' }), 'edited decision');
  });

  signed("check B's signed snapshot copied under check A's id does not resume as B", async (context) => {
    const precheck = engineOn(context, place, { confirmPayee: true });
    const a = await pause(precheck, credit);
    const b = await pause(precheck, confirmedDebit);
    const recordA = await place.read(a);
    const recordB = await place.read(b);
    const before = context.sandbox.log.count('bmo');

    // B's whole record (signatures and all) under A's id.
    await place.write(a, { ...recordB, version: recordA.version });
    // Its own checkId field gives it away before its signature is read (the store's record check, keys or not).
    assertRefused(await precheck.resume(a, { type: 'CONFIRM' }), "B's record under A's id", /sign|another check/);
    // Only B's snapshot, in A's record.
    await place.write(a, { ...recordA, waitingFor: 'confirmation', persisted: recordB.persisted });
    assertRefused(await precheck.resume(a, { type: 'CONFIRM' }), "B's snapshot in A's record");

    assert.is(context.sandbox.log.count('bmo'), before, 'nothing was asked of B-MO');
    // B itself is untouched and still resumes as itself.
    assert.is((await precheck.resume(b, { type: 'CONFIRM' })).status, 'proceed');
  });

  signed('expiresAt stretched after the wait ended: a late NAMES does not create the account', async (context) => {
    const precheck = engineOn(context, place, { namesTimeoutMs: 150 });
    const checkId = await pause(precheck, credit);
    await sleep(250);
    const record = await place.read(checkId);
    await place.write(checkId, { ...record, expiresAt: Date.now() + 3_600_000 });
    const decision = await precheck.resume(checkId, names);
    assert.not.equal([decision.status, (decision as { createAccount?: boolean }).createAccount], ['proceed', true], 'an account created late');
    assertRefused(decision, 'stretched expiresAt');
    assert.is(await precheck.status(checkId), undefined);
  });

  signed('what it waits for, changed in the store, is refused', async (context) => {
    const precheck = engineOn(context, place);
    const checkId = await pause(precheck, credit);
    const record = await place.read(checkId);
    await place.write(checkId, { ...record, waitingFor: 'confirmation' });
    assertRefused(await precheck.resume(checkId, names), 'waitingFor changed');
  });

  signed('keys rotate as documented: [A] → [B, A] → [B]; a stranger key refuses; unsigned engines still resume', async (context) => {
    const first = engineOn(context, place, { snapshotKeys: [KEY_A] });
    const during = engineOn(context, place, { snapshotKeys: [KEY_B, KEY_A] });
    const stranger = engineOn(context, place, { snapshotKeys: [KEY_C] });
    const unsigned = engineOn(context, place, { snapshotKeys: undefined });

    const old = await pause(first, credit);
    assertRefused(await stranger.resume(old, { type: 'CONFIRM' }), 'a key of no one');
    const again = await during.resume(old, { type: 'CONFIRM' });
    assert.is(again.status, 'needs-names', 'signed with A, read with [B, A]; paused again, now signed with B');
    assert.is((await first.status(old))?.state, undefined, '[A] alone no longer reads what B signed');
    const after = engineOn(context, place, { snapshotKeys: [KEY_B] });
    assert.is((await after.resume(old, names)).status, 'proceed');

    const other = await pause(first, credit);
    assert.is((await unsigned.resume(other, names)).status, 'proceed', 'an engine without keys ignores signatures');
    assertRefused(await first.resume(await pause(unsigned, credit), names), 'unsigned record, signing engine');
  });

  signed.run();
}

// ---------------------------------------------------------------------------------------------------------------
// The fleet's shared answers (Redis only: a memory store shares nothing).

if (admin) {
  const shared = sandboxSuite('signed shared answers (Redis)');
  let prefix: string;
  shared.before.each(() => {
    prefix = testPrefix('signed-answers');
  });
  shared.after.each(() => removeKeys(admin, prefix));

  const instance = (context: SandboxContext, snapshotKeys: string[] | undefined = [KEY_A]) => {
    const precheck = createPrecheck({ providers: context.sandbox.providers, store: redisStore({ url: REDIS_URL, prefix }), snapshotKeys });
    context.engines.push(precheck);
    return precheck;
  };
  const payeeCheck = { provider: 'bmo', intent: 'debit', phone: FOUND_CUSTOMER, payeeName: 'Kofi Mensah' } as const;

  async function sharedAnswer(): Promise<{ key: string; stored: Record<string, any> }> {
    const keys = (await keysUnder(admin!, prefix)).filter((key) => key.startsWith(`${prefix}answer:`));
    assert.is(keys.length, 1, 'one shared answer');
    return { key: keys[0], stored: JSON.parse((await admin!.sendCommand<string>(['GET', keys[0]]))!) };
  }
  const overwrite = (key: string, value: unknown) => admin!.sendCommand(['SET', key, JSON.stringify(value), 'KEEPTTL']);

  shared('a shared answer edited in Redis is treated as absent: the provider is asked again, no forged match', async (context) => {
    const first = await instance(context).check(payeeCheck);
    assert.is(reasonOf(first), 'name-mismatch', 'B-MO holds Ama Koffi, not Kofi Mensah');
    const { key, stored } = await sharedAnswer();
    const edited = structuredClone(stored);
    edited.outcome.account = { phone: FOUND_CUSTOMER, firstName: 'Kofi', lastName: 'Mensah', fullName: 'Kofi Mensah' };
    await overwrite(key, edited);

    const before = context.sandbox.log.count('bmo');
    const second = await instance(context).check(payeeCheck);
    assert.not.equal(second.status, 'proceed', 'an edited answer turned the name check into a match');
    assert.is(reasonOf(second), 'name-mismatch');
    assert.is(context.sandbox.log.count('bmo') - before, 1, 'asked B-MO again');
    assert.equal((await sharedAnswer()).stored.outcome, stored.outcome, 'the true answer is shared again');
  });

  shared('an unsigned or re-keyed shared answer is absent; a signed one is shared, across a key rotation', async (context) => {
    await instance(context).check(payeeCheck);
    const { key, stored } = await sharedAnswer();
    const forged: Record<string, any> = { ...structuredClone(stored), signature: undefined };
    forged.outcome.account.fullName = 'Kofi Mensah';
    forged.outcome.account.firstName = 'Kofi';
    forged.outcome.account.lastName = 'Mensah';
    await overwrite(key, forged);
    let before = context.sandbox.log.count('bmo');
    assert.is(reasonOf(await instance(context).check(payeeCheck)), 'name-mismatch', 'unsigned answer');
    assert.is(context.sandbox.log.count('bmo') - before, 1);

    // Signed with A: an instance with [B, A] takes it as it is; one with [C] only asks again.
    before = context.sandbox.log.count('bmo');
    assert.is(reasonOf(await instance(context, [KEY_B, KEY_A]).check(payeeCheck)), 'name-mismatch');
    assert.is(context.sandbox.log.count('bmo') - before, 0, 'shared across the rotation');
    assert.is(reasonOf(await instance(context, [KEY_C]).check(payeeCheck)), 'name-mismatch');
    assert.is(context.sandbox.log.count('bmo') - before, 1, 'a key of no one: asked again');
  });

  shared.run();
}
