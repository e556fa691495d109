import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assign, createActor, setup, toPromise, waitFor, type Actor, type AnyActorRef } from 'xstate';
import { createPrecheck, type Decision, type Precheck, type PrecheckMachine, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { beepRequest, bmoRequest, startSandbox, type Sandbox } from '../src/sandbox/index.js';

/** The same machine, driven through XState directly: `createActor(precheck.machine, { input })`. */
const actorApi = suite<{ sandbox: Sandbox; engines: Precheck[]; actors: Actor<PrecheckMachine>[] }>('the actor API');

actorApi.before(async (context) => {
  context.sandbox = await startSandbox();
  context.engines = [];
  context.actors = [];
});
actorApi.after.each(({ actors }) => {
  // An actor left waiting (names, a hang) would keep its timers: stop every one a test started.
  for (const actor of actors.splice(0)) actor.stop();
});
actorApi.after(async ({ sandbox, engines }) => {
  for (const engine of engines) engine.close();
  await sandbox.close();
});

type Context = { sandbox: Sandbox; engines: Precheck[]; actors: Actor<PrecheckMachine>[] };
type Extra = Omit<PrecheckOptions, 'providers' | 'http'> & {
  http?: PrecheckOptions['http'];
  credentials?: 'wrong';
};

function engine(context: Context, extra: Extra = {}): Precheck {
  const { http, credentials, ...rest } = extra;
  const { bmo, beep } = context.sandbox.providers;
  const precheck = createPrecheck({
    providers:
      credentials === 'wrong'
        ? { bmo: { ...bmo, apiSecret: 'not-the-secret' }, beep: { ...beep, password: 'not-the-password' } }
        : { bmo, beep },
    http: { timeoutMs: 300, ...http },
    ...rest,
  });
  context.engines.push(precheck);
  return precheck;
}

function start(context: Context, precheck: Precheck, request: PrecheckRequest): Actor<PrecheckMachine> {
  const actor = createActor(precheck.machine, { input: request }).start();
  context.actors.push(actor);
  return actor;
}

const bmo = bmoRequest;
const beep = (intent: 'credit' | 'debit', accountNumber: string) => beepRequest(intent, accountNumber);

const outcome = (decision: Decision) => ({
  status: decision.status,
  reason: 'reason' in decision ? decision.reason : undefined,
});

/** `toPromise(actor)`, bounded: an actor that never finishes fails the test instead of hanging the suite. */
function settled<A extends AnyActorRef>(actor: A, timeoutMs = 3000) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the actor did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([toPromise(actor), timeout]).finally(() => clearTimeout(timer));
}

// ─── the basic rows ─────────────────────────────────────────────────────────────────────────────────────────────────

actorApi('B-MO found → output proceed, verified, with the customer', async (context) => {
  const actor = start(context, engine(context), bmo('debit', '+2290197000001'));
  const decision = await settled(actor);
  assert.is(decision.status, 'proceed');
  if (decision.status !== 'proceed') return;
  assert.is(decision.createAccount, false);
  assert.is(decision.verified, true);
  assert.equal(decision.account, { phone: '+2290197000001', firstName: 'Ama', lastName: 'Koffi', fullName: 'Ama Koffi' });
  assert.is(actor.getSnapshot().value, 'proceed');
});

actorApi('B-MO 404 debit → output abort account-not-found', async (context) => {
  const decision = await settled(start(context, engine(context), bmo('debit', '+2290197000404')));
  assert.equal(outcome(decision), { status: 'abort', reason: 'account-not-found' });
});

actorApi('BEEP 307 → output proceed verified', async (context) => {
  const decision = await settled(start(context, engine(context), beep('credit', '307001')));
  assert.is(decision.status, 'proceed');
  assert.equal(decision.status === 'proceed' && decision.account, { accountNumber: '307001', fullName: 'Kwame Mensah' });
  assert.is(decision.status === 'proceed' && decision.verified, true);
});

actorApi('BEEP 306 → output abort account-not-found', async (context) => {
  const decision = await settled(start(context, engine(context), beep('debit', '306001')));
  assert.equal(outcome(decision), { status: 'abort', reason: 'account-not-found' });
});

// ─── one row per distinct decision ──────────────────────────────────────────────────────────────────────────────────

