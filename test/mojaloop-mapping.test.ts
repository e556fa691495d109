import { readFileSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { outcome } from './support/outcome.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type Intent, type MojaloopSettings, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { LATE_CALLBACK_MS } from '../src/providers/mojaloop/mojaloop-fixtures.js';

/** Every row of docs/mojaloop.md's mapping, through `check()` against the sandbox, in both modes and for both intents. */
const mapping = sandboxSuite('Mojaloop answers → decisions');

type Mode = 'sdk' | 'fspiop';
const MODES: Mode[] = ['sdk', 'fspiop'];
const INTENTS: Intent[] = ['credit', 'debit'];

/** A fresh engine per test; in FSPIOP mode, attached to the sandbox so that the switch fake's callbacks reach it. */
function engine(context: SandboxContext, mode: Mode, extra: Omit<PrecheckOptions, 'providers'> & { mojaloop?: Partial<MojaloopSettings> } = {}): Precheck {
  const { mojaloop, http, ...rest } = extra;
  const settings = mode === 'sdk' ? context.sandbox.providers.mojaloop : context.sandbox.mojaloopFspiop;
  const precheck = createPrecheck({
    providers: { mojaloop: { ...settings, ...mojaloop } as MojaloopSettings },
    http: { timeoutMs: 3000, retries: 0, ...http },
    breaker: false,
    cache: false,
    ...rest,
  });
  context.engines.push(precheck);
  context.sandbox.attach(precheck);
  return precheck;
}

const request = (intent: Intent, party: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => {
  const [type, id] = party.split('/');
  return type === 'MSISDN' && !extra.partyIdType
    ? { provider: 'mojaloop', intent, phone: `+${id}`, ...extra }
    : { provider: 'mojaloop', intent, partyIdType: type as PrecheckRequest['partyIdType'], partyIdentifier: id, ...extra };
};

type Expected = { status: string; reason?: string };

const ROWS: [party: string, answer: string, expected: Expected][] = [
  ['MSISDN/233200003204', '3204 party not found', { status: 'abort', reason: 'account-not-found' }],
  ['MSISDN/233200003200', '3200 generic ID not found', { status: 'abort', reason: 'account-not-found' }],
  ['MSISDN/233209999999', 'any other party: 3204', { status: 'abort', reason: 'account-not-found' }],
  ['MSISDN/233200003300', '3300 expired', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200003201', '3201 destination FSP error', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200002004', '2004 server timed out', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200001001', '1001 destination communication error', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200003105', '3105 invalid signature', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200005400', '5400 payee error', { status: 'abort', reason: 'account-inactive' }],
  ['MSISDN/233200005102', '3100: any other code', { status: 'abort', reason: 'unexpected-response' }],
  ['MSISDN/233200000900', 'no callback / the adapter timed out', { status: 'retry', reason: 'provider-unavailable' }],
  ['MSISDN/233200000666', 'a forged callback / the adapter timed out', { status: 'retry', reason: 'provider-unavailable' }],
];

function assertOutcome(decision: Decision, expected: Expected, what: string) {
  assert.equal(outcome(decision), { retryAfterMs: undefined, reason: undefined, ...expected }, `${what}: ${JSON.stringify(decision.trace.providerStatus)}`);
}

for (const mode of MODES) {
  for (const [party, answer, expected] of ROWS) {
    mapping(`${mode}: ${answer} → ${expected.status} ${expected.reason ?? ''}, credit and debit`, async (context) => {
      const precheck = engine(context, mode);
      for (const intent of INTENTS) {
        const decision = await precheck.check(request(intent, party));
        assertOutcome(decision, expected, `${mode} ${intent} ${party}`);
        assert.is(decision.attempts, 1);
      }
    });
  }

  mapping(`${mode}: found → proceed, verified, the names and the holding FSP`, async (context) => {
    const precheck = engine(context, mode);
    for (const intent of INTENTS) {
      const person = await precheck.check(request(intent, 'MSISDN/233200000001'));
      assert.is(person.status, 'proceed');
      if (person.status !== 'proceed') return;
      assert.equal(
        { verified: person.verified, createAccount: person.createAccount, account: person.account },
        { verified: true, createAccount: false, account: { phone: '+233200000001', firstName: 'Ama', lastName: 'Serwaa', fullName: 'Ama Serwaa', fspId: 'greenbank' } },
      );
      const middle = await precheck.check(request(intent, 'MSISDN/233200000002'));
      assert.equal(middle.status === 'proceed' && middle.account, { phone: '+233200000002', firstName: 'Kofi', lastName: 'Boateng', fullName: 'Kofi Mensah Boateng', fspId: 'bluebank' });
      const business = await precheck.check(request(intent, 'BUSINESS/shoecompany'));
      assert.equal(business.status === 'proceed' && business.account, { fullName: 'Shoe Company Ltd', fspId: 'bluebank' });
    }
  });

  mapping(`${mode}: the names go into the name check as for the other providers`, async (context) => {
    const precheck = engine(context, mode);
    const match = await precheck.check(request('credit', 'MSISDN/233200000001', { payeeName: 'Ama Serwaa' }));
    assert.is(match.status === 'proceed' && match.nameCheck?.result, 'match');
    const business = await precheck.check(request('credit', 'BUSINESS/shoecompany', { payeeName: 'Shoe Company Ltd' }));
    assert.is(business.status === 'proceed' && business.nameCheck?.result, 'match');
    const other = await precheck.check(request('credit', 'MSISDN/233200000001', { payeeName: 'Yaw Darko' }));
    assert.equal(outcome(other), { status: 'abort', reason: 'name-mismatch', retryAfterMs: undefined });
  });

  mapping(`${mode}: a currency the party does not list → abort currency-not-supported; listed or no list → proceed`, async (context) => {
    const precheck = engine(context, mode);
    for (const intent of INTENTS) {
      assertOutcome(await precheck.check(request(intent, 'MSISDN/233200000001', { currency: 'EUR' })), { status: 'abort', reason: 'currency-not-supported' }, intent);
      assertOutcome(await precheck.check(request(intent, 'MSISDN/233200000001', { currency: 'XOF' })), { status: 'proceed' }, intent);
      assertOutcome(await precheck.check(request(intent, 'MSISDN/233200000002', { currency: 'EUR' })), { status: 'proceed' }, intent);
    }
    const refused = await precheck.check(request('debit', 'MSISDN/233200000001', { currency: 'EUR' }));
    assert.match(refused.status === 'abort' ? refused.message : '', 'does not take EUR (it takes GHS, XOF)');
  });

  mapping(`${mode}: 3105 says it is about a signature`, async (context) => {
    const decision = await engine(context, mode).check(request('debit', 'MSISDN/233200003105'));
    assert.match(decision.status === 'retry' ? decision.message : '', 'invalid signature');
  });

  mapping(`${mode}: another code keeps its code and words in trace.providerStatus`, async (context) => {
    const decision = await engine(context, mode).check(request('debit', 'MSISDN/233200005102'));
    assert.equal(decision.trace.providerStatus, { code: '3100', description: 'Generic validation error' });
  });

  mapping(`${mode}: the check's own deadline running out first → retry timeout, never a not-found`, async (context) => {
    // The deadline (300 ms) before the callback window (2.5 s) and the adapter's bound (the attempt's 3 s).
    const precheck = engine(context, mode, { deadlineMs: 300 });
    for (const party of ['MSISDN/233200000900', 'MSISDN/233200000901']) {
      const decision = await precheck.check(request('credit', party));
      assert.equal(outcome(decision).status, 'retry', party);
      if (mode === 'fspiop') assert.is(outcome(decision).reason, 'timeout', party);
    }
  });

  mapping(`${mode}: a request without a party, or with a party and a phone → invalid-request, nothing sent`, async (context) => {
    const precheck = engine(context, mode);
    const before = context.sandbox.log.count('mojaloop');
    for (const bad of [
      { provider: 'mojaloop', intent: 'debit' },
      { provider: 'mojaloop', intent: 'debit', partyIdType: 'MSISDN' },
      { provider: 'mojaloop', intent: 'debit', partyIdType: 'PASSPORT', partyIdentifier: 'X1' },
      { provider: 'mojaloop', intent: 'debit', phone: '+233200000001', partyIdType: 'MSISDN', partyIdentifier: '233200000001' },
      { provider: 'mojaloop', intent: 'debit', partyIdType: 'MSISDN', partyIdentifier: '+233200000001' },
      { provider: 'mojaloop', intent: 'debit', phone: '+233200000001', currency: 'eur' },
    ] as PrecheckRequest[]) {
      assertOutcome(await precheck.check(bad), { status: 'abort', reason: 'invalid-request' }, JSON.stringify(bad));
    }
    assert.is(context.sandbox.log.count('mojaloop'), before);
  });
}

mapping('fspiop: a late callback changes nothing: the check ended retry, the callback is refused 404', async (context) => {
  const precheck = engine(context, 'fspiop');
  const before = context.sandbox.mojaloopCallbacks.length;
  const decision = await precheck.check(request('debit', 'MSISDN/233200000901'));
  assertOutcome(decision, { status: 'retry', reason: 'provider-unavailable' }, 'late');
  await new Promise((resolve) => setTimeout(resolve, LATE_CALLBACK_MS + 100));
  // Every late callback sent since (an earlier test's may be among them) was refused.
  const sent = context.sandbox.mojaloopCallbacks.slice(before).filter((callback) => callback.path === '/parties/MSISDN/233200000901');
  assert.ok(sent.length >= 1);
  assert.ok(sent.every((callback) => callback.status === 404), JSON.stringify(sent));
});

mapping('fspiop: a forged callback is refused 400 and the check ends retry when callbackTimeoutMs runs out, never proceed', async (context) => {
  const precheck = engine(context, 'fspiop');
  const before = context.sandbox.mojaloopCallbacks.length;
  const decision = await precheck.check(request('credit', 'MSISDN/233200000666'));
  assertOutcome(decision, { status: 'retry', reason: 'provider-unavailable' }, 'forged');
  const sent = context.sandbox.mojaloopCallbacks.slice(before).filter((callback) => callback.path === '/parties/MSISDN/233200000666');
  assert.equal(sent.map((callback) => callback.status), [400]);
});

mapping('fspiop 1.1 (the default): no supportedCurrencies in the party, so a currency passes', async (context) => {
  const precheck = engine(context, 'fspiop', { mojaloop: { apiVersion: undefined } });
  const decision = await precheck.check(request('debit', 'MSISDN/233200000001', { currency: 'EUR' }));
  assertOutcome(decision, { status: 'proceed' }, '1.1');
});

/** docs/mojaloop.md's mapping table: `| says | sandbox party (, currency) | decision |`. */
const TABLE = readFileSync(new URL('../docs/mojaloop.md', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => /^\| .* \| `[A-Z_]+\/[^`]+`.* \| `(proceed|abort|retry)`/.test(line))
  .map((line) => {
    const [says, party, decision] = line.slice(2, -2).split(' | ');
    const [status, reason] = [...decision.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    return { says, party: /`([^`]+)`/.exec(party)![1], currency: /currency: ([A-Z]{3})/.exec(party)?.[1], status, reason };
  });

mapping("docs/mojaloop.md's table, row by row, in both modes and for both intents", async (context) => {
  assert.ok(TABLE.length >= 14, `the table was read (${TABLE.length} rows)`);
  for (const mode of MODES) {
    const precheck = engine(context, mode);
    for (const row of TABLE) {
      for (const intent of INTENTS) {
        const decision = await precheck.check(request(intent, row.party, row.currency ? { currency: row.currency } : {}));
        const expected = row.status === 'proceed' ? { status: 'proceed' } : { status: row.status, reason: row.reason };
        assertOutcome(decision, expected, `${mode} ${intent} ${row.says}`);
        if (row.reason === 'verified') assert.ok(decision.status === 'proceed' && decision.verified);
      }
    }
  }
});

mapping.run();
