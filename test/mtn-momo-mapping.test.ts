import * as assert from 'uvu/assert';
import { outcome } from './support/outcome.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type Intent, type Precheck, type PrecheckOptions } from '../src/index.js';
import { MTN_SANDBOX_MOUNT, mtnRequest, SHORT_LIVED_TOKEN_USERS, type Sandbox } from '../src/sandbox/index.js';

/** Every row of the mapping that applies to MTN MoMo, through `check()` against the sandbox. */
const mtnMapping = sandboxSuite('MTN MoMo answers → decisions');

type MtnSettings = Sandbox['providers']['mtn-momo'];
type Extra = Omit<PrecheckOptions, 'providers'> & { mtn?: Partial<MtnSettings> };

/** A fresh engine per test (empty cache, breaker and token cache), on the sandbox's MTN settings. */
function engine(context: SandboxContext, extra: Extra = {}): Precheck {
  const { mtn, http, ...rest } = extra;
  const precheck = createPrecheck({
    providers: { 'mtn-momo': { ...context.sandbox.providers['mtn-momo'], ...mtn } },
    http: { timeoutMs: 1000, ...http },
    breaker: false,
    ...rest,
  });
  context.engines.push(precheck);
  return precheck;
}

const INTENTS: Intent[] = ['credit', 'debit'];
const requestsTo = (sandbox: Sandbox, suffix: string) =>
  sandbox.log.requests.filter((request) => request.provider === 'mtn-momo' && request.path.endsWith(suffix));
const tokenRequests = (sandbox: Sandbox) => requestsTo(sandbox, '/token/').length;

function assertOutcome(decision: Decision, expected: { status: string; reason?: string; retryAfterMs?: number }) {
  assert.equal(outcome(decision), { retryAfterMs: undefined, reason: undefined, ...expected }, JSON.stringify(decision.trace.providerStatus));
}

// ─── found ──────────────────────────────────────────────────────────────────────────────────────────────────────────

for (const intent of INTENTS) {
  mtnMapping(`result true, basicuserinfo named (+2290196000001), ${intent} → proceed, verified, names; the product of the intent`, async (context) => {
    const decision = await engine(context).check(mtnRequest(intent, '+2290196000001'));
    assertOutcome(decision, { status: 'proceed' });
    if (decision.status !== 'proceed') return;
    assert.is(decision.verified, true);
    assert.is(decision.createAccount, false);
    assert.equal(decision.account, { phone: '+2290196000001', firstName: 'Adjoa', lastName: 'Mensah', fullName: 'Adjoa Mensah' });
    const product = intent === 'credit' ? 'disbursement' : 'collection';
    assert.ok(requestsTo(context.sandbox, '/2290196000001/active').some((request) => request.path.startsWith(`/${product}/v1_0/`)), `asked ${product}`);
  });
}

mtnMapping('basicuserinfo with given_name and family_name only (+2290196000002) → fullName made of both', async (context) => {
  const decision = await engine(context).check(mtnRequest('debit', '+2290196000002'));
  assert.is(decision.status, 'proceed');
  if (decision.status === 'proceed') assert.equal(decision.account, { phone: '+2290196000002', firstName: 'Kofi', lastName: 'Owusu', fullName: 'Kofi Owusu' });
});

mtnMapping("any other number (MTN's sandbox person) → proceed, Sand Box", async (context) => {
  const decision = await engine(context).check(mtnRequest('credit', '+256772123456'));
  assert.is(decision.status, 'proceed');
  if (decision.status === 'proceed') assert.is(decision.account.fullName, 'Sand Box');
});

for (const [phone, why] of [
  ['+2290196000003', /basicuserinfo answered HTTP 500 INTERNAL_PROCESSING_ERROR/],
  ['+2290196000004', /basicuserinfo has no name/],
] as const) {
  mtnMapping(`active, the name look-up fails (${phone}) → proceed, verified, no names, the trace says why`, async (context) => {
    const decision = await engine(context).check(mtnRequest('debit', phone));
    assertOutcome(decision, { status: 'proceed' });
    if (decision.status !== 'proceed') return;
    assert.is(decision.verified, true);
    assert.equal(decision.account, { phone });
    assert.match(decision.trace.providerStatus?.description ?? '', why);
  });
}

// ─── not found ──────────────────────────────────────────────────────────────────────────────────────────────────────

for (const [phone, answer] of [
  ['+46733123451', 'result false (MTN NotActive)'],
  ['+2290196000404', 'result false'],
  ['+46733123450', '404 RESOURCE_NOT_FOUND (MTN NotFound)'],
] as const) {
  for (const intent of INTENTS) {
    mtnMapping(`${answer} (${phone}), ${intent} → abort account-not-found (MTN creates no accounts)`, async (context) => {
      assertOutcome(await engine(context).check(mtnRequest(intent, phone)), { status: 'abort', reason: 'account-not-found' });
    });
  }
}

// ─── auth-failed ────────────────────────────────────────────────────────────────────────────────────────────────────

