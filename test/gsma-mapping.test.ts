import * as assert from 'uvu/assert';
import { outcome } from './support/outcome.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type GsmaSettings, type Intent, type Precheck, type PrecheckOptions } from '../src/index.js';
import { GSMA_SANDBOX_PATHS, gsmaRequest, SHORT_LIVED_TOKEN_USERS, type Sandbox } from '../src/sandbox/index.js';

/** Every row of the mapping that applies to GSMA, through `check()` against the sandbox, for both kinds of auth. */
const gsmaMapping = sandboxSuite('GSMA answers → decisions');

type Auth = 'oauth2' | 'basic';
type Extra = Omit<PrecheckOptions, 'providers'> & { auth?: Auth; gsma?: Partial<GsmaSettings> };

const settingsOf = (sandbox: Sandbox, auth: Auth): GsmaSettings => (auth === 'basic' ? sandbox.gsmaBasic : sandbox.providers.gsma);

/** A fresh engine per test (empty cache, breaker and token cache). */
function engine(context: SandboxContext, extra: Extra = {}): Precheck {
  const { auth = 'oauth2', gsma, http, ...rest } = extra;
  const precheck = createPrecheck({
    providers: { gsma: { ...settingsOf(context.sandbox, auth), ...gsma } },
    http: { timeoutMs: 1000, ...http },
    breaker: false,
    ...rest,
  });
  context.engines.push(precheck);
  return precheck;
}

const INTENTS: Intent[] = ['credit', 'debit'];
const AUTHS: Auth[] = ['oauth2', 'basic'];
const tokenRequests = (sandbox: Sandbox) => sandbox.log.requests.filter((request) => request.path === GSMA_SANDBOX_PATHS.token).length;

function assertOutcome(decision: Decision, expected: { status: string; reason?: string; retryAfterMs?: number }) {
  assert.equal(outcome(decision), { retryAfterMs: undefined, reason: undefined, ...expected }, JSON.stringify(decision.trace.providerStatus));
}

/** Rows decided by the status look-up alone: the same for both intents and both kinds of authentication. */
const ROWS: [phone: string, answer: string, expected: { status: string; reason?: string; retryAfterMs?: number }][] = [
  ['+233240000004', 'unregistered', { status: 'abort', reason: 'account-not-found' }],
  ['+233240000404', '404 identification/identifierError', { status: 'abort', reason: 'account-not-found' }],
  ['+233240000405', '404 Identification/IdentifierError (errordescription)', { status: 'abort', reason: 'account-not-found' }],
  ['+233249999999', 'any other identifier: 404 identification', { status: 'abort', reason: 'account-not-found' }],
  ['+233240000005', 'unavailable', { status: 'abort', reason: 'account-inactive' }],
  ['+233240000406', '400 businessRule/incorrectState', { status: 'abort', reason: 'account-inactive' }],
  ['+233240000401', '401 authorisation (after one renewal with OAuth)', { status: 'abort', reason: 'auth-failed' }],
  ['+233240000403', '403 from the gateway', { status: 'abort', reason: 'auth-failed' }],
  ['+233240000407', '400 businessRule/rateLimitError', { status: 'retry', reason: 'rate-limited', retryAfterMs: 1000 }],
  ['+233240000429', '429', { status: 'retry', reason: 'rate-limited', retryAfterMs: 1000 }],
  ['+233240000500', '500 internal/genericError', { status: 'retry', reason: 'provider-unavailable' }],
  ['+233240000503', '503 serviceUnavailable', { status: 'retry', reason: 'provider-unavailable', retryAfterMs: 1000 }],
  ['+233240000901', 'connection reset (network error)', { status: 'retry', reason: 'provider-unavailable' }],
  ['+233240000400', '400 validation/formatError', { status: 'abort', reason: 'unexpected-response' }],
  ['+233240000408', '400 businessRule/genericError (another business rule)', { status: 'abort', reason: 'unexpected-response' }],
  ['+233240000200', '200 HTML page', { status: 'abort', reason: 'unexpected-response' }],
  ['+233240000201', '200 accountStatus outside the enum', { status: 'abort', reason: 'unexpected-response' }],
];

