import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import * as assert from 'uvu/assert';
import { createActor, toPromise, waitFor } from 'xstate';
import { pauseForNames } from '../docs/examples/pause-and-resume.js';
import {
  createPrecheck,
  PrecheckConfigError,
  PrecheckSnapshotError,
  type PersistedCheck,
  type Precheck,
  type PrecheckOptions,
  type PrecheckRequest,
} from '../src/index.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { snapshotSchema } from '../src/persistence/snapshot/snapshot-schema.js';
import type { AnySchema } from '../src/core/option-tree.js';

const KEY_A = 'snapshot-key-A-5b0f7c1e9d2a4b6c8e0f1a3b5c7d9e1f';
const KEY_B = 'snapshot-key-B-0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a';
const KEY_C = 'snapshot-key-C-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';

const BMO_FOUND: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' };
const BMO_MISSING_DEBIT: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000404' };
const BEEP_INVALID_CREDIT: PrecheckRequest = { provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '306001' };

// Snapshots are edited as an attacker with write access to the store would: as JSON.
type Snapshot = { status: string; value: unknown; context: Record<string, any>; output?: Record<string, any>; [key: string]: unknown };

function edited(persisted: PersistedCheck, edit: (snapshot: Snapshot, check: Record<string, any>) => void): PersistedCheck {
  const copy = structuredClone(persisted) as PersistedCheck & Record<string, any>;
  edit(copy.snapshot as Snapshot, copy);
  return copy;
}

/** Appends trace entries the way the chart would have, so that a forgery is consistent with its own trace. */
const enterStates = (snapshot: Snapshot, ...states: string[]) => {
  const at = snapshot.context.trace.at(-1).at;
  for (const state of states) snapshot.context.trace.push({ state, at });
};

const isRefusal = (error: unknown) => error instanceof PrecheckSnapshotError;

function assertRefused(precheck: Precheck, persisted: unknown, what: string) {
  let restored: ReturnType<Precheck['restore']> | undefined;
  try {
    restored = precheck.restore(persisted as PersistedCheck);
  } catch (error) {
    assert.ok(isRefusal(error), `${what}: threw ${String(error)} instead of PrecheckSnapshotError`);
    return error as PrecheckSnapshotError;
  }
  restored.stop();
  assert.unreachable(`${what}: restored instead of refused`);
}

function engine(context: SandboxContext, options: Omit<PrecheckOptions, 'providers'> = {}): Precheck {
  const precheck = createPrecheck({ providers: context.sandbox.providers, ...options });
  context.engines.push(precheck);
  return precheck;
}

/** The JSON a store would hold for a check stopped right after it started (mid-lookup). */
function midLookup(precheck: Precheck, request: PrecheckRequest): PersistedCheck {
  const actor = createActor(precheck.machine, { input: request }).start();
  const persisted = precheck.persist(actor);
  actor.stop();
  return JSON.parse(JSON.stringify(persisted));
}

async function pausedForConfirmation(precheck: Precheck, request: PrecheckRequest = BMO_FOUND): Promise<PersistedCheck> {
  const actor = createActor(precheck.machine, { input: { ...request, confirmPayee: true } }).start();
  await waitFor(actor, (snapshot) => snapshot.hasTag('paused'), { timeout: 2000 });
  const persisted = precheck.persist(actor);
  actor.stop();
  return JSON.parse(JSON.stringify(persisted));
}

async function finished(precheck: Precheck, request: PrecheckRequest): Promise<PersistedCheck> {
  const actor = createActor(precheck.machine, { input: request }).start();
  await toPromise(actor);
  return JSON.parse(JSON.stringify(precheck.persist(actor)));
}

/** restore() in a process of its own (test/support/restore-snapshot.ts): an exception thrown later kills it. */
async function restoreInAnotherProcess(context: SandboxContext, persisted: unknown) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/restore-snapshot.ts'], {
    env: { ...process.env, PRECHECK_TEST_OPTIONS: JSON.stringify({ providers: context.sandbox.providers }) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify(persisted));
  const [stdout, stderr, [code]] = await Promise.all([text(child.stdout), text(child.stderr), once(child, 'exit')]);
  return { code: code as number | null, stderr, report: stdout ? (JSON.parse(stdout) as Record<string, unknown>) : undefined };
}