for (const intent of INTENTS) {
  mtnMapping(`token refused (wrong API key), ${intent} → abort auth-failed`, async (context) => {
    assertOutcome(await engine(context, { mtn: { apiKey: 'not-the-api-key' } }).check(mtnRequest(intent, '+2290196000001')), {
      status: 'abort',
      reason: 'auth-failed',
    });
  });
}

mtnMapping('token refused (wrong subscription key: the gateway 401) → abort auth-failed', async (context) => {
  const precheck = engine(context, { mtn: { subscriptionKeys: { collection: 'not-the-key' } } });
  assertOutcome(await precheck.check(mtnRequest('debit', '+2290196000001')), { status: 'abort', reason: 'auth-failed' });
});

mtnMapping('401 after one renewal (+2290196000401) → abort auth-failed, exactly one renewal', async (context) => {
  const precheck = engine(context);
  const before = tokenRequests(context.sandbox);
  const asked = requestsTo(context.sandbox, '/2290196000401/active').length;
  assertOutcome(await precheck.check(mtnRequest('credit', '+2290196000401')), { status: 'abort', reason: 'auth-failed' });
  assert.is(tokenRequests(context.sandbox) - before, 2, 'the first token, and one renewal');
  assert.is(requestsTo(context.sandbox, '/2290196000401/active').length - asked, 2, 'asked, then asked again once');
});

mtnMapping('403 (+2290196000403) → abort auth-failed', async (context) => {
  for (const intent of INTENTS) {
    assertOutcome(await engine(context).check(mtnRequest(intent, '+2290196000403')), { status: 'abort', reason: 'auth-failed' });
  }
});

// ─── service-not-configured ─────────────────────────────────────────────────────────────────────────────────────────

for (const [phone, answer] of [
  ['+46733123453', '500 NOT_ALLOWED_TARGET_ENVIRONMENT'],
  ['+46733123452', '500 NOT_ALLOWED'],
] as const) {
  mtnMapping(`${answer} (${phone}) → abort service-not-configured`, async (context) => {
    for (const intent of INTENTS) {
      assertOutcome(await engine(context).check(mtnRequest(intent, phone)), { status: 'abort', reason: 'service-not-configured' });
    }
  });
}

mtnMapping('a wrong targetEnvironment → 500 NOT_ALLOWED_TARGET_ENVIRONMENT → abort service-not-configured', async (context) => {
  const decision = await engine(context, { mtn: { targetEnvironment: 'mtnatlantis' } }).check(mtnRequest('debit', '+2290196000001'));
  assertOutcome(decision, { status: 'abort', reason: 'service-not-configured' });
  assert.is(decision.trace.providerStatus?.code, 'NOT_ALLOWED_TARGET_ENVIRONMENT');
});

mtnMapping('a 404 with no MTN error body (base URL path that leads nowhere) → abort service-not-configured', async (context) => {
  const baseUrl = `${context.sandbox.mtnUrl}/no-such-gateway`;
  for (const intent of INTENTS) {
    assertOutcome(await engine(context, { mtn: { baseUrl } }).check(mtnRequest(intent, '+2290196000001')), {
      status: 'abort',
      reason: 'service-not-configured',
    });
  }
});

// ─── retry ──────────────────────────────────────────────────────────────────────────────────────────────────────────

mtnMapping('429 (+2290196000429) → retry rate-limited, retryAfterMs from Retry-After', async (context) => {
  for (const intent of INTENTS) {
    assertOutcome(await engine(context).check(mtnRequest(intent, '+2290196000429')), { status: 'retry', reason: 'rate-limited', retryAfterMs: 1000 });
  }
});

for (const [phone, answer] of [
  ['+46733123454', '500 INTERNAL_PROCESSING_ERROR'],
  ['+46733123455', '503 SERVICE_UNAVAILABLE'],
  ['+2290196000501', '500 with another code (INVALID_CURRENCY)'],
  ['+2290196000502', '502 gateway page'],
  ['+2290196000901', 'connection reset (network error)'],
] as const) {
  mtnMapping(`${answer} (${phone}) → retry provider-unavailable`, async (context) => {
    for (const intent of INTENTS) {
      assertOutcome(await engine(context).check(mtnRequest(intent, phone)), { status: 'retry', reason: 'provider-unavailable' });
    }
  });
}

mtnMapping('fails once (+2290196000911), retries: 1 → proceed on the second attempt', async (context) => {
  const decision = await engine(context, { http: { retries: 1, backoffMs: 1 } }).check(mtnRequest('debit', '+2290196000911'));
  assertOutcome(decision, { status: 'proceed' });
  assert.is(decision.attempts, 2);
});

mtnMapping('no whole answer in time (+2290196000900) → retry timeout', async (context) => {
  assertOutcome(await engine(context, { http: { timeoutMs: 150 } }).check(mtnRequest('debit', '+2290196000900')), { status: 'retry', reason: 'timeout' });
});

// ─── unexpected-response ────────────────────────────────────────────────────────────────────────────────────────────

for (const [phone, answer] of [
  ['+2290196000400', '400'],
  ['+2290196000200', '200 HTML page'],
  ['+2290196000201', '200 { result: "yes" }'],
] as const) {
  mtnMapping(`${answer} (${phone}) → abort unexpected-response`, async (context) => {
    for (const intent of INTENTS) {
      assertOutcome(await engine(context).check(mtnRequest(intent, phone)), { status: 'abort', reason: 'unexpected-response' });
    }
  });
}

