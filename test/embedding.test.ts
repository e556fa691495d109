import { trace } from '@opentelemetry/api';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { Container } from 'inversify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createActor, toPromise, waitFor, type Actor, type InspectionEvent } from 'xstate';
import { createTransferOrchestrator } from '../docs/examples/transfer-orchestrator.js';
import { engineWithWalletDirectory } from '../docs/examples/custom-provider.js';
import { pauseForNames, resumeWithNames } from '../docs/examples/pause-and-resume.js';
import { engineWithInspection, recordSpans } from '../docs/examples/telemetry.js';
import { ACCOUNT_PROVIDER, createPrecheck, PrecheckSnapshotError, precheckFrom, precheckModule, type Decision, type PersistedCheck, type PrecheckMachine } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { reasonOf } from './support/outcome.js';

const SECRETS = ['sandbox-api-key', 'sandbox-api-secret', 'sandboxpassword!'];
const assertNoSecret = (value: unknown, what: string) => {
  const json = JSON.stringify(value);
  for (const secret of SECRETS) assert.not.ok(json.includes(secret), `${what} contains a credential`);
};

const embedding = suite<{ sandbox: Sandbox }>('embedding');
embedding.before(async (context) => {
  context.sandbox = await startSandbox();
});
embedding.after(async ({ sandbox }) => sandbox.close());

embedding('orchestrator: not found → names from its user → credit creates the account → the next lookup finds it', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const phone = '+2290197555001';
  const orchestrator = createActor(createTransferOrchestrator(precheck, sandbox.providers.bmo), {
    input: { phone, amount: 2500, partnerReference: 'order-77' },
  }).start();
  // The orchestrator's UI asks its user at this point; all it keeps of the pre-check is the checkId.
  const asking = await waitFor(orchestrator, (snapshot) => snapshot.matches('askingForNames'), { timeout: 2000 });
  assert.match(asking.context.checkId ?? '', /^chk_/);
  assert.equal(Object.keys(asking.children), [], 'no pre-check actor is kept while waiting');
  orchestrator.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
  const done = await waitFor(orchestrator, (snapshot) => snapshot.status === 'done', { timeout: 2000 });
  assert.is(done.value, 'credited');
  assert.is(done.context.decision?.status, 'proceed');
  assert.equal(done.context.credit?.accountCreated, true);
  assert.is(done.context.decision?.transactionId, 'order-77');

  const next = await precheck.check({ provider: 'bmo', intent: 'debit', phone });
  assert.is(next.status, 'proceed');
  assert.equal(next.status === 'proceed' && next.account, { phone, firstName: 'Afi', lastName: 'Agbo', fullName: 'Afi Agbo' });
  precheck.close();
});

embedding('orchestrator: an aborted pre-check stops the transfer before any credit', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const before = sandbox.log.requests.filter((r) => r.method === 'POST').length;
  const orchestrator = createActor(createTransferOrchestrator(precheck, sandbox.providers.bmo), {
    input: { phone: '+2290197000403', amount: 10, partnerReference: 'order-78' },
  }).start();
  const done = await waitFor(orchestrator, (snapshot) => snapshot.status === 'done', { timeout: 2000 });
  assert.is(done.value, 'stopped');
  assert.is(done.context.decision?.status === 'abort' && done.context.decision.reason, 'auth-failed');
  assert.is(sandbox.log.requests.filter((r) => r.method === 'POST').length, before, 'no credit sent');
});


embedding('payee confirmation: check() answers needs-confirmation with the account name', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers, confirmPayee: true });
  const decision = await precheck.check({ provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' });
  assert.is(decision.status, 'needs-confirmation');
  assert.is(decision.status === 'needs-confirmation' && decision.account.fullName, 'Kwame Mensah');
  const skip = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001', confirmPayee: false });
  assert.is(skip.status, 'proceed', 'a request can opt out');
  const optIn = createPrecheck({ providers: sandbox.providers });
  const asked = await optIn.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001', confirmPayee: true });
  assert.is(asked.status, 'needs-confirmation', 'a request can opt in');
});

