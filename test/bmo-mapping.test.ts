import { outcome } from './support/outcome.js';
import * as assert from 'uvu/assert';
import { sandboxSuite } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type Intent, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { beepRequest, bmoRequest, type Sandbox } from '../src/sandbox/index.js';

/** Every B-MO answer of the sandbox, through `check()`, mapped to its decision. */
const bmoMapping = sandboxSuite('B-MO answers → decisions');

type Extra = Omit<PrecheckOptions, 'providers' | 'http'> & { http?: PrecheckOptions['http']; bmo?: Partial<Sandbox['providers']['bmo']> };

/** A fresh engine per test: its answer cache and circuit breaker start empty, so tests do not depend on each other. */
function engine(context: { sandbox: Sandbox; engines: Precheck[] }, extra: Extra = {}): Precheck {
  const { http, bmo, ...rest } = extra;
  const precheck = createPrecheck({
    providers: { bmo: { ...context.sandbox.providers.bmo, ...bmo } },
    http: { timeoutMs: 300, ...http },
    ...rest,
  });
  context.engines.push(precheck);
  return precheck;
}

const bmo = bmoRequest;

function assertProceed(decision: Decision, expected: { createAccount: boolean; verified: boolean; account: object }) {
  assert.is(decision.status, 'proceed', `expected proceed, got ${JSON.stringify(outcome(decision))}`);
  if (decision.status !== 'proceed') return;
  assert.is(decision.provider, 'bmo');
  assert.is(decision.createAccount, expected.createAccount);
  assert.is(decision.verified, expected.verified);
  assert.equal(decision.account, expected.account);
}

// ─── 200 found ──────────────────────────────────────────────────────────────────────────────────────────────────────

for (const intent of ['credit', 'debit'] as const) {
  bmoMapping(`200 found (+2290197000001), ${intent} → proceed, verified, the customer's names`, async (context) => {
    const decision = await engine(context).check(bmo(intent, '+2290197000001'));
    assertProceed(decision, {
      createAccount: false,
      verified: true,
      account: { phone: '+2290197000001', firstName: 'Ama', lastName: 'Koffi', fullName: 'Ama Koffi' },
    });
    assert.is(decision.intent, intent);
    assert.is(decision.attempts, 1);
  });
}

bmoMapping('200 found with camelCase fields (+2290197000002) → the same account shape', async (context) => {
  const decision = await engine(context).check(bmo('debit', '+2290197000002'));
  assertProceed(decision, {
    createAccount: false,
    verified: true,
    account: { phone: '+2290197000002', firstName: 'Kossi', lastName: 'Adjovi', fullName: 'Kossi Adjovi' },
  });
});

bmoMapping('200 found with a single `name` field (+2290197000003) → fullName only', async (context) => {
  const decision = await engine(context).check(bmo('credit', '+2290197000003'));
  assertProceed(decision, {
    createAccount: false,
    verified: true,
    account: { phone: '+2290197000003', fullName: 'Sènami Houngbédji' },
  });
});

// ─── 404 not found ──────────────────────────────────────────────────────────────────────────────────────────────────

for (const phone of ['+2290197000404', '+2290197123456']) {
  bmoMapping(`404 (${phone}), credit with names → proceed, createAccount, unverified, the request's names`, async (context) => {
    const decision = await engine(context).check(bmo('credit', phone, { names: { firstName: 'Afi', lastName: 'Agbo' } }));
    assertProceed(decision, {
      createAccount: true,
      verified: false,
      account: { phone, firstName: 'Afi', lastName: 'Agbo', fullName: 'Afi Agbo' },
    });
  });

  bmoMapping(`404 (${phone}), credit without names → needs-names with a message`, async (context) => {
    const decision = await engine(context).check(bmo('credit', phone));
    assert.is(decision.status, 'needs-names');
    if (decision.status !== 'needs-names') return;
    assert.is(decision.intent, 'credit');
    assert.ok(decision.message.includes(phone), decision.message);
    assert.match(decision.message, /names/);
    assert.is(decision.attempts, 1);
  });

  bmoMapping(`404 (${phone}), debit → abort account-not-found`, async (context) => {
    const decision = await engine(context).check(bmo('debit', phone));
    assert.equal(outcome(decision), { status: 'abort', reason: 'account-not-found', retryAfterMs: undefined });
    assert.ok(decision.status === 'abort' && decision.message.includes(phone));
  });
}