const snapshots = sandboxSuite('snapshot hardening');

// ---------------------------------------------------------------------------------------------------------------
// Finding 2: a corrupted snapshot killed the process.

snapshots('a snapshot naming no state, or with a null context, is refused synchronously; nothing is thrown later', async (context) => {
  const precheck = engine(context);
  const names = await pauseForNames(precheck, '+2290197000404');
  const lookup = midLookup(precheck, BMO_FOUND);
  const corrupted = {
    '"noSuchState"': edited(names, (s) => void (s.value = 'noSuchState')),
    '{ checking: "nope" }': edited(lookup, (s) => void (s.value = { checking: 'nope' })),
    'context null': edited(names, (s) => void (s.context = null as never)),
  };
  const runs = await Promise.all(Object.values(corrupted).map((persisted) => restoreInAnotherProcess(context, persisted)));
  Object.keys(corrupted).forEach((what, i) => {
    const { code, stderr, report } = runs[i];
    assert.is(code, 0, `${what}: the process died (${stderr.split('\n').find((line) => /Error/.test(line)) ?? stderr.slice(0, 200)})`);
    assert.equal([report?.restored, report?.name], [false, 'PrecheckSnapshotError'], `${what}: ${JSON.stringify(report)}`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Finding 3: a snapshot was trusted field by field.

snapshots('a debit of an unknown account cannot be forged into awaitingConfirmation and confirmed', async (context) => {
  const forge = (persisted: PersistedCheck, consistent: boolean) =>
    edited(persisted, (s) => {
      s.value = 'awaitingConfirmation';
      s.context.answer = { kind: 'found', account: { phone: '+2290197000404', fullName: 'Made Up Payee' }, providerStatus: { code: 200 } };
      if (consistent) {
        enterStates(s, 'found', 'awaitingConfirmation');
        s.context.waitingSince = s.context.trace.at(-1).at;
      }
      s.children = {};
    });
  const plain = engine(context, { confirmPayee: true });
  const before = context.sandbox.log.count('bmo');
  // What the review did: a mid-lookup snapshot moved to the wait, with an answer nobody gave.
  assertRefused(plain, forge(midLookup(plain, BMO_MISSING_DEBIT), false), 'a wait the trace never reached');
  // A forgery consistent in every field is exactly what a signature is for.
  const signed = engine(context, { confirmPayee: true, snapshotKeys: [KEY_A] });
  assertRefused(signed, forge(midLookup(signed, BMO_MISSING_DEBIT), true), 'a consistent forgery, signed engine');
  await sleep(50);
  assert.is(context.sandbox.log.count('bmo'), before, 'nothing was asked of B-MO after the refusals');
});

snapshots('a debit (or a provider that cannot create accounts) cannot be forged into awaitingNames', async (context) => {
  const precheck = engine(context);
  const names = await pauseForNames(precheck, '+2290197000404');
  assertRefused(
    precheck,
    edited(names, (s) => {
      s.context.intent = 'debit';
      s.context.target.intent = 'debit';
    }),
    'awaitingNames for a debit',
  );
  assertRefused(precheck, edited(names, (s) => void (s.context.createsAccounts = false)), 'createsAccounts not the registered provider’s');
  assertRefused(
    precheck,
    edited(midLookup(precheck, BEEP_INVALID_CREDIT), (s) => {
      s.value = 'awaitingNames';
      s.children = {};
      s.context.createsAccounts = true;
      s.context.answer = { kind: 'not-found', providerStatus: { code: 306 } };
      enterStates(s, 'notFound', 'creditCreatesAccount', 'awaitingNames');
      s.context.waitingSince = s.context.trace.at(-1).at;
    }),
    'awaitingNames for BEEP, which cannot create accounts',
  );
});

snapshots('a fabricated output is never returned as the decision', async (context) => {
  const precheck = engine(context);
  const proceed = await finished(precheck, BMO_FOUND);
  const genuine = await toPromise(precheck.restore(proceed));
  assert.equal(genuine, proceed.snapshot && (proceed.snapshot as Snapshot).output, 'a genuine finished check restores to its own decision');
  assertRefused(precheck, edited(proceed, (s) => void (s.output!.account.fullName = 'Someone Else')), 'an edited payee name');
  assertRefused(precheck, edited(proceed, (s) => void delete s.output), 'a finished check without output');
  const abort = await finished(precheck, BMO_MISSING_DEBIT);
  assertRefused(
    precheck,
    edited(abort, (s) => {
      s.output = { ...(proceed.snapshot as Snapshot).output, transactionId: s.context.target.transactionId };
    }),
    'an abort whose output says proceed',
  );
  assertRefused(
    precheck,
    edited(abort, (s) => {
      s.value = 'proceed';
      s.context.verdict = { status: 'proceed', createAccount: false, verified: true };
      s.context.trace.at(-1).state = 'proceed';
    }),
    'a not-found answer turned into proceed verified',
  );
});

snapshots('a final state with status "active" (a check that never finishes) is refused', async (context) => {
  const precheck = engine(context);
  const names = await pauseForNames(precheck, '+2290197000404');
  assertRefused(precheck, edited(names, (s) => void (s.value = 'proceed')), 'value proceed, status active');
  const done = await finished(precheck, BMO_FOUND);
  assertRefused(precheck, edited(done, (s) => void (s.status = 'active')), 'a finished check marked active');
  assertRefused(precheck, edited(names, (s) => void (s.status = 'done')), 'a wait marked done');
});

snapshots('a 5 KB phone or intent "withdraw-everything" is refused before anything is sent', async (context) => {
  const precheck = engine(context);
  const lookup = midLookup(precheck, BMO_FOUND);
  const before = context.sandbox.log.count('bmo');
  const hostile = {
    'a 5 KB phone': (s: Snapshot) => void (s.context.target.phone = `+229${'0'.repeat(5000)}`),
    'a phone that is not E.164': (s: Snapshot) => void (s.context.target.phone = '0197000001'),
    'intent withdraw-everything': (s: Snapshot) => {
      s.context.intent = 'withdraw-everything';
      s.context.target.intent = 'withdraw-everything';
    },
    'a provider nobody registered': (s: Snapshot) => {
      s.context.provider = 'acme';
      s.context.target.provider = 'acme';
    },
  };
  for (const [what, edit] of Object.entries(hostile)) {
    assertRefused(precheck, edited(lookup, (s) => {
      edit(s);
      // The child's own copy of the target is what XState used to run again on restore.
      const child = (s.children as Record<string, { snapshot: { input: unknown } }>).lookupAccount;
      if (child) child.snapshot.input = s.context.target;
    }), what);
  }
  await sleep(50);
  assert.is(context.sandbox.log.count('bmo'), before, 'nothing was sent to B-MO');
});

snapshots('every rule of the chart holds: each inconsistent snapshot is refused', async (context) => {
  const precheck = engine(context);
  const names = await pauseForNames(precheck, '+2290197000404');
  const confirmation = await pausedForConfirmation(precheck);
  const lookup = midLookup(precheck, BMO_FOUND);
  const cases: [string, PersistedCheck, (s: Snapshot, check: Record<string, any>) => void, RegExp][] = [
    ['an answer where no lookup happened (attempts 0)', names, (s) => void (s.context.attempts = 0), /no lookup started/],
    ['awaitingNames after a found answer', names, (s) => void (s.context.answer = { kind: 'found', account: {} }), /never waits for names/],
    ['awaitingNames when names were given', names, (s) => void (s.context.target.names = { firstName: 'A', lastName: 'B' }), /never waits for names/],
    ['awaitingConfirmation after a not-found answer', confirmation, (s) => void (s.context.answer = { kind: 'not-found' }), /never waits for confirmation/],
    ['awaitingConfirmation with attempts 0', confirmation, (s) => void (s.context.attempts = 0), /no lookup started/],
    ['awaitingConfirmation for a request that opted out', confirmation, (s) => void (s.context.target.confirmPayee = false), /never waits for confirmation/],
    ['a verdict in a wait', names, (s) => void (s.context.verdict = { status: 'proceed', createAccount: true, verified: false }), /cannot have a verdict/],
    ['a wait without waitingSince', names, (s) => void delete s.context.waitingSince, /without waitingSince/],
    ['a providerName of its own', names, (s) => void (s.context.providerName = 'Trusted Bank'), /registered provider/],
    ['a context key the chart does not have', names, (s) => void (s.context.isAdmin = true), /context\.isAdmin/],
    ['a target key the request schema does not have', names, (s) => void (s.context.target.amount = 1_000_000), /request is not valid \(invalid request: amount is not a field/],
    ['a phone not in its normalised form', names, (s) => void (s.context.target.phone = '+229 01 97 00 04 04'), /form validation gives it/],
    ['no target where a lookup happened', names, (s) => void delete s.context.target, /no validated request/],
    ['a target for another provider than the context', names, (s) => void (s.context.provider = 'beep'), /differs from its request/],
    ['a trace of 10,000 entries', names, (s) => void (s.context.trace = Array.from({ length: 10_000 }, () => s.context.trace[0])), /longer than 65536/],
    ['a trace of 129 entries', names, (s) => void (s.context.trace = Array.from({ length: 129 }, () => s.context.trace.at(-1))), /context\.trace/],
    ['a trace entry naming no state', names, (s) => void (s.context.trace[1].state = 'backdoor'), /names a state the chart does not have/],
    ['a trace that does not end where the check rests', names, (s) => void s.context.trace.pop(), /does not end in the state/],
    ['a start a day in the future', names, (s) => void (s.context.startedAt = Date.now() + 86_400_000), /in the future/],
    ['a 10 KB payee name', confirmation, (s) => void (s.context.answer.account.fullName = 'x'.repeat(10_000)), /fullName/],
    ['attempts that are not a count', names, (s) => void (s.context.attempts = 1.5), /context\.attempts/],
    ['a transient state (notFound)', names, (s) => void (s.value = 'notFound'), /not a state a check rests in/],
    ['a compound state without its child', lookup, (s) => void (s.value = 'checking'), /not one the chart writes/],
    ['a transient child state (validating)', lookup, (s) => void (s.value = { checking: 'validating' }), /not a state a check rests in/],
    ['a mid-lookup snapshot that already has a not-found answer', lookup, (s) => void (s.context.answer = { kind: 'not-found' }), /answer worth retrying/],
    ['status error', names, (s) => void (s.status = 'error'), /status/],
    ['a history value the chart cannot have', names, (s) => void (s.historyValue = { x: [{ id: 'precheck.proceed' }] }), /historyValue/],
    ['a top-level key of its own', names, (_, check) => void (check.note = 'hello'), /has only formatVersion/],
    ['machine of another name', names, (_, check) => void (check.machine = 'other'), /not a persisted precheck/],
  ];
  for (const [what, persisted, edit, why] of cases) {
    // Each refused by the rule it is about, not by another one on the way.
    assert.match(assertRefused(precheck, edited(persisted, edit), what)!.message, why, what);
  }
  assertRefused(precheck, 'nonsense', 'a string');
  assertRefused(precheck, [], 'an array');
  const cyclic = structuredClone(names) as PersistedCheck & { snapshot: Snapshot };
  cyclic.snapshot.context.trace.push(cyclic.snapshot.context);
  assertRefused(precheck, cyclic, 'a cyclic object');
});

snapshots('genuine snapshots restore: paused for names, for confirmation, mid-lookup (asked again), finished', async (context) => {
  // Regression guard: the hardening keeps every snapshot the chart writes restorable (passes before it too).
  for (const keys of [undefined, [KEY_A]]) {
    // No cache: the mid-lookup restore must reach B-MO to be counted.
    const precheck = engine(context, { cache: { ttlMs: 0, notFoundTtlMs: 0 }, ...(keys && { snapshotKeys: keys }) });
    const names = precheck.restore(await pauseForNames(precheck, '+2290197000404'));
    names.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
    const created = await toPromise(names);
    assert.equal([created.status, created.status === 'proceed' && created.createAccount], ['proceed', true]);
    const confirmation = precheck.restore(await pausedForConfirmation(precheck));
    confirmation.send({ type: 'CONFIRM' });
    assert.equal((await toPromise(confirmation)).status, 'proceed');
    const lookup = midLookup(precheck, BMO_FOUND);
    await sleep(50);
    const before = context.sandbox.log.count('bmo');
    const asked = await toPromise(precheck.restore(lookup));
    assert.is(asked.status, 'proceed');
    assert.is(asked.transactionId, (lookup.snapshot as Snapshot).context.target.transactionId);
    assert.is(context.sandbox.log.count('bmo') - before, 1, 'asked once again (the stored child is not run as well)');
    const done = await finished(precheck, BMO_MISSING_DEBIT);
    assert.equal(await toPromise(precheck.restore(done)), (done.snapshot as Snapshot).output);
  }
});

snapshots('every finished check (each kind of answer, cancelled, invalid, deadline) restores to its own decision', async (context) => {
  // Regression guard for the verdict rules: every verdict the chart really gives is accepted.
  const base = { http: { timeoutMs: 500 }, cache: { ttlMs: 0, notFoundTtlMs: 0 }, breaker: false } as const;
  const plain = engine(context, base);
  const lenient = engine(context, { ...base, unverifiable: 'proceed' });
  const hurried = engine(context, { ...base, http: { timeoutMs: 2000 }, deadlineMs: 200 });
  const bmo = (phone: string, intent: 'credit' | 'debit' = 'debit'): PrecheckRequest => ({ provider: 'bmo', intent, phone: `+2290197000${phone}` });
  const beep = (accountNumber: string): PrecheckRequest => ({ provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber });
  const cases: [Precheck, PrecheckRequest, string][] = [
    [plain, bmo('001'), 'proceed'],
    [plain, { ...bmo('404', 'credit'), names: { firstName: 'Afi', lastName: 'Agbo' } }, 'proceed'],
    [lenient, beep('301001'), 'proceed'],
    [plain, bmo('404'), 'abort account-not-found'],
    [plain, beep('306001'), 'abort account-not-found'],
    [plain, bmo('403'), 'abort auth-failed'],
    [plain, beep('167001'), 'abort service-not-configured'],
    [plain, beep('301001'), 'abort validation-unavailable'],
    [plain, bmo('200'), 'abort unexpected-response'],
    [plain, { provider: 'bmo', intent: 'debit', phone: 'not a phone' }, 'abort invalid-request'],
    [plain, bmo('503'), 'retry provider-unavailable'],
    [plain, bmo('429'), 'retry rate-limited'],
    [plain, bmo('900'), 'retry timeout'],
    [hurried, bmo('900'), 'retry timeout'],
  ];
  const runs = cases.map(async ([precheck, request, expected]) => ({ precheck, expected, persisted: await finished(precheck, request) }));
  const cancelled = createActor(plain.machine, { input: bmo('900') }).start();
  cancelled.send({ type: 'CANCEL' });
  runs.push(Promise.resolve({ precheck: plain, expected: 'abort cancelled', persisted: JSON.parse(JSON.stringify(plain.persist(cancelled))) }));
  for (const { precheck, expected, persisted } of await Promise.all(runs)) {
    const stored = (persisted.snapshot as Snapshot).output!;
    assert.is([stored.status, stored.reason].filter(Boolean).join(' '), expected);
    let restored: unknown;
    try {
      restored = await toPromise(precheck.restore(persisted));
    } catch (error) {
      assert.unreachable(`${expected} was refused: ${(error as Error).message}`);
    }
    assert.equal(restored, stored, expected);
  }
});

snapshots('a mid-lookup snapshot as XState writes it (with its child actor) restores; only the validated request is asked', async (context) => {
  // Regression guard (format 1 as written before this engine kept children out): passes on the code before it too.
  const precheck = engine(context, { cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const asXStateWritesIt = edited(midLookup(precheck, BMO_FOUND), (s) => {
    s.children = {
      lookupAccount: { snapshot: { status: 'active', input: { ...s.context.target, phone: '+2290197000002' } }, src: 'lookupAccount', syncSnapshot: false },
    };
  });
  await sleep(50);
  const before = context.sandbox.log.requests.length;
  const decision = await toPromise(precheck.restore(asXStateWritesIt));
  assert.is(decision.status === 'proceed' && decision.account.fullName, 'Ama Koffi');
  const paths = context.sandbox.log.requests.slice(before).map((request) => request.path);
  assert.equal(paths, ['/external/customer/%2B2290197000001'], 'only the validated target was asked');
});

// ---------------------------------------------------------------------------------------------------------------
// Signing (snapshotKeys).

snapshots('signing: persist() signs with the first key, restore() verifies; no key in the snapshot', async (context) => {
  const precheck = engine(context, { snapshotKeys: [KEY_A, KEY_B] });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const signature = (persisted as PersistedCheck & { signature?: Record<string, string> }).signature;
  assert.is(signature?.alg, 'HS256');
  assert.match(signature?.kid ?? '', /^[A-Za-z0-9_-]{1,16}$/);
  assert.match(signature?.mac ?? '', /^[A-Za-z0-9_-]{43}$/);
  const json = JSON.stringify(persisted);
  for (const key of [KEY_A, KEY_B]) assert.not.ok(json.includes(key) || json.includes(key.slice(0, 16)), 'a key in the snapshot');
  assert.ok(Buffer.byteLength(json) <= 2048, `a signed paused check of ${Buffer.byteLength(json)} bytes`);
  const actor = precheck.restore(persisted);
  actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
  assert.is((await toPromise(actor)).status, 'proceed');
});

snapshots('signing: a store that reorders keys or re-spaces the JSON (Postgres jsonb, say) does not break the signature', async (context) => {
  const precheck = engine(context, { snapshotKeys: [KEY_A] });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversed(inner)]))
        : value;
  const stored = JSON.parse(JSON.stringify(reversed(persisted), null, 2)) as PersistedCheck;
  assert.is.not(JSON.stringify(stored), JSON.stringify(persisted));
  const actor = precheck.restore(stored);
  actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
  assert.is((await toPromise(actor)).status, 'proceed');
});

snapshots('signing: one altered byte anywhere, or no signature, is refused', async (context) => {
  const precheck = engine(context, { snapshotKeys: [KEY_A] });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const flip = (s: string) => s.slice(0, -1) + (s.at(-1) === 'A' ? 'B' : 'A');
  const alterations: [string, (s: Snapshot, check: Record<string, any>) => void][] = [
    ['the transaction id', (s) => void (s.context.target.transactionId = flip(s.context.target.transactionId))],
    ['the start time', (s) => void (s.context.startedAt -= 1)],
    ['the trace', (s) => void (s.context.trace[0].at += 1)],
    ['the mac', (_, check) => void (check.signature.mac = flip(check.signature.mac))],
    ['the key id', (_, check) => void (check.signature.kid = flip(check.signature.kid))],
    ['the algorithm', (_, check) => void (check.signature.alg = 'none')],
    ['no signature', (_, check) => void delete check.signature],
    ['a signature of the wrong shape', (_, check) => void (check.signature = 'signed')],
  ];
  for (const [what, alter] of alterations) assertRefused(precheck, edited(persisted, alter), `altered ${what}`);
  const unsigned = await pauseForNames(engine(context), '+2290197000404');
  const error = assertRefused(precheck, unsigned, 'a snapshot from an engine without keys');
  assert.match(error!.message, /not signed/);
});

snapshots('signing: rotation — the old key still verifies, the new one signs; a wrong key is refused', async (context) => {
  const before = engine(context, { snapshotKeys: [KEY_A] });
  const during = engine(context, { snapshotKeys: [KEY_B, KEY_A] });
  const after = engine(context, { snapshotKeys: [KEY_B] });
  const stranger = engine(context, { snapshotKeys: [KEY_C] });
  const old = await pauseForNames(before, '+2290197000404');
  during.restore(old).stop();
  const fresh = await pauseForNames(during, '+2290197000404');
  const kid = (persisted: PersistedCheck) => (persisted as PersistedCheck & { signature: { kid: string } }).signature.kid;
  assert.is.not(kid(fresh), kid(old), 'the new key signs');
  after.restore(fresh).stop();
  assertRefused(before, fresh, 'signed with a key this engine does not have');
  const error = assertRefused(stranger, old, 'a wrong key');
  for (const key of [KEY_A, KEY_B, KEY_C]) assert.not.ok(error!.message.includes(key.slice(0, 12)), 'a key in the message');
});

snapshots('snapshotKeys are checked at start-up, never quoting a key', (context) => {
  const short = 'only-thirty-one-bytes-long-key!';
  const wrong: [string, unknown][] = [
    ['a key under 32 bytes', [short]],
    ['an empty list', []],
    ['more than 4 keys', [KEY_A, KEY_B, KEY_C, `${KEY_A}1`, `${KEY_A}2`]],
    ['a key that is not a string', [KEY_A, 42]],
    ['the same key twice', [KEY_A, KEY_A]],
    ['not a list', KEY_A],
  ];
  for (const [what, snapshotKeys] of wrong) {
    assert.throws(
      () => createPrecheck({ providers: context.sandbox.providers, snapshotKeys: snapshotKeys as string[] }),
      (error: Error) => error instanceof PrecheckConfigError && !error.message.includes(short) && !error.message.includes(KEY_A.slice(0, 12)),
      what,
    );
  }
});

/** A schema under its pipes (nested ones too), and every action of them. */
function unpiped(schema: AnySchema): [AnySchema, { type: string }[]] {
  if (!schema.pipe) return [schema, []];
  const [base, ...actions] = schema.pipe;
  const [inner, more] = unpiped(base as AnySchema);
  return [inner, [...more, ...actions]];
}

/** Every string or list under `schema` that no `maxLength` bounds, by its path (a record's keys as `[key]`). */
function unbounded(schema: AnySchema, path: string): string[] {
  const [base, actions] = unpiped(schema);
  const own = base as AnySchema & { key?: AnySchema };
  const bounded = actions.some((action) => action.type === 'max_length');
  const here = (own.type === 'string' || own.type === 'array') && !bounded ? [path] : [];
  const inner = [
    ...(own.wrapped ? unbounded(own.wrapped, path) : []),
    ...Object.entries(own.entries ?? {}).flatMap(([key, entry]) => unbounded(entry, `${path}.${key}`)),
    ...(own.type === 'union' || own.type === 'variant' ? (own.options as AnySchema[]).flatMap((option) => unbounded(option, path)) : []),
    ...(own.item ? unbounded(own.item, `${path}[]`) : []),
    ...(own.key ? unbounded(own.key, `${path}[key]`) : []),
    ...(own.value ? unbounded(own.value, `${path}[value]`) : []),
  ];
  return [...here, ...inner];
}

snapshots('every string and list a snapshot may hold is bounded (the shapes come from the core, the bounds from the snapshot schema)', () => {
  // `context.target` is only required to be an object: it is checked again as check() checks a request.
  const found = [...new Set(unbounded(snapshotSchema as unknown as AnySchema, 'snapshot'))];
  assert.equal(found, ['snapshot.context.target[key]']);
  // The walk sees an unbounded string and list.
  assert.equal(unbounded({ kind: 'schema', type: 'array', item: { kind: 'schema', type: 'string' } }, 'x'), ['x', 'x[]']);
});

snapshots.run();