for (const auth of AUTHS) {
  for (const [phone, answer, expected] of ROWS) {
    gsmaMapping(`${auth}: ${answer} (${phone}) → ${expected.status} ${expected.reason ?? ''}, credit and debit`, async (context) => {
      for (const intent of INTENTS) assertOutcome(await engine(context, { auth }).check(gsmaRequest(intent, phone)), expected);
    });
  }

  for (const intent of INTENTS) {
    gsmaMapping(`${auth}: available, accountname named (+233240000001), ${intent} → proceed, verified, names`, async (context) => {
      const decision = await engine(context, { auth }).check(gsmaRequest(intent, '+233240000001'));
      assertOutcome(decision, { status: 'proceed' });
      if (decision.status !== 'proceed') return;
      assert.is(decision.verified, true);
      assert.is(decision.createAccount, false);
      assert.equal(decision.account, { phone: '+233240000001', firstName: 'Ama', lastName: 'Serwaa', fullName: 'Ama Serwaa' });
    });
  }

  gsmaMapping(`${auth}: no whole answer in time (+233240000900) → retry timeout`, async (context) => {
    assertOutcome(await engine(context, { auth, http: { timeoutMs: 150 } }).check(gsmaRequest('debit', '+233240000900')), { status: 'retry', reason: 'timeout' });
  });
}

gsmaMapping("the GSMA simulator's own value (+44012345678) → proceed, Jeff Jimmer", async (context) => {
  const decision = await engine(context, { auth: 'basic' }).check(gsmaRequest('credit', '+44012345678'));
  assert.is(decision.status, 'proceed');
  if (decision.status === 'proceed') assert.equal(decision.account, { phone: '+44012345678', firstName: 'Jeff', lastName: 'Jimmer', fullName: 'Jeff Jimmer' });
});

gsmaMapping('identifierType accountid: the account number is the identifier (accountid/2000) → proceed; a phone alone is refused', async (context) => {
  const precheck = engine(context, { gsma: { identifierType: 'accountid' } });
  const decision = await precheck.check({ provider: 'gsma', intent: 'debit', accountNumber: '2000' });
  assert.is(decision.status, 'proceed');
  if (decision.status === 'proceed') assert.equal(decision.account, { accountNumber: '2000', firstName: 'John', lastName: 'Doe', fullName: 'John Alan Doe' });
  assertOutcome(await precheck.check(gsmaRequest('debit', '+233240000001')), { status: 'abort', reason: 'invalid-request' });
});

for (const [phone, why] of [
  ['+233240000002', /accountname has no name/],
  ['+233240000003', /accountname answered HTTP 500 internal\/genericError/],
] as const) {
  gsmaMapping(`available, the name look-up fails (${phone}) → proceed, verified, no names, the trace says why`, async (context) => {
    const decision = await engine(context).check(gsmaRequest('credit', phone));
    assertOutcome(decision, { status: 'proceed' });
    if (decision.status !== 'proceed') return;
    assert.is(decision.verified, true);
    assert.equal(decision.account, { phone });
    assert.match(decision.trace.providerStatus?.description ?? '', why);
  });
}

gsmaMapping('an unavailable account says so in the decision, with its subStatus', async (context) => {
  const decision = await engine(context).check(gsmaRequest('debit', '+233240000005'));
  assert.equal(decision.trace.providerStatus, { code: 'unavailable', description: 'suspended' });
  if (decision.status === 'abort') assert.match(decision.message, /cannot take transactions/);
});

gsmaMapping('fails once (+233240000911), retries: 1 → proceed on the second attempt', async (context) => {
  const decision = await engine(context, { http: { retries: 1, backoffMs: 1 } }).check(gsmaRequest('debit', '+233240000911'));
  assertOutcome(decision, { status: 'proceed' });
  assert.is(decision.attempts, 2);
});

// ─── auth-failed at the token, and at Basic ─────────────────────────────────────────────────────────────────────────

gsmaMapping('token refused (wrong client secret) → abort auth-failed, no look-up sent', async (context) => {
  const { auth } = context.sandbox.providers.gsma;
  if (auth.type !== 'oauth2') throw new Error('the sandbox GSMA uses OAuth');
  const precheck = engine(context, { gsma: { auth: { ...auth, clientSecret: 'not-the-secret' } } });
  const looked = context.sandbox.log.requests.filter((request) => request.path.includes('/accounts/')).length;
  for (const intent of INTENTS) assertOutcome(await precheck.check(gsmaRequest(intent, '+233240000001')), { status: 'abort', reason: 'auth-failed' });
  assert.is(context.sandbox.log.requests.filter((request) => request.path.includes('/accounts/')).length, looked);
});