// ─── 401 / 403 ──────────────────────────────────────────────────────────────────────────────────────────────────────

for (const intent of ['credit', 'debit'] as const) {
  bmoMapping(`401 (wrong apiSecret), ${intent} → abort auth-failed, no secret in the decision`, async (context) => {
    const wrongSecret = 'wrong-api-secret-7f3a9c';
    const decision = await engine(context, { bmo: { apiSecret: wrongSecret } }).check(bmo(intent, '+2290197000001'));
    assert.equal(outcome(decision), { status: 'abort', reason: 'auth-failed', retryAfterMs: undefined });
    assert.is(decision.trace.providerStatus?.code, 401);
    const json = JSON.stringify(decision);
    assert.not.ok(json.includes(wrongSecret), 'the decision contains the configured (wrong) secret');
    assert.not.ok(json.includes(context.sandbox.credentials.bmo.apiSecret), 'the decision contains the real secret');
    assert.not.ok(json.includes(context.sandbox.credentials.bmo.apiKey), 'the decision contains the api key');
  });
}

bmoMapping('403 (+2290197000403) → abort auth-failed', async (context) => {
  const decision = await engine(context).check(bmo('debit', '+2290197000403'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'auth-failed', retryAfterMs: undefined });
  assert.is(decision.trace.providerStatus?.code, 403);
});

// ─── transient answers ──────────────────────────────────────────────────────────────────────────────────────────────

const TRANSIENT: { phone: string; name: string; reason: string; retryAfterMs?: number }[] = [
  { phone: '+2290197000429', name: '429 + Retry-After: 1', reason: 'rate-limited', retryAfterMs: 1000 },
  { phone: '+2290197000500', name: '500 HTML page', reason: 'provider-unavailable' },
  { phone: '+2290197000502', name: '502 gateway page', reason: 'provider-unavailable' },
  { phone: '+2290197000503', name: '503 + Retry-After: 1', reason: 'provider-unavailable', retryAfterMs: 1000 },
  { phone: '+2290197000900', name: 'hang', reason: 'timeout' },
  { phone: '+2290197000902', name: 'drip', reason: 'timeout' },
  { phone: '+2290197000901', name: 'connection reset mid-body', reason: 'provider-unavailable' },
];

for (const row of TRANSIENT) {
  bmoMapping(`${row.name} (${row.phone}) → retry ${row.reason}`, async (context) => {
    const started = performance.now();
    const decision = await engine(context).check(bmo('debit', row.phone));
    const ms = performance.now() - started;
    assert.equal(outcome(decision), { status: 'retry', reason: row.reason, retryAfterMs: row.retryAfterMs });
    assert.is(decision.attempts, 1);
    // Retries are off by default: no Retry-After is waited for, and a hang is cut at timeoutMs (300).
    assert.ok(ms < 1000, `took ${Math.round(ms)} ms`);
  });
}

// ─── 200 that cannot be read ────────────────────────────────────────────────────────────────────────────────────────

for (const [phone, name] of [
  ['+2290197000200', '200 HTML page'],
  ['+2290197000201', '200 truncated JSON'],
  ['+2290197000202', '200 JSON of the wrong shape'],
] as const) {
  for (const intent of ['credit', 'debit'] as const) {
    bmoMapping(`${name} (${phone}), ${intent} → abort unexpected-response`, async (context) => {
      const decision = await engine(context).check(bmo(intent, phone));
      assert.equal(outcome(decision), { status: 'abort', reason: 'unexpected-response', retryAfterMs: undefined });
    });
  }
}

