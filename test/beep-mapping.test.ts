import { outcome } from './support/outcome.js';
import * as assert from 'uvu/assert';
import { sandboxSuite } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type Intent, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { beepRequest, bmoRequest, type Sandbox } from '../src/sandbox/index.js';

/** Every BEEP answer of the sandbox, through `check()`, mapped to its decision. */
const beepMapping = sandboxSuite('BEEP answers → decisions');

type Extra = Omit<PrecheckOptions, 'providers' | 'http'> & {
  http?: PrecheckOptions['http'];
  beep?: Partial<Sandbox['providers']['beep']>;
};

/** A fresh engine per test: its answer cache and circuit breaker start empty, so tests do not depend on each other. */
function engine(context: { sandbox: Sandbox; engines: Precheck[] }, extra: Extra = {}): Precheck {
  const { http, beep, ...rest } = extra;
  const precheck = createPrecheck({
    providers: { beep: { ...context.sandbox.providers.beep, ...beep } },
    http: { timeoutMs: 300, ...http },
    ...rest,
  });
  context.engines.push(precheck);
  return precheck;
}

const PHONE = '+233241234567';

const beep = (intent: Intent, accountNumber: string, extra: Partial<PrecheckRequest> = {}) =>
  beepRequest(intent, accountNumber, { phone: PHONE, ...extra });

const INTENTS = ['credit', 'debit'] as const;

// ─── valid accounts ─────────────────────────────────────────────────────────────────────────────────────────────────

for (const [accountNumber, code, customerName] of [
  ['307001', 307, 'Kwame Mensah'],
  ['308001', 308, 'Akosua Boateng'],
  ['200001', 200, 'Yaw Owusu'],
] as const) {
  for (const intent of INTENTS) {
    beepMapping(`${code} (${accountNumber}), ${intent} → proceed verified, the customer's name`, async (context) => {
      const decision = await engine(context).check(beep(intent, accountNumber));
      assert.is(decision.status, 'proceed', `got ${JSON.stringify(outcome(decision))}`);
      if (decision.status !== 'proceed') return;
      assert.is(decision.provider, 'beep');
      assert.is(decision.intent, intent);
      assert.is(decision.verified, true);
      assert.is(decision.createAccount, false);
      assert.equal(decision.account, { phone: PHONE, accountNumber, fullName: customerName });
      assert.is(decision.trace.providerStatus?.code, code);
    });
  }
}

beepMapping('307 without a phone in the request → the account has no phone', async (context) => {
  const decision = await engine(context).check(beep('debit', '307001', { phone: undefined }));
  assert.is(decision.status, 'proceed');
  assert.equal(decision.status === 'proceed' && decision.account, { accountNumber: '307001', fullName: 'Kwame Mensah' });
});

// ─── not found, refused, unverifiable ───────────────────────────────────────────────────────────────────────────────

for (const accountNumber of ['306001', '123456789']) {
  for (const intent of INTENTS) {
    beepMapping(`306 (${accountNumber}), ${intent} → abort account-not-found (BEEP does not create accounts)`, async (context) => {
      const decision = await engine(context).check(beep(intent, accountNumber, { names: { firstName: 'Afi', lastName: 'Agbo' } }));
      assert.equal(outcome(decision), { status: 'abort', reason: 'account-not-found', retryAfterMs: undefined });
      assert.is(decision.trace.providerStatus?.code, 306);
      assert.ok(decision.status === 'abort' && decision.message.includes(accountNumber));
    });
  }
}

beepMapping('301 (301001) → abort validation-unavailable', async (context) => {
  const decision = await engine(context).check(beep('credit', '301001'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'validation-unavailable', retryAfterMs: undefined });
});

beepMapping("301 (301001) with unverifiable: 'proceed' → proceed, not verified", async (context) => {
  const decision = await engine(context, { unverifiable: 'proceed' }).check(beep('debit', '301001'));
  assert.is(decision.status, 'proceed');
  if (decision.status !== 'proceed') return;
  assert.is(decision.verified, false);
  assert.is(decision.createAccount, false);
  assert.equal(decision.account, { phone: PHONE, accountNumber: '301001' });
});

beepMapping('167 (167001) → abort service-not-configured', async (context) => {
  const decision = await engine(context).check(beep('debit', '167001'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'service-not-configured', retryAfterMs: undefined });
  assert.ok(decision.status === 'abort' && decision.message.includes('GH-DSTV'));
});

for (const [accountNumber, name] of [
  ['999001', 'unknown result code 999'],
  ['175001', 'unknown auth code 175'],
  ['200900', '200 HTML page'],
  ['200901', '200 JSON of the wrong shape'],
  ['200902', '200 truncated JSON'],
] as const) {
  beepMapping(`${name} (${accountNumber}) → abort unexpected-response`, async (context) => {
    const decision = await engine(context).check(beep('credit', accountNumber));
    assert.equal(outcome(decision), { status: 'abort', reason: 'unexpected-response', retryAfterMs: undefined });
  });
}

beepMapping('auth 132 (wrong password) → abort auth-failed, no password anywhere in the decision', async (context) => {
  const wrongPassword = 'wrong-beep-password-51c0';
  const decision = await engine(context, { beep: { password: wrongPassword } }).check(beep('credit', '307001'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'auth-failed', retryAfterMs: undefined });
  assert.is(decision.trace.providerStatus?.code, 132);
  const json = JSON.stringify(decision);
  for (const secret of [wrongPassword, context.sandbox.credentials.beep.password]) {
    assert.not.ok(decision.status === 'abort' && decision.message.includes(secret), 'the message contains a password');
    assert.not.ok(json.includes(secret), 'the decision contains a password');
  }
});

