import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as assert from 'uvu/assert';
import { createActor, waitFor } from 'xstate';
import {
  type AccountProvider,
  createContainer,
  createPrecheck,
  matchPayeeName,
  memoryStore,
  NAME_MATCHER,
  PrecheckConfigError,
  PrecheckSnapshotError,
  precheckFrom,
  type CheckStore,
  type Decision,
  type NameCheckPolicy,
  type PayeeNameMatcher,
  type PayeeNameOutcome,
  type PersistedCheck,
  type Precheck,
  type PrecheckOptions,
  type PrecheckRequest,
} from '../src/index.js';
import { beepRequest, bmoRequest } from '../src/sandbox/index.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';

const tests = sandboxSuite('payee name check in the machine');

// The sandbox's name-check accounts: B-MO Kofi Mensah (…020) and no name (…021); BEEP DIALLO Mamadou Aliou (307002)
// and no name (307003). For each provider: the request giving each answer, and the held name's words.
const ACCOUNTS = {
  bmo: {
    held: ['Kofi', 'Mensah'],
    request: (payeeName: string, found = '+2290197000020') => bmoRequest('debit', found, { payeeName }),
    typed: { match: 'MENSAH Kofi', 'close-match': 'Kofi Mensha', 'no-match': 'Yaw Mensah' },
    noName: '+2290197000021',
  },
  beep: {
    held: ['DIALLO', 'Mamadou', 'Aliou'],
    request: (payeeName: string, found = '307002') => beepRequest('debit', found, { payeeName }),
    typed: { match: 'Mamadou Aliou Diallo', 'close-match': 'Mamadou Diallo', 'no-match': 'Ousmane Diallo' },
    noName: '307003',
  },
} as const;
type Provider = keyof typeof ACCOUNTS;
const PROVIDERS: Provider[] = ['bmo', 'beep'];
const HELD_NAME = { bmo: 'Kofi Mensah', beep: 'DIALLO Mamadou Aliou' } as const;

function requestFor(provider: Provider, outcome: PayeeNameOutcome, extra: Partial<PrecheckRequest> = {}): PrecheckRequest {
  const account = ACCOUNTS[provider];
  const request = outcome === 'not-possible' ? account.request('Kofi Mensah', account.noName) : account.request(account.typed[outcome]);
  return { ...request, ...extra };
}

function engine(context: SandboxContext, options: Omit<PrecheckOptions, 'providers'> = {}): Precheck {
  const precheck = createPrecheck({ providers: context.sandbox.providers, ...options });
  context.engines.push(precheck);
  return precheck;
}

const CODES = { match: 'MTCH', 'close-match': 'CMTC', 'no-match': 'NMTC', 'not-possible': 'NOAP' } as const;

/** What a decision says, in one comparable object. */
const summary = (decision: Decision) => ({
  status: decision.status,
  reason: 'reason' in decision ? decision.reason : undefined,
  nameCheck: 'nameCheck' in decision ? decision.nameCheck : undefined,
});

const expected = (provider: Provider, outcome: PayeeNameOutcome, status: Decision['status'], reason?: string) => ({
  status,
  reason,
  nameCheck: { result: outcome, code: CODES[outcome], ...(outcome === 'close-match' && { heldName: HELD_NAME[provider] }) },
});

// -------------------------------------------------------------------------------------------------------------
// Each answer under each policy choice: as the engine's option, and per request over an engine that says otherwise.