// ─── retries ────────────────────────────────────────────────────────────────────────────────────────────────────────

// Order matters below: the sandbox counts +2290197000912's failures per phone and forgets them on success, so the
// retrying check (3 attempts, ends in success) runs before the non-retrying one (1 attempt, leaves a count behind).
bmoMapping('fails twice then found (+2290197000912), retries: 2 → proceed after 3 requests', async (context) => {
  const before = context.sandbox.log.count('bmo');
  const decision = await engine(context, { http: { retries: 2, backoffMs: 1 } }).check(bmo('debit', '+2290197000912'));
  assertProceed(decision, {
    createAccount: false,
    verified: true,
    account: { phone: '+2290197000912', firstName: 'Yao', lastName: 'Dossou', fullName: 'Yao Dossou' },
  });
  assert.is(decision.attempts, 3);
  assert.is(context.sandbox.log.count('bmo') - before, 3);
});

bmoMapping('fails twice then found (+2290197000912), retries: 0 → retry provider-unavailable after 1 request', async (context) => {
  const before = context.sandbox.log.count('bmo');
  const decision = await engine(context, { http: { retries: 0 } }).check(bmo('debit', '+2290197000912'));
  assert.equal(outcome(decision), { status: 'retry', reason: 'provider-unavailable', retryAfterMs: undefined });
  assert.is(decision.attempts, 1);
  assert.is(context.sandbox.log.count('bmo') - before, 1);
});

bmoMapping('a non-transient answer (404 debit) is not retried, even with retries: 2', async (context) => {
  const before = context.sandbox.log.count('bmo');
  const decision = await engine(context, { http: { retries: 2, backoffMs: 1 } }).check(bmo('debit', '+2290197000404'));
  assert.equal(outcome(decision), { status: 'abort', reason: 'account-not-found', retryAfterMs: undefined });
  assert.is(decision.attempts, 1);
  assert.is(context.sandbox.log.count('bmo') - before, 1);
});

bmoMapping('503 with retries: 1 waits the Retry-After (1 s) before the second request', async (context) => {
  const before = context.sandbox.log.count('bmo');
  const started = performance.now();
  const decision = await engine(context, { http: { retries: 1, backoffMs: 1 } }).check(bmo('debit', '+2290197000503'));
  const ms = performance.now() - started;
  assert.equal(outcome(decision), { status: 'retry', reason: 'provider-unavailable', retryAfterMs: 1000 });
  assert.is(decision.attempts, 2);
  assert.is(context.sandbox.log.count('bmo') - before, 2);
  assert.ok(ms >= 950, `the Retry-After was not waited for: ${Math.round(ms)} ms`);
  assert.ok(ms < 2500, `took ${Math.round(ms)} ms`);
});

// ─── the request itself ─────────────────────────────────────────────────────────────────────────────────────────────

bmoMapping('the lookup is GET /external/customer/<phone, URL-encoded>', async (context) => {
  const decision = await engine(context).check(bmo('debit', '+2290197000001'));
  assert.is(decision.status, 'proceed');
  const last = context.sandbox.log.requests.at(-1);
  assert.equal(last, { provider: 'bmo', method: 'GET', path: '/external/customer/%2B2290197000001' });
});

bmoMapping('a phone written with spaces and dashes is normalised to E.164 before it reaches the path', async (context) => {
  const decision = await engine(context).check(bmo('debit', '+229 01-97-00-00-01'));
  assertProceed(decision, {
    createAccount: false,
    verified: true,
    account: { phone: '+2290197000001', firstName: 'Ama', lastName: 'Koffi', fullName: 'Ama Koffi' },
  });
  assert.is(context.sandbox.log.requests.at(-1)?.path, '/external/customer/%2B2290197000001');
});

bmoMapping.run();