gsmaMapping('Basic: wrong password → 401 authorisation → abort auth-failed', async (context) => {
  const precheck = engine(context, { auth: 'basic', gsma: { auth: { type: 'basic', username: 'sandbox-gsma-user', password: 'nope-0000' } } });
  assertOutcome(await precheck.check(gsmaRequest('debit', '+233240000001')), { status: 'abort', reason: 'auth-failed' });
});

gsmaMapping('OAuth: 401 after one renewal → exactly one renewal, the look-up asked twice', async (context) => {
  const precheck = engine(context);
  const before = tokenRequests(context.sandbox);
  const status = () => context.sandbox.log.requests.filter((request) => request.path.endsWith('/+233240000401/status')).length;
  const asked = status();
  assertOutcome(await precheck.check(gsmaRequest('credit', '+233240000401')), { status: 'abort', reason: 'auth-failed' });
  assert.is(tokenRequests(context.sandbox) - before, 2);
  assert.is(status() - asked, 2);
});

// ─── service-not-configured: a 404 with no errorObject ──────────────────────────────────────────────────────────────

for (const auth of AUTHS) {
  gsmaMapping(`${auth}: a base URL path that leads nowhere (404 without errorObject) → abort service-not-configured`, async (context) => {
    const precheck = engine(context, { auth, gsma: { baseUrl: `${context.sandbox.gsmaUrl}/simulator/v9/mm` } });
    for (const intent of INTENTS) {
      assertOutcome(await precheck.check(gsmaRequest(intent, '+233240000001')), { status: 'abort', reason: 'service-not-configured' });
    }
  });
}

// ─── base URL with a path ───────────────────────────────────────────────────────────────────────────────────────────

gsmaMapping("a base URL with a path (the simulator's): requests are appended to it, never resolved from the root", async (context) => {
  const precheck = engine(context, { auth: 'basic' });
  const from = context.sandbox.log.requests.length;
  assertOutcome(await precheck.check(gsmaRequest('debit', '+233240000001')), { status: 'proceed' });
  assert.equal(
    context.sandbox.log.requests.slice(from).map((request) => request.path),
    [`${GSMA_SANDBOX_PATHS.basic}/accounts/msisdn/+233240000001/status`, `${GSMA_SANDBOX_PATHS.basic}/accounts/msisdn/+233240000001/accountname`],
  );
});

// ─── tokens ─────────────────────────────────────────────────────────────────────────────────────────────────────────

gsmaMapping('20 concurrent cold checks of different numbers → one token request', async (context) => {
  const precheck = engine(context);
  const before = tokenRequests(context.sandbox);
  const phones = Array.from({ length: 20 }, (_, i) => `+2332400001${String(i).padStart(2, '0')}`);
  const decisions = await Promise.all(phones.map((phone) => precheck.check(gsmaRequest('debit', phone))));
  assert.ok(decisions.every((decision) => decision.status === 'abort' && decision.reason === 'account-not-found'));
  assert.is(tokenRequests(context.sandbox) - before, 1);
});

gsmaMapping('the token is kept until 10 minutes before it expires, then renewed (expires_in: 601 → kept 1 s)', async (context) => {
  const { auth } = context.sandbox.providers.gsma;
  if (auth.type !== 'oauth2') throw new Error('the sandbox GSMA uses OAuth');
  const precheck = engine(context, { gsma: { auth: { ...auth, clientId: SHORT_LIVED_TOKEN_USERS.gsma } }, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const before = tokenRequests(context.sandbox);
  await precheck.check(gsmaRequest('debit', '+233240000001'));
  await precheck.check(gsmaRequest('debit', '+233240000004'));
  assert.is(tokenRequests(context.sandbox) - before, 1);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assertOutcome(await precheck.check(gsmaRequest('debit', '+233240000001')), { status: 'proceed' });
  assert.is(tokenRequests(context.sandbox) - before, 2);
});

gsmaMapping('a token refused on a look-up (401) is renewed once and the look-up asked again → proceed', async (context) => {
  const precheck = engine(context);
  await precheck.check(gsmaRequest('debit', '+233240000001')); // a token is kept
  const before = tokenRequests(context.sandbox);
  const decision = await precheck.check(gsmaRequest('debit', '+233240000402'));
  assertOutcome(decision, { status: 'proceed' });
  if (decision.status === 'proceed') assert.is(decision.account.fullName, 'Kwesi Appiah');
  assert.is(tokenRequests(context.sandbox) - before, 1);
  assert.is(decision.attempts, 1);
});

gsmaMapping.run();