type Case = { outcome: PayeeNameOutcome; policy: Partial<NameCheckPolicy>; opposite: Partial<NameCheckPolicy>; status: Decision['status']; reason?: string };
const CASES: Case[] = [
  // A match proceeds whatever the policy says of the other answers.
  { outcome: 'match', policy: { onCloseMatch: 'abort', onNoMatch: 'abort', onNotPossible: 'abort' }, opposite: { onCloseMatch: 'confirm', onNoMatch: 'confirm', onNotPossible: 'confirm' }, status: 'proceed' },
  { outcome: 'close-match', policy: { onCloseMatch: 'confirm' }, opposite: { onCloseMatch: 'proceed' }, status: 'needs-confirmation' },
  { outcome: 'close-match', policy: { onCloseMatch: 'proceed' }, opposite: { onCloseMatch: 'abort' }, status: 'proceed' },
  { outcome: 'close-match', policy: { onCloseMatch: 'abort' }, opposite: { onCloseMatch: 'confirm' }, status: 'abort', reason: 'name-mismatch' },
  { outcome: 'no-match', policy: { onNoMatch: 'abort' }, opposite: { onNoMatch: 'confirm' }, status: 'abort', reason: 'name-mismatch' },
  { outcome: 'no-match', policy: { onNoMatch: 'confirm' }, opposite: { onNoMatch: 'abort' }, status: 'needs-confirmation' },
  { outcome: 'not-possible', policy: { onNotPossible: 'proceed' }, opposite: { onNotPossible: 'abort' }, status: 'proceed' },
  { outcome: 'not-possible', policy: { onNotPossible: 'confirm' }, opposite: { onNotPossible: 'proceed' }, status: 'needs-confirmation' },
  { outcome: 'not-possible', policy: { onNotPossible: 'abort' }, opposite: { onNotPossible: 'confirm' }, status: 'abort', reason: 'name-mismatch' },
];

for (const provider of PROVIDERS) {
  for (const { outcome, policy, opposite, status, reason } of CASES) {
    const name = `${provider} ${outcome}, ${JSON.stringify(policy)}`;
    tests(`${name} (engine option) → ${status} ${reason ?? ''}`, async (context) => {
      const decision = await engine(context, { nameCheck: policy }).check(requestFor(provider, outcome));
      assert.equal(summary(decision), expected(provider, outcome, status, reason));
    });
    tests(`${name} (request, over an engine saying ${JSON.stringify(opposite)}) → ${status}`, async (context) => {
      const decision = await engine(context, { nameCheck: opposite }).check(requestFor(provider, outcome, { nameCheck: policy }));
      assert.equal(summary(decision), expected(provider, outcome, status, reason));
    });
  }
}

tests('the defaults: close match confirm, no match abort, not possible confirm', async (context) => {
  const precheck = engine(context);
  const decisions = await Promise.all(
    (['match', 'close-match', 'no-match', 'not-possible'] as const).map((outcome) => precheck.check(requestFor('bmo', outcome))),
  );
  assert.equal(decisions.map(summary), [
    expected('bmo', 'match', 'proceed'),
    expected('bmo', 'close-match', 'needs-confirmation'),
    expected('bmo', 'no-match', 'abort', 'name-mismatch'),
    expected('bmo', 'not-possible', 'needs-confirmation'),
  ]);
});

tests('a match then asks the payer when confirmPayee says so (engine or request)', async (context) => {
  const byEngine = await engine(context, { confirmPayee: true }).check(requestFor('beep', 'match'));
  const byRequest = await engine(context).check(requestFor('bmo', 'match', { confirmPayee: true }));
  assert.equal(summary(byEngine), expected('beep', 'match', 'needs-confirmation'));
  assert.equal(summary(byRequest), expected('bmo', 'match', 'needs-confirmation'));
});

tests('without payeeName nothing changes: the held name is in the account, no nameCheck', async (context) => {
  const decision = await engine(context).check(bmoRequest('debit', '+2290197000020'));
  assert.is(decision.status, 'proceed');
  assert.equal(decision.status === 'proceed' && decision.account, { phone: '+2290197000020', firstName: 'Kofi', lastName: 'Mensah', fullName: 'Kofi Mensah' });
  assert.not.ok('nameCheck' in decision);
});

tests('a not-found account is not name-checked: no nameCheck on its decision', async (context) => {
  const decision = await engine(context).check(bmoRequest('debit', '+2290197000404', { payeeName: 'Kofi Mensah' }));
  assert.equal(summary(decision), { status: 'abort', reason: 'account-not-found', nameCheck: undefined });
});