// ─── invalid request: no subscription key for the product ──────────────────────────────────────────────────────────

mtnMapping('a credit without a disbursement key → abort invalid-request naming the key, nothing sent', async (context) => {
  const { collection } = context.sandbox.providers['mtn-momo'].subscriptionKeys;
  const precheck = engine(context, { mtn: { subscriptionKeys: { collection } } });
  const before = context.sandbox.log.count('mtn-momo');
  const decision = await precheck.check(mtnRequest('credit', '+2290196000001'));
  assertOutcome(decision, { status: 'abort', reason: 'invalid-request' });
  if (decision.status === 'abort') assert.match(decision.message, 'subscriptionKeys.disbursement');
  assert.is(decision.attempts, 0);
  assert.is(context.sandbox.log.count('mtn-momo'), before, 'no request reached the sandbox');
  // The same engine still debits through the Collection key.
  assertOutcome(await precheck.check(mtnRequest('debit', '+2290196000001')), { status: 'proceed' });
});

mtnMapping('a debit without a collection key → abort invalid-request, nothing sent', async (context) => {
  const { disbursement } = context.sandbox.providers['mtn-momo'].subscriptionKeys;
  const before = context.sandbox.log.count('mtn-momo');
  const decision = await engine(context, { mtn: { subscriptionKeys: { disbursement } } }).check(mtnRequest('debit', '+2290196000001'));
  assertOutcome(decision, { status: 'abort', reason: 'invalid-request' });
  if (decision.status === 'abort') assert.match(decision.message, 'subscriptionKeys.collection');
  assert.is(context.sandbox.log.count('mtn-momo'), before);
});

// ─── base URL with a path ───────────────────────────────────────────────────────────────────────────────────────────

mtnMapping('a base URL with a path: every request is appended to it, token included', async (context) => {
  const precheck = engine(context, { mtn: { baseUrl: `${context.sandbox.mtnUrl}${MTN_SANDBOX_MOUNT}` } });
  const from = context.sandbox.log.requests.length;
  assertOutcome(await precheck.check(mtnRequest('debit', '+2290196000001')), { status: 'proceed' });
  const paths = context.sandbox.log.requests.slice(from).map((request) => request.path);
  assert.equal(paths, [
    `${MTN_SANDBOX_MOUNT}/collection/token/`,
    `${MTN_SANDBOX_MOUNT}/collection/v1_0/accountholder/msisdn/2290196000001/active`,
    `${MTN_SANDBOX_MOUNT}/collection/v1_0/accountholder/msisdn/2290196000001/basicuserinfo`,
  ]);
});

// ─── tokens ─────────────────────────────────────────────────────────────────────────────────────────────────────────

mtnMapping('20 concurrent cold checks of different numbers → one token request per product', async (context) => {
  const precheck = engine(context);
  const before = tokenRequests(context.sandbox);
  const phones = Array.from({ length: 20 }, (_, i) => `+2567721234${String(i).padStart(2, '0')}`);
  const decisions = await Promise.all(phones.map((phone) => precheck.check(mtnRequest('debit', phone))));
  assert.ok(decisions.every((decision) => decision.status === 'proceed'));
  assert.is(tokenRequests(context.sandbox) - before, 1);
  // Credits use the other product: its own token, once (other numbers: the answers above are cached).
  await Promise.all(phones.slice(0, 5).map((phone) => precheck.check(mtnRequest('credit', phone.replace('+256', '+233')))));
  assert.is(tokenRequests(context.sandbox) - before, 2);
});

mtnMapping('the token is kept until 10 minutes before it expires, then renewed (expires_in: 601 → kept 1 s)', async (context) => {
  const precheck = engine(context, { mtn: { apiUser: SHORT_LIVED_TOKEN_USERS['mtn-momo'] }, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const before = tokenRequests(context.sandbox);
  await precheck.check(mtnRequest('debit', '+2290196000001'));
  await precheck.check(mtnRequest('debit', '+2290196000002'));
  assert.is(tokenRequests(context.sandbox) - before, 1, 'reused while fresh');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assertOutcome(await precheck.check(mtnRequest('debit', '+2290196000001')), { status: 'proceed' });
  assert.is(tokenRequests(context.sandbox) - before, 2, 'renewed once within 10 minutes of expiry');
});

mtnMapping('a token refused on a look-up (401) is renewed once and the look-up asked again → proceed', async (context) => {
  const precheck = engine(context);
  await precheck.check(mtnRequest('debit', '+2290196000001')); // a token is kept
  const before = tokenRequests(context.sandbox);
  const decision = await precheck.check(mtnRequest('debit', '+2290196000402'));
  assertOutcome(decision, { status: 'proceed' });
  if (decision.status === 'proceed') assert.is(decision.account.fullName, 'Esi Boateng');
  assert.is(tokenRequests(context.sandbox) - before, 1, 'one renewal');
  assert.is(decision.attempts, 1, 'within the same attempt');
});

mtnMapping.run();
