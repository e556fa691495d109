import * as assert from 'uvu/assert';
import { createPrecheck, memoryStore, type CheckStore, type Decision, type PrecheckOptions } from '../src/index.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';

const durable = sandboxSuite('durable checks (memory store)');

const UNKNOWN_CUSTOMER = '+2290197000404';
const FOUND_CUSTOMER = '+2290197000001';

function engine(context: SandboxContext, options: Partial<PrecheckOptions> = {}) {
  const precheck = createPrecheck({ providers: context.sandbox.providers, ...options });
  context.engines.push(precheck);
  return precheck;
}

/** A store that never answers: stands for Redis gone or hung, to check the engine's own bound. */
function hangingStore(): CheckStore & { calls: number } {
  const never = () => {
    hanging.calls += 1;
    return new Promise<never>(() => {});
  };
  const hanging = {
    calls: 0,
    get: never,
    create: never,
    claim: never,
    commit: never,
    putIfAbsent: never,
    getValue: never,
    setValue: never,
    deleteValue: never,
    ping: never,
    close: async () => {},
  };
  return hanging;
}

/** Counts store calls, forwarding to a real store (a memory store of its own by default). */
function countingStore(inner: CheckStore = memoryStore()): CheckStore & { calls: number } {
  const counted = { calls: 0 } as CheckStore & { calls: number };
  for (const key of ['get', 'create', 'claim', 'commit', 'putIfAbsent', 'getValue', 'setValue', 'deleteValue', 'ping', 'close'] as const) {
    (counted as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      counted.calls += 1;
      return (inner[key] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return counted;
}

const pausedCredit = { provider: 'bmo', intent: 'credit', phone: UNKNOWN_CUSTOMER, transactionId: 'tx-durable-1' } as const;

durable('a pause answers a checkId (no store given): opaque, URL-safe, ≤ 64 characters, ≥ 128 random bits', async (context) => {
  const precheck = engine(context);
  const ids = new Set<string>();
  for (let i = 0; i < 20; i += 1) {
    const decision = await precheck.check(pausedCredit);
    assert.is(decision.status, 'needs-names');
    const checkId = (decision as { checkId?: string }).checkId!;
    assert.ok(/^[A-Za-z0-9_-]{1,64}$/.test(checkId), checkId);
    assert.not.ok(checkId.includes('0197000404'), 'never derived from the phone');
    assert.ok(Buffer.from(checkId.slice(4), 'base64url').length * 8 >= 128);
    ids.add(checkId);
  }
  assert.is(ids.size, 20);
});

durable('resume with NAMES: the credit proceeds, creating the account; the transactionId is kept', async (context) => {
  const precheck = engine(context);
  const paused = await precheck.check(pausedCredit);
  const checkId = (paused as { checkId: string }).checkId;
  assert.equal(await precheck.status(checkId), {
    checkId,
    state: 'paused',
    waitingFor: 'names',
    expiresAt: (await precheck.status(checkId) as { expiresAt: string }).expiresAt,
  });
  const decision = await precheck.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
  assert.is(decision.status, 'proceed');
  assert.is(decision.transactionId, 'tx-durable-1');
  assert.is((decision as { createAccount?: boolean }).createAccount, true);
  assert.is(decision.checkId, checkId);
  assert.equal(await precheck.status(checkId), { checkId, state: 'decided', decision });
});

durable('idempotent: resuming a decided check returns the stored decision unchanged', async (context) => {
  const precheck = engine(context);
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  const first = await precheck.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
  const again = await precheck.resume(checkId, { type: 'CANCEL' });
  assert.equal(again, first);
});

durable('exactly once in one process: 50 concurrent resumes, one continuation, one decision', async (context) => {
  let continuations = 0;
  const precheck = engine(context, {
    inspect: (event) => {
      if (event.type === '@xstate.event' && (event.event as { type: string }).type === 'NAMES') continuations += 1;
    },
  });
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  const decisions = await Promise.all(
    Array.from({ length: 50 }, (_, i) => precheck.resume(checkId, { type: 'NAMES', firstName: `Ama${i}`, lastName: 'Mensah' })),
  );
  assert.is(continuations, 1);
  for (const decision of decisions) assert.equal(decision, decisions[0]);
});

durable('a resume that does not answer the question pauses again with the same checkId', async (context) => {
  const precheck = engine(context);
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  const again = await precheck.resume(checkId, { type: 'CONFIRM' });
  assert.is(again.status, 'needs-names');
  assert.is(again.checkId, checkId);
  const done = await precheck.resume(checkId, { type: 'CANCEL' });
  assert.is(done.status, 'abort');
  assert.is((done as { reason: string }).reason, 'cancelled');
});

durable('confirmation: resume CONFIRM proceeds, REJECT aborts payee-rejected', async (context) => {
  const precheck = engine(context, { confirmPayee: true });
  const request = { provider: 'bmo', intent: 'debit', phone: FOUND_CUSTOMER } as const;
  const paused = (await precheck.check(request)) as Decision & { checkId: string };
  assert.is(paused.status, 'needs-confirmation');
  assert.equal(await precheck.status(paused.checkId).then((s) => s && s.state === 'paused' && s.waitingFor), 'confirmation');
  assert.is((await precheck.resume(paused.checkId, { type: 'CONFIRM' })).status, 'proceed');
  const other = (await precheck.check(request)) as Decision & { checkId: string };
  const rejected = await precheck.resume(other.checkId, { type: 'REJECT' });
  assert.is((rejected as { reason?: string }).reason, 'payee-rejected');
});

durable('expiry is the stored time: a resume after it answers names-required, status shows it decided', async (context) => {
  const store = memoryStore();
  const pauser = engine(context, { store, namesTimeoutMs: 150 });
  const { checkId } = (await pauser.check(pausedCredit)) as { checkId: string };
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Another engine (another instance, longer timeout configured) still honours the stored expiry.
  const other = engine(context, { store, namesTimeoutMs: 60_000 });
  const status = await other.status(checkId);
  assert.is(status?.state, 'decided');
  const decision = await other.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
  assert.is(decision.status, 'abort');
  assert.is((decision as { reason: string }).reason, 'names-required');
  assert.equal(status, { checkId, state: 'decided', decision });
});

durable('unknown id → check-not-found; a malformed id is refused without touching the store', async (context) => {
  const store = countingStore();
  const precheck = engine(context, { store });
  const unknown = await precheck.resume('chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { type: 'CONFIRM' });
  assert.is((unknown as { reason: string }).reason, 'check-not-found');
  const before = store.calls;
  for (const bad of ['', 'x'.repeat(65), '../etc', 'chk_短い', 42 as unknown as string, undefined as unknown as string]) {
    const decision = await precheck.resume(bad, { type: 'CONFIRM' });
    assert.is((decision as { reason: string }).reason, 'check-not-found');
    assert.is(await precheck.status(bad), undefined);
  }
  assert.is(store.calls, before, 'no store call for a malformed id');
});

durable('a snapshot this engine cannot read → check-not-found that says why, never a crash', async (context) => {
  const store = memoryStore();
  const precheck = engine(context, { store });
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  const record = await store.get(checkId);
  assert.ok(record && record.state === 'paused');
  const future = { ...record, persisted: { ...(record.persisted as object), formatVersion: 99 } };
  assert.ok(await store.commit(future as typeof record, record.version, 60_000));
  const decision = await precheck.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
  assert.is((decision as { reason: string }).reason, 'check-not-found');
  assert.match((decision as { message: string }).message, /format version 99/);
  assert.is((await store.get(checkId))?.state, 'paused', 'handed back untouched for an engine that can read it');
});

durable('with snapshotKeys, a stored snapshot altered in the store is refused: check-not-found, nothing proceeds', async (context) => {
  const store = memoryStore();
  const snapshotKeys = ['a-signing-key-of-at-least-32-bytes!!'];
  const precheck = engine(context, { store, snapshotKeys, confirmPayee: true });
  const paused = (await precheck.check({ provider: 'bmo', intent: 'debit', phone: FOUND_CUSTOMER })) as Decision & { checkId: string };
  const record = await store.get(paused.checkId);
  assert.ok(record && record.state === 'paused');
  const persisted = record.persisted as { snapshot: { context: { answer: { account: { fullName: string } } } } };
  assert.ok((persisted as { signature?: unknown }).signature, 'stored signed');
  persisted.snapshot.context.answer.account.fullName = 'Someone Else';
  assert.ok(await store.commit(record, record.version, 60_000));
  const decision = await precheck.resume(paused.checkId, { type: 'CONFIRM' });
  assert.is((decision as { reason?: string }).reason, 'check-not-found');
  assert.match((decision as { message: string }).message, /signature/i);
});

durable('memoryStore is bounded: past maxEntries a pause is not saved, and nothing saved before is evicted for it', async (context) => {
  const precheck = engine(context, { store: memoryStore({ maxEntries: 3 }) });
  const ids: (string | undefined)[] = [];
  for (let i = 0; i < 4; i += 1) ids.push(((await precheck.check(pausedCredit)) as { checkId?: string }).checkId);
  assert.is(ids[3], undefined, 'the fourth pause has no checkId');
  assert.is(((await precheck.resume(ids[0]!, { type: 'CANCEL' })) as { reason: string }).reason, 'cancelled');
});

durable('the store failing is not the check failing: a pause it cannot keep and a resume answer retry store-unavailable, bounded', async (context) => {
  // A write to a store that never settles it is given up on after 20 × storeTimeoutMs (a store settles its own writes).
  const precheck = engine(context, { store: hangingStore(), storeTimeoutMs: 20 });
  const started = Date.now();
  const paused = await precheck.check(pausedCredit);
  // Never a paused decision without checkId (nobody could continue it): retry, with what the check had found.
  assert.is(paused.status, 'retry');
  assert.is((paused as { reason: string }).reason, 'store-unavailable');
  assert.is(paused.checkId, undefined);
  assert.is(paused.transactionId, 'tx-durable-1');
  assert.is(paused.attempts, 1);
  assert.match((paused as { message: string }).message, /not kept/);
  const resumed = await precheck.resume('chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { type: 'CONFIRM' });
  assert.is(resumed.status, 'retry');
  assert.is((resumed as { reason: string }).reason, 'store-unavailable');
  assert.equal(await precheck.status('chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), {
    checkId: 'chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    state: 'unavailable',
    reason: 'store-unavailable',
  });
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  const found = await precheck.check({ provider: 'bmo', intent: 'debit', phone: FOUND_CUSTOMER });
  assert.is(found.status, 'proceed', 'checks that do not pause never touch the store');
});

durable('an invalid resume event is refused and leaves the check paused', async (context) => {
  const precheck = engine(context);
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  for (const event of [{ type: 'RESUMED' }, null, { type: 'xstate.init' }, 'NAMES']) {
    const decision = await precheck.resume(checkId, event as never);
    assert.is((decision as { reason: string }).reason, 'invalid-request');
  }
  assert.is((await precheck.status(checkId))?.state, 'paused');
});

durable('a stored record whose state or version no release writes → check-not-found "unusable", never continued', async (context) => {
  const store = countingStore();
  const precheck = engine(context, { store, deadlineMs: 1_000 });
  for (const edit of [{ state: 'archived' }, { version: 'x' }, { version: 0 }]) {
    const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
    const record = await store.get(checkId);
    assert.ok(await store.commit({ ...record, ...edit } as never, 1, 60_000), 'edited in the store');
    const before = store.calls;
    const decision = await precheck.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
    assert.is((decision as { reason?: string }).reason, 'check-not-found', JSON.stringify(edit));
    assert.match((decision as { message: string }).message, /stored record is unusable/);
    assert.ok(store.calls - before <= 20, `${store.calls - before} store calls`);
    assert.is(await precheck.status(checkId), undefined);
  }
});

durable('a lease another caller holds: resume waits with back-off and answers within its deadline, ≤ 20 store calls', async (context) => {
  const store = countingStore();
  const deadlineMs = 1_000;
  const precheck = engine(context, { store, deadlineMs, storeTimeoutMs: 100 });
  const { checkId } = (await precheck.check(pausedCredit)) as { checkId: string };
  // Another instance is mid-continuation, with a lease far longer than this caller's deadline.
  assert.ok((await store.claim(checkId, 1, 60_000)).claimed);
  const before = store.calls;
  const started = performance.now();
  const decision = await precheck.resume(checkId, { type: 'NAMES', firstName: 'Ama', lastName: 'Mensah' });
  const took = performance.now() - started;
  assert.ok(store.calls - before <= 20, `${store.calls - before} store calls`);
  assert.ok(took <= deadlineMs + 100, `answered after ${took.toFixed(0)} ms`);
  assert.is(decision.status, 'retry');
  assert.is((decision as { reason: string }).reason, 'store-unavailable');
  assert.match((decision as { message: string }).message, /still running/);
  assert.ok(store.calls - before >= 3, 'it did try again while it could');
});

durable.run();