// -------------------------------------------------------------------------------------------------------------
// Privacy: with payeeName, the held name appears nowhere but in nameCheck.heldName on a close match.

/** A real memory store that remembers everything written to it. */
function recordingStore(writes: unknown[]): CheckStore {
  const store = memoryStore();
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (['create', 'commit', 'putIfAbsent', 'setValue'].includes(String(key))) writes.push(args);
        return value.apply(target, args);
      };
    },
  });
}

/** The JSON of `value` without the one place the held name may be: `heldName` beside `result: 'close-match'`. */
function withoutShownName(value: unknown): string {
  return JSON.stringify(value, function (key, inner) {
    return key === 'heldName' && (this as { result?: unknown }).result === 'close-match' ? undefined : inner;
  });
}

/** The held name's words found in `text`, once the typed name (which the payer knows) is taken out. */
function heldWordsIn(text: string, provider: Provider, typed: string): string[] {
  const rest = text.split(typed).join(' ').split(typed.toLowerCase()).join(' ');
  return ACCOUNTS[provider].held.filter((word) => new RegExp(`\\b${word}\\b`, 'i').test(rest));
}

const spanText = (exporter: InMemorySpanExporter) =>
  JSON.stringify(exporter.getFinishedSpans().map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })));

for (const provider of PROVIDERS) {
  for (const { outcome, policy, status } of CASES) {
    tests(`privacy: ${provider} ${outcome} → ${status}: decision, trace, store, snapshot, spans and console hold no held name`, async (context) => {
      const exporter = new InMemorySpanExporter();
      // One global provider per process: whatever an earlier suite registered goes first.
      trace.disable();
      assert.ok(trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })));
      const writes: unknown[] = [];
      const printed: unknown[] = [];
      const console_ = { log: console.log, warn: console.warn, error: console.error, info: console.info };
      for (const method of Object.keys(console_) as (keyof typeof console_)[]) console[method] = (...args: unknown[]) => void printed.push(args);
      const artefacts: [string, string][] = [];
      try {
        const precheck = engine(context, { nameCheck: policy, store: recordingStore(writes) });
        const request = requestFor(provider, outcome);
        const decision = await precheck.check(request);
        assert.is(decision.status, status);
        artefacts.push(['decision', withoutShownName(decision)]);
        if (decision.status === 'needs-confirmation') {
          assert.ok(decision.checkId, 'the pause was saved');
          artefacts.push(['decision after CONFIRM', withoutShownName(await precheck.resume(decision.checkId!, { type: 'CONFIRM' }))]);
        }
        // The actor API: the snapshot persist() gives where the check rests.
        const actor = createActor(precheck.machine, { input: request }).start();
        const rest = await waitFor(actor, (snapshot) => snapshot.status === 'done' || snapshot.hasTag('paused'), { timeout: 3000 });
        artefacts.push(['persisted snapshot', withoutShownName(precheck.persist(actor))]);
        if (rest.status === 'done') artefacts.push(['actor output', withoutShownName(rest.output)]);
        actor.stop();
        artefacts.push(['store writes', withoutShownName(writes)], ['spans', spanText(exporter)], ['console', JSON.stringify(printed)]);
        assert.ok(writes.length > 0 || status !== 'needs-confirmation', 'the pause went through the store');
        assert.ok(exporter.getFinishedSpans().length > 0, 'spans were recorded');
        const typed = request.payeeName!;
        const leaks = artefacts.flatMap(([what, text]) => heldWordsIn(text, provider, typed).map((word) => `${what}: ${word}`));
        assert.equal(leaks, [], `the held name leaked:\n${artefacts.map(([what, text]) => `${what}: ${text}`).join('\n')}`);
      } finally {
        Object.assign(console, console_);
        trace.disable();
      }
    });
  }
}

tests('privacy: the account of a name-checked decision has no names, only its key', async (context) => {
  const decision = await engine(context, { nameCheck: { onCloseMatch: 'proceed' } }).check(requestFor('bmo', 'close-match'));
  assert.equal(decision.status === 'proceed' && decision.account, { phone: '+2290197000020' });
  assert.equal(decision.status === 'proceed' && decision.nameCheck, { result: 'close-match', code: 'CMTC', heldName: 'Kofi Mensah' });
});