// ─── transient answers ──────────────────────────────────────────────────────────────────────────────────────────────

const TRANSIENT: { accountNumber: string; name: string; reason: string; retryAfterMs?: number }[] = [
  { accountNumber: '174001', name: 'auth 174 generic failure', reason: 'provider-unavailable' },
  { accountNumber: '500001', name: '500 HTML page', reason: 'provider-unavailable' },
  { accountNumber: '502001', name: '502 gateway page', reason: 'provider-unavailable' },
  { accountNumber: '503001', name: '503 + Retry-After: 1', reason: 'provider-unavailable', retryAfterMs: 1000 },
  { accountNumber: '429001', name: '429 + Retry-After: 1', reason: 'rate-limited', retryAfterMs: 1000 },
  { accountNumber: '900001', name: 'hang', reason: 'timeout' },
  { accountNumber: '902001', name: 'drip', reason: 'timeout' },
  { accountNumber: '901001', name: 'connection reset mid-body', reason: 'provider-unavailable' },
];

for (const row of TRANSIENT) {
  beepMapping(`${row.name} (${row.accountNumber}) → retry ${row.reason}`, async (context) => {
    const decision = await engine(context).check(beep('debit', row.accountNumber));
    assert.equal(outcome(decision), { status: 'retry', reason: row.reason, retryAfterMs: row.retryAfterMs });
    assert.is(decision.attempts, 1);
  });
}

// ─── transaction ids ────────────────────────────────────────────────────────────────────────────────────────────────

const KINDS = [
  ['proceed', '307001'],
  ['abort', '306001'],
  ['retry', '500001'],
] as const;

for (const [status, accountNumber] of KINDS) {
  beepMapping(`a ${status} decision carries the request's transactionId`, async (context) => {
    const decision = await engine(context).check(beep('debit', accountNumber, { transactionId: 'tx-123' }));
    assert.is(decision.status, status);
    assert.is(decision.transactionId, 'tx-123');
  });

  beepMapping(`a ${status} decision without a given transactionId carries a fresh one per check`, async (context) => {
    const precheck = engine(context, { cache: { ttlMs: 0, notFoundTtlMs: 0 } });
    const first = await precheck.check(beep('debit', accountNumber));
    const second = await precheck.check(beep('debit', accountNumber));
    assert.is(first.status, status);
    assert.is(second.status, status);
    assert.type(first.transactionId, 'string');
    assert.type(second.transactionId, 'string');
    assert.ok(first.transactionId!.length > 0);
    assert.is.not(first.transactionId, second.transactionId);
  });
}

// ─── retries ────────────────────────────────────────────────────────────────────────────────────────────────────────

// The sandbox fails 110002 twice per payerTransactionID, then answers 307: success on attempt 3 proves that every
// attempt of the check sent the same payerTransactionID.
beepMapping('fails twice then valid (110002), retries: 2 → proceed after 3 requests', async (context) => {
  const before = context.sandbox.log.count('beep');
  const decision = await engine(context, { http: { retries: 2, backoffMs: 1 } }).check(beep('debit', '110002'));
  assert.is(decision.status, 'proceed', `got ${JSON.stringify(outcome(decision))}`);
  assert.equal(decision.status === 'proceed' && decision.account, { phone: PHONE, accountNumber: '110002', fullName: 'Esi Asante' });
  assert.is(decision.attempts, 3);
  assert.is(context.sandbox.log.count('beep') - before, 3);
});

beepMapping('fails twice then valid (110002), retries: 1 → retry provider-unavailable after 2 requests', async (context) => {
  const before = context.sandbox.log.count('beep');
  const decision = await engine(context, { http: { retries: 1, backoffMs: 1 } }).check(beep('debit', '110002'));
  assert.equal(outcome(decision), { status: 'retry', reason: 'provider-unavailable', retryAfterMs: undefined });
  assert.is(decision.attempts, 2);
  assert.is(context.sandbox.log.count('beep') - before, 2);
});

beepMapping('the same transactionId on a later check continues the count: the third request succeeds', async (context) => {
  // Two checks without retries, same transactionId: the sandbox sees the same payerTransactionID each time.
  const precheck = engine(context, { cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const request = beep('debit', '110002', { transactionId: 'flaky-same-id' });
  assert.is((await precheck.check(request)).status, 'retry');
  assert.is((await precheck.check(request)).status, 'retry');
  const third = await precheck.check(request);
  assert.is(third.status, 'proceed');
  assert.is(third.transactionId, 'flaky-same-id');
});

// ─── the request itself ─────────────────────────────────────────────────────────────────────────────────────────────

beepMapping('the lookup is POST to the default path /v1/global-api/payments', async (context) => {
  const decision = await engine(context).check(beep('debit', '307001'));
  assert.is(decision.status, 'proceed');
  assert.equal(context.sandbox.log.requests.at(-1), { provider: 'beep', method: 'POST', path: '/v1/global-api/payments' });
});

beepMapping('a custom providers.beep.path is used (the sandbox answers 404 there) → abort unexpected-response', async (context) => {
  const path = '/v2/partner/validate-account';
  const before = context.sandbox.log.count('beep');
  const decision = await engine(context, { beep: { path } }).check(beep('debit', '307001'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'unexpected-response', retryAfterMs: undefined });
  assert.is(decision.trace.providerStatus?.code, 404);
  assert.is(context.sandbox.log.count('beep') - before, 1);
  assert.equal(context.sandbox.log.requests.at(-1), { provider: 'beep', method: 'POST', path });
});

beepMapping.run();