embedding('payee confirmation through the actor: CONFIRM proceeds, REJECT aborts, silence times out', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers, confirmPayee: true, confirmationTimeoutMs: 50 });
  const run = async (event?: 'CONFIRM' | 'REJECT') => {
    const actor = createActor(precheck.machine, { input: { provider: 'bmo', intent: 'debit', phone: '+2290197000001' } }).start();
    const waiting = await waitFor(actor, (s) => s.matches('awaitingConfirmation'), { timeout: 2000 });
    assert.is(waiting.context.answer?.kind === 'found' && waiting.context.answer.account.fullName, 'Ama Koffi');
    if (event) actor.send({ type: event });
    return toPromise(actor);
  };
  const confirmed = await run('CONFIRM');
  assert.equal([confirmed.status, confirmed.status === 'proceed' && confirmed.verified], ['proceed', true]);
  const rejected = await run('REJECT');
  assert.equal([rejected.status, reasonOf(rejected)], ['abort', 'payee-rejected']);
  const silent = await run();
  assert.equal([silent.status, reasonOf(silent)], ['abort', 'confirmation-timeout']);
});

/** Runs test/support/resume-check.ts in a second Node process with the snapshot on stdin. */
async function resumeInAnotherProcess(sandbox: Sandbox, persisted: PersistedCheck, event: 'NAMES' | 'CONFIRM') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/resume-check.ts', event], {
    env: { ...process.env, PRECHECK_TEST_PROVIDERS: JSON.stringify(sandbox.providers) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(persisted));
  return JSON.parse(await text(child.stdout)) as { pid: number; decision: Decision };
}

embedding('persist in this process, resume in another: paused for names', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  assert.is(persisted.formatVersion, 1);
  assertNoSecret(persisted, 'the snapshot');
  assert.ok(JSON.stringify(persisted).length <= 2048, `snapshot of ${JSON.stringify(persisted).length} bytes`);
  const { pid, decision } = await resumeInAnotherProcess(sandbox, persisted, 'NAMES');
  assert.is.not(pid, process.pid);
  assert.equal(
    { status: decision.status, createAccount: decision.status === 'proceed' && decision.createAccount, names: decision.status === 'proceed' && decision.account.fullName },
    { status: 'proceed', createAccount: true, names: 'Afi Agbo' },
  );
  assert.is(decision.transactionId, (persisted.snapshot as { context: { target: { transactionId: string } } }).context.target.transactionId);
});

embedding('persist in this process, resume in another: paused for confirmation', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers, confirmPayee: true });
  const actor = createActor(precheck.machine, { input: { provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '308001' } }).start();
  await waitFor(actor, (s) => s.matches('awaitingConfirmation'), { timeout: 2000 });
  const persisted = precheck.persist(actor);
  actor.stop();
  assertNoSecret(persisted, 'the snapshot');
  const { decision } = await resumeInAnotherProcess(sandbox, persisted, 'CONFIRM');
  assert.equal([decision.status, decision.status === 'proceed' && decision.account.fullName], ['proceed', 'Akosua Boateng']);
});

embedding('a restored wait keeps its original timeout', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers, namesTimeoutMs: 150 });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const restored = precheck.restore(persisted);
  const decision = await toPromise(restored);
  assert.equal([decision.status, reasonOf(decision)], ['abort', 'names-required']);
});