tests('privacy: a provider that repeats the held name in its own words has it cut out of the trace', async (context) => {
  // A provider's status words are kept in every decision's trace; some providers echo the holder there.
  const echoing: AccountProvider = {
    displayName: 'Echo',
    createsAccounts: false,
    requiredFields: ['accountNumber'],
    lookup: async (target) => ({
      kind: 'found',
      account: { accountNumber: target.accountNumber, fullName: 'Kofi Mensah' },
      providerStatus: { code: 'OK', description: 'Account of KOFI MENSAH is active' },
    }),
  };
  const precheck = engine(context, { customProviders: { echo: echoing } });
  const decision = await precheck.check({ provider: 'echo', intent: 'debit', accountNumber: 'A-1', payeeName: 'Yaw Mensah' });
  assert.equal(summary(decision), { status: 'abort', reason: 'name-mismatch', nameCheck: { result: 'no-match', code: 'NMTC' } });
  assert.equal(decision.trace.providerStatus, { code: 'OK', description: 'Account of [name] is active' });
});

// -------------------------------------------------------------------------------------------------------------
// The matcher is the container's NAME_MATCHER: an operator's own binding is the one used.

function engineWithMatcher(context: SandboxContext, matcher: PayeeNameMatcher, options: Omit<PrecheckOptions, 'providers'> = {}): Precheck {
  const container = createContainer({ providers: context.sandbox.providers, ...options });
  container.rebind(NAME_MATCHER).toConstantValue(matcher);
  const precheck = precheckFrom(container);
  context.engines.push(precheck);
  return precheck;
}

tests('injected matcher: an operator binding NAME_MATCHER decides, with the typed and the held name', async (context) => {
  const calls: unknown[] = [];
  const precheck = engineWithMatcher(context, (typed, held) => {
    calls.push({ typed, held });
    return { result: 'close-match', code: 'CMTC', heldName: 'K. MENSAH', reasons: ['operator'] };
  });
  // The built-in matcher answers match for this pair: only the operator's says close match.
  assert.is(matchPayeeName('Kofi Mensah', { firstName: 'Kofi', lastName: 'Mensah' }).result, 'match');
  const decision = await precheck.check(bmoRequest('debit', '+2290197000020', { payeeName: 'Kofi Mensah' }));
  assert.equal(summary(decision), { status: 'needs-confirmation', reason: undefined, nameCheck: { result: 'close-match', code: 'CMTC', heldName: 'K. MENSAH' } });
  assert.equal(calls, [{ typed: 'Kofi Mensah', held: { firstName: 'Kofi', lastName: 'Mensah', fullName: 'Kofi Mensah' } }]);
});

tests('injected matcher: a held name it gives on any answer but a close match is dropped', async (context) => {
  const precheck = engineWithMatcher(context, () => ({ result: 'no-match', code: 'NMTC', heldName: 'Kofi Mensah', reasons: ['NMTC Kofi Mensah'] }), {
    nameCheck: { onNoMatch: 'confirm' },
  });
  const decision = await precheck.check(bmoRequest('debit', '+2290197000020', { payeeName: 'Yaw Mensah' }));
  assert.equal(summary(decision), { status: 'needs-confirmation', reason: undefined, nameCheck: { result: 'no-match', code: 'NMTC' } });
  assert.equal(heldWordsIn(JSON.stringify(decision), 'bmo', 'Yaw Mensah'), []);
});

tests('injected matcher: one that throws or answers nonsense counts as not possible (its policy applies)', async (context) => {
  const throwing = engineWithMatcher(context, () => {
    throw new Error('matcher broke');
  }, { nameCheck: { onNotPossible: 'abort' } });
  const nonsense = engineWithMatcher(context, () => ({ result: 'yes' }) as never);
  assert.equal(summary(await throwing.check(requestFor('bmo', 'match'))), expected('bmo', 'not-possible', 'abort', 'name-mismatch'));
  assert.equal(summary(await nonsense.check(requestFor('beep', 'match'))), expected('beep', 'not-possible', 'needs-confirmation'));
});