const ROWS: { name: string; request: PrecheckRequest; engine?: Extra; expect: { status: string; reason?: string } }[] = [
  { name: 'B-MO 404 credit with names', request: bmo('credit', '+2290197000404', { names: { firstName: 'Afi', lastName: 'Agbo' } }), expect: { status: 'proceed' } },
  { name: "BEEP 301, unverifiable: 'proceed'", request: beep('credit', '301001'), engine: { unverifiable: 'proceed' }, expect: { status: 'proceed' } },
  { name: 'B-MO 403', request: bmo('debit', '+2290197000403'), expect: { status: 'abort', reason: 'auth-failed' } },
  { name: 'B-MO wrong secret (401)', request: bmo('credit', '+2290197000001'), engine: { credentials: 'wrong' }, expect: { status: 'abort', reason: 'auth-failed' } },
  { name: 'BEEP wrong password (132)', request: beep('debit', '307001'), engine: { credentials: 'wrong' }, expect: { status: 'abort', reason: 'auth-failed' } },
  { name: 'BEEP 301', request: beep('debit', '301001'), expect: { status: 'abort', reason: 'validation-unavailable' } },
  { name: 'BEEP 167', request: beep('debit', '167001'), expect: { status: 'abort', reason: 'service-not-configured' } },
  { name: 'B-MO 200 HTML', request: bmo('debit', '+2290197000200'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: 'BEEP 999', request: beep('credit', '999001'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: 'invalid request (bad phone)', request: bmo('debit', '+2290197000001/../x'), expect: { status: 'abort', reason: 'invalid-request' } },
  { name: 'B-MO 429', request: bmo('debit', '+2290197000429'), expect: { status: 'retry', reason: 'rate-limited' } },
  { name: 'B-MO 500', request: bmo('debit', '+2290197000500'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: 'BEEP 174', request: beep('debit', '174001'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: 'B-MO hang', request: bmo('debit', '+2290197000900'), expect: { status: 'retry', reason: 'timeout' } },
  { name: 'BEEP drip', request: beep('debit', '902001'), expect: { status: 'retry', reason: 'timeout' } },
];

for (const row of ROWS) {
  actorApi(`${row.name} → output ${row.expect.status} ${row.expect.reason ?? ''}`, async (context) => {
    const decision = await settled(start(context, engine(context, row.engine), row.request));
    assert.equal(outcome(decision), { reason: undefined, ...row.expect });
  });
}

actorApi('the actor and check() decide the same for the same request', async (context) => {
  const precheck = engine(context, { cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  for (const request of [bmo('debit', '+2290197000001'), bmo('debit', '+2290197000502'), beep('debit', '306001')]) {
    const viaActor = await settled(start(context, precheck, request));
    const viaCheck = await precheck.check(request);
    assert.equal(outcome(viaActor), outcome(viaCheck));
  }
});

// ─── awaiting names ─────────────────────────────────────────────────────────────────────────────────────────────────

actorApi('credit on 404 without names waits in awaitingNames; NAMES → proceed with the trimmed names', async (context) => {
  const actor = start(context, engine(context), bmo('credit', '+2290197000404'));
  await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
  assert.is(actor.getSnapshot().status, 'active');
  actor.send({ type: 'NAMES', firstName: ' Ama ', lastName: 'Koffi' });
  const decision = await settled(actor);
  assert.is(decision.status, 'proceed');
  if (decision.status !== 'proceed') return;
  assert.is(decision.createAccount, true);
  assert.is(decision.verified, false);
  assert.equal(decision.account, { phone: '+2290197000404', firstName: 'Ama', lastName: 'Koffi', fullName: 'Ama Koffi' });
  assert.ok(decision.trace.states.some((entry) => entry.state === 'awaitingNames'));
});

actorApi('NAMES with an empty firstName is ignored: the actor keeps waiting, and good names still work after', async (context) => {
  const actor = start(context, engine(context), bmo('credit', '+2290197000404'));
  await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
  actor.send({ type: 'NAMES', firstName: '', lastName: 'Koffi' });
  actor.send({ type: 'NAMES', firstName: '   ', lastName: 'Koffi' });
  assert.ok(actor.getSnapshot().matches('awaitingNames'), `now in ${JSON.stringify(actor.getSnapshot().value)}`);
  assert.is(actor.getSnapshot().status, 'active');
  actor.send({ type: 'NAMES', firstName: 'Ama', lastName: 'Koffi' });
  const decision = await settled(actor);
  assert.is(decision.status, 'proceed');
  assert.equal(decision.status === 'proceed' && decision.account.fullName, 'Ama Koffi');
});

actorApi('namesTimeoutMs: 50 → abort names-required when no names come', async (context) => {
  const actor = start(context, engine(context, { namesTimeoutMs: 50 }), bmo('credit', '+2290197000404'));
  const started = performance.now();
  const decision = await settled(actor);
  assert.equal(outcome(decision), { status: 'abort', reason: 'names-required' });
  assert.ok(performance.now() - started < 1000);
  assert.ok(decision.trace.states.some((entry) => entry.state === 'awaitingNames'));
});

// ─── cancel ─────────────────────────────────────────────────────────────────────────────────────────────────────────

actorApi('CANCEL during a hanging lookup → abort cancelled, at once', async (context) => {
  const before = context.sandbox.log.count('bmo');
  const actor = start(context, engine(context, { http: { timeoutMs: 5000 } }), bmo('debit', '+2290197000900'));
  await waitFor(actor, (snapshot) => snapshot.matches({ checking: 'lookingUp' }), { timeout: 1000 });
  // Wait for the request to reach the sandbox, so the cancel really interrupts a lookup in flight.
  for (let i = 0; i < 100 && context.sandbox.log.count('bmo') === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.is(context.sandbox.log.count('bmo') - before, 1);
  const started = performance.now();
  actor.send({ type: 'CANCEL' });
  const decision = await settled(actor);
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
  assert.ok(performance.now() - started < 200, `took ${Math.round(performance.now() - started)} ms`);
});

actorApi('CANCEL while awaiting names → abort cancelled', async (context) => {
  const actor = start(context, engine(context), bmo('credit', '+2290197000404'));
  await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
  actor.send({ type: 'CANCEL' });
  const decision = await settled(actor);
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
});

// ─── as a child of a parent machine ─────────────────────────────────────────────────────────────────────────────────

function parentOf(precheck: Precheck, request: PrecheckRequest) {
  return setup({
    types: { context: {} as { decision?: Decision } },
    actors: { precheck: precheck.machine },
  }).createMachine({
    id: 'transfer',
    context: {},
    initial: 'checking',
    states: {
      checking: {
        invoke: {
          src: 'precheck',
          input: request,
          onDone: { target: 'done', actions: assign({ decision: ({ event }) => event.output }) },
          onError: { target: 'failed' },
        },
      },
      done: { type: 'final' },
      failed: { type: 'final' },
    },
  });
}

for (const [name, request, expected] of [
  ['B-MO found', bmo('debit', '+2290197000001'), { status: 'proceed' }],
  ['B-MO 404 debit', bmo('debit', '+2290197000404'), { status: 'abort', reason: 'account-not-found' }],
  ['BEEP 503', beep('debit', '503001'), { status: 'retry', reason: 'provider-unavailable' }],
] as const) {
  actorApi(`invoked by a parent machine (${name}): the parent receives the decision`, async (context) => {
    const parent = createActor(parentOf(engine(context), request)).start();
    try {
      const done = await waitFor(parent, (snapshot) => snapshot.status === 'done', { timeout: 2000 });
      assert.is(done.value, 'done');
      assert.ok(done.context.decision, 'no decision in the parent');
      assert.equal(outcome(done.context.decision!), { reason: undefined, ...expected });
      assert.is(done.context.decision!.provider, request.provider);
    } finally {
      parent.stop();
    }
  });
}

actorApi('invoked by a parent machine, the child waits in awaitingNames until NAMES reaches it', async (context) => {
  const precheck = engine(context);
  const parent = createActor(
    setup({
      types: { context: {} as { decision?: Decision } },
      actors: { precheck: precheck.machine },
    }).createMachine({
      context: {},
      initial: 'checking',
      states: {
        checking: {
          invoke: {
            id: 'precheck',
            src: 'precheck',
            input: bmo('credit', '+2290197000404'),
            onDone: { target: 'done', actions: assign({ decision: ({ event }) => event.output }) },
          },
        },
        done: { type: 'final' },
      },
    }),
  ).start();
  try {
    const child = parent.getSnapshot().children.precheck as unknown as Actor<PrecheckMachine>;
    assert.ok(child, 'no child actor');
    await waitFor(child, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
    child.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
    const done = await waitFor(parent, (snapshot) => snapshot.status === 'done', { timeout: 2000 });
    const decision = done.context.decision!;
    assert.is(decision.status, 'proceed');
    assert.equal(decision.status === 'proceed' && decision.account, {
      phone: '+2290197000404',
      firstName: 'Afi',
      lastName: 'Agbo',
      fullName: 'Afi Agbo',
    });
  } finally {
    parent.stop();
  }
});

actorApi.run();