embedding('restoring a snapshot taken mid-lookup asks again with the same transaction id', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const actor = createActor(precheck.machine, { input: { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' } }).start();
  const persisted = precheck.persist(actor);
  actor.stop();
  const snapshot = persisted.snapshot as { value: unknown; context: { target: { transactionId: string } } };
  assert.equal(snapshot.value, { checking: 'lookingUp' });
  const before = sandbox.log.count('beep');
  const decision = await toPromise(precheck.restore(persisted));
  assert.is(decision.status, 'proceed');
  assert.is(decision.transactionId, snapshot.context.target.transactionId);
  assert.ok(sandbox.log.count('beep') > before, 'the lookup ran again');
});

embedding('a snapshot of another format version or shape is refused, not misread', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const persisted = await pauseForNames(precheck, '+2290197000404');
  assert.throws(() => precheck.restore({ ...persisted, formatVersion: 2 } as never), (error: Error) => error instanceof PrecheckSnapshotError && /version 2/.test(error.message));
  const refused = (error: Error) => error instanceof PrecheckSnapshotError;
  assert.throws(() => precheck.restore({ formatVersion: 1, machine: 'precheck', snapshot: 'nonsense' } as never), refused);
  assert.throws(() => precheck.restore(null as never), refused);
});

embedding('trace: states with timestamps, attempts, duration and the provider own words', async ({ sandbox }) => {
  const precheck = createPrecheck({ providers: sandbox.providers });
  const found = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
  assert.equal(found.trace.states.map((entry) => entry.state), ['checking', 'validating', 'lookingUp', 'found', 'proceed']);
  assert.ok(found.trace.states.every((entry, i, all) => i === 0 || entry.at >= all[i - 1].at));
  assert.is(found.trace.attempts, 1);
  assert.ok(found.trace.durationMs >= 0 && found.trace.durationMs < 5000);
  const invalid = await precheck.check({ provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '306001' });
  assert.is(invalid.trace.providerStatus?.code, 306);
  assert.match(invalid.trace.providerStatus?.description ?? '', 'Invalid Account Number');
  assertNoSecret(invalid.trace, 'a trace');
});

embedding('telemetry: one span per check with provider, intent, status, reason and attempts; no credential', async ({ sandbox }) => {
  // The OpenTelemetry API takes one global provider per process: this suite's goes when it is done (finally).
  trace.disable();
  const exporter = recordSpans();
  try {
    const precheck = createPrecheck({ providers: sandbox.providers });
    await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
    await precheck.check({ provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '306001' });
    await precheck.check({ provider: 'bmo', intent: 'credit', phone: '+2290197000404' });
    const spans = exporter.getFinishedSpans();
    assert.is(spans.length, 3);
    assert.ok(spans.every((span) => span.name === 'precheck.check'));
    const [found, missing, question] = spans.map((span) => span.attributes);
    assert.equal(
      { ...found, 'precheck.transaction_id': undefined },
      { 'precheck.provider': 'bmo', 'precheck.intent': 'debit', 'precheck.status': 'proceed', 'precheck.attempts': 1, 'precheck.provider_status': '200', 'precheck.transaction_id': undefined },
    );
    assert.equal([missing['precheck.status'], missing['precheck.reason']], ['abort', 'account-not-found']);
    assert.is(question['precheck.status'], 'needs-names');
    assert.ok(spans[0].events.some((event) => event.name === 'state lookingUp'));
    assertNoSecret(spans.map((span) => ({ attributes: span.attributes, events: span.events })), 'a span');
  } finally {
    exporter.reset();
    trace.disable();
  }
});

embedding('inspect: XState inspection events reach the engine option', async ({ sandbox }) => {
  const events: InspectionEvent[] = [];
  const precheck = engineWithInspection(sandbox.providers, events);
  await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
  assert.ok(events.some((event) => event.type === '@xstate.snapshot'));
  assertNoSecret(events.filter((event) => event.type === '@xstate.snapshot').map((event) => (event as unknown as { snapshot: { context: unknown } }).snapshot.context), 'an inspected snapshot');
});

embedding('DI module: a third provider defined in the test file is driven by the same machine', async ({ sandbox }) => {
  const container = new Container();
  container.bind('the application own service').toConstantValue(42);
  container.load(precheckModule({ providers: sandbox.providers }));
  container.bind(ACCOUNT_PROVIDER).toConstantValue({
    displayName: 'Test registry',
    createsAccounts: true,
    requiredFields: ['phone'],
    lookup: async (target) => (target.phone === '+2290197000777' ? { kind: 'found', account: { fullName: 'Third Provider' } } : { kind: 'not-found' }),
  }).whenNamed('third');
  const precheck = precheckFrom(container);
  const found = await precheck.check({ provider: 'third', intent: 'debit', phone: '+2290197000777' });
  assert.equal([found.status, found.status === 'proceed' && found.account.fullName], ['proceed', 'Third Provider']);
  const creates = await precheck.check({ provider: 'third', intent: 'credit', phone: '+2290197000778', names: { firstName: 'A', lastName: 'B' } });
  assert.equal([creates.status, creates.status === 'proceed' && creates.createAccount], ['proceed', true]);
  const bmo = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
  assert.is(bmo.status, 'proceed', 'the built-in providers still work in the same container');
  assert.is(container.get<number>('the application own service'), 42);
});

embedding('custom provider example (docs/examples/custom-provider.ts)', async () => {
  const precheck = engineWithWalletDirectory();
  const found = await precheck.check({ provider: 'wallets', intent: 'debit', accountNumber: 'W-1001' });
  assert.equal([found.status, found.status === 'proceed' && found.account.fullName], ['proceed', 'Abena Owusu']);
  const missing = await precheck.check({ provider: 'wallets', intent: 'credit', accountNumber: 'W-9' });
  assert.equal([missing.status, reasonOf(missing)], ['abort', 'account-not-found']);
});

embedding('docs/embedding.md shows every example exactly as the tests run it', () => {
  const page = readFileSync(new URL('../docs/embedding.md', import.meta.url), 'utf8');
  for (const example of ['transfer-orchestrator', 'pause-and-resume', 'telemetry', 'custom-provider']) {
    const code = readFileSync(new URL(`../docs/examples/${example}.ts`, import.meta.url), 'utf8');
    assert.ok(page.includes(code.trim()), `docs/embedding.md is missing docs/examples/${example}.ts as it is`);
  }
});

embedding.run();