// -------------------------------------------------------------------------------------------------------------
// Invalid payeeName and nameCheck: refused before anything is sent.

const INVALID_PAYEE_NAMES: [string, unknown][] = [
  ['empty', ''],
  ['spaces', '   '],
  ['punctuation', "-- ' ."],
  ['digits', '0197000020'],
  ['a title alone', 'Mr.'],
  ['titles alone', 'Alhaji Dr'],
  ['141 characters', 'Kofi Mensah '.repeat(12).slice(0, 141)],
  ['a number', 42],
  ['a control character', 'Kofi\u0007 Mensah'],
  ['a format character', 'Kofi\u202e Mensah'],
];

for (const [what, payeeName] of INVALID_PAYEE_NAMES) {
  tests(`invalid payeeName (${what}): abort invalid-request, nothing sent`, async (context) => {
    const before = context.sandbox.log.count();
    const decision = await engine(context).check({ ...bmoRequest('debit', '+2290197000020'), payeeName } as PrecheckRequest);
    assert.equal(summary(decision), { status: 'abort', reason: 'invalid-request', nameCheck: undefined });
    assert.match(decision.status === 'abort' ? decision.message : '', 'payeeName');
    assert.is(decision.attempts, 0);
    assert.is(context.sandbox.log.count(), before, 'a request reached the sandbox');
  });
}

tests('payeeName of 140 characters, or with accents and African Reference Alphabet letters, is accepted', async (context) => {
  const long = `Kofi ${'a'.repeat(128)} Mensah`;
  assert.is(long.length, 140);
  const precheck = engine(context);
  const longDecision = await precheck.check(bmoRequest('debit', '+2290197000020', { payeeName: long }));
  assert.equal(summary(longDecision).nameCheck?.result, 'close-match');
  const decision = await precheck.check(bmoRequest('debit', '+2290197000020', { payeeName: 'Kɔfi Mɛnsah' }));
  assert.equal(summary(decision), expected('bmo', 'match', 'proceed'));
});

const INVALID_POLICIES: [string, unknown][] = [
  ['an unknown choice', { onNoMatch: 'proceed' }],
  ['an unknown key', { onCloseMatches: 'proceed' }],
  ['not an object', 'abort'],
];

for (const [what, nameCheck] of INVALID_POLICIES) {
  tests(`invalid nameCheck in a request (${what}): abort invalid-request, nothing sent`, async (context) => {
    const before = context.sandbox.log.count();
    const decision = await engine(context).check({ ...requestFor('bmo', 'no-match'), nameCheck } as PrecheckRequest);
    assert.equal(summary(decision), { status: 'abort', reason: 'invalid-request', nameCheck: undefined });
    assert.match(decision.status === 'abort' ? decision.message : '', 'nameCheck');
    assert.is(context.sandbox.log.count(), before);
  });
  tests(`invalid nameCheck engine option (${what}): PrecheckConfigError at start-up`, async (context) => {
    assert.throws(() => createPrecheck({ providers: context.sandbox.providers, nameCheck: nameCheck as never }), (error: unknown) =>
      error instanceof PrecheckConfigError && /nameCheck/.test((error as Error).message),
    );
  });
}

// -------------------------------------------------------------------------------------------------------------
// A name-check pause is a pause like any: checkId, status, resume; persist and restore.

tests('close match: resumed by checkId — CONFIRM proceeds, REJECT aborts payee-rejected, both with nameCheck', async (context) => {
  const precheck = engine(context);
  const first = await precheck.check(requestFor('bmo', 'close-match'));
  // The name check asks the payer even where the request says no to payee confirmation.
  const second = await precheck.check(requestFor('bmo', 'close-match', { confirmPayee: false }));
  assert.ok(first.status === 'needs-confirmation' && first.checkId && second.status === 'needs-confirmation' && second.checkId);
  const status = await precheck.status(first.checkId!);
  assert.equal(status && status.state === 'paused' && status.waitingFor, 'confirmation');
  const confirmed = await precheck.resume(first.checkId!, { type: 'CONFIRM' });
  const rejected = await precheck.resume(second.checkId!, { type: 'REJECT' });
  assert.equal(summary(confirmed), expected('bmo', 'close-match', 'proceed'));
  assert.equal(summary(rejected), expected('bmo', 'close-match', 'abort', 'payee-rejected'));
  assert.equal(confirmed.status === 'proceed' && confirmed.account, { phone: '+2290197000020' });
  assert.is(confirmed.checkId, first.checkId);
});

tests('no match with onNoMatch confirm: resumed by checkId, proceeds with nameCheck and without any name', async (context) => {
  const precheck = engine(context, { nameCheck: { onNoMatch: 'confirm' } });
  const paused = await precheck.check(requestFor('beep', 'no-match'));
  assert.ok(paused.status === 'needs-confirmation' && paused.checkId);
  assert.match(paused.status === 'needs-confirmation' ? paused.message : '', 'someone else');
  const confirmed = await precheck.resume(paused.checkId!, { type: 'CONFIRM' });
  assert.equal(summary(confirmed), expected('beep', 'no-match', 'proceed'));
  assert.equal(confirmed.status === 'proceed' && confirmed.account, { accountNumber: '307002' });
});

async function pausedCloseMatch(precheck: Precheck): Promise<PersistedCheck> {
  const actor = createActor(precheck.machine, { input: requestFor('bmo', 'close-match') }).start();
  await waitFor(actor, (snapshot) => snapshot.hasTag('paused'), { timeout: 3000 });
  const persisted = precheck.persist(actor);
  actor.stop();
  return JSON.parse(JSON.stringify(persisted));
}

tests('a close-match pause persists and restores; CONFIRM on the restored actor proceeds with nameCheck', async (context) => {
  const precheck = engine(context);
  const restored = precheck.restore(await pausedCloseMatch(precheck));
  assert.ok(restored.getSnapshot().matches('awaitingConfirmation'));
  restored.send({ type: 'CONFIRM' });
  const done = await waitFor(restored, (snapshot) => snapshot.status === 'done', { timeout: 3000 });
  assert.equal(summary(done.output!), expected('bmo', 'close-match', 'proceed'));
});

type Edit = (context: Record<string, any>) => void;
/** Edits of a close-match pause, as someone with write access to the store would make them, and why each is refused. */
const FORGERIES: [string, Edit, RegExp][] = [
  ['the held name put back in the answer', (c) => void (c.answer.account.fullName = 'Kofi Mensah'), /holds the held name/],
  ['the name check removed', (c) => void delete c.nameCheck, /not name-checked/],
  ['a held name on a no-match', (c) => void (c.nameCheck = { result: 'no-match', code: 'NMTC', heldName: 'Kofi Mensah' }), /nameCheck/],
  ['a code that is not the result’s', (c) => void (c.nameCheck.code = 'MTCH'), /nameCheck/],
  ['a name check without payeeName', (c) => void delete c.target.payeeName, /without a found account and a payeeName/],
  ['a match waiting without confirmPayee', (c) => void ((c.nameCheck = { result: 'match', code: 'MTCH' }), (c.target.confirmPayee = false)), /never waits for confirmation/],
];

for (const [what, edit, why] of FORGERIES) {
  tests(`restore refuses a name-check pause with ${what}`, async (context) => {
    const precheck = engine(context);
    const persisted = await pausedCloseMatch(precheck);
    precheck.restore(persisted).stop(); // as written, it restores
    const forged = structuredClone(persisted) as PersistedCheck & { snapshot: { context: Record<string, any> } };
    edit(forged.snapshot.context);
    assert.throws(() => precheck.restore(forged).stop(), (error: unknown) => error instanceof PrecheckSnapshotError && why.test((error as Error).message));
  });
}

tests.run();
