import * as assert from 'uvu/assert';
import { sandboxSuite } from './support/sandbox-suite.js';
import { createActor, waitFor, type InspectionEvent } from 'xstate';
import { createPrecheck, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { BEEP_TRIGGERS, BMO_TRIGGERS, GSMA_TRIGGERS, MTN_TRIGGERS, SANDBOX_CREDENTIALS, type Sandbox } from '../src/sandbox/index.js';
import { withWrongCredentials } from '../src/sandbox/wrong-credentials.js';

/** No credential in any decision, message, inspection snapshot or console output, whatever the provider answers. */
const secrets = sandboxSuite('credentials never leak');

const SECRETS = ['sandbox-api-key', 'sandbox-api-secret', 'sandboxpassword!'];
/** Wrong credentials the engine is given in some checks: they must not leak either. */
const WRONG = { apiKey: 'wrong-api-key-0b1e', apiSecret: 'wrong-api-secret-9d2c', password: 'wrong-password-4f7a' };
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
const { 'mtn-momo': MTN, gsma: GSMA } = SANDBOX_CREDENTIALS;
/** MTN's API key and subscription keys, GSMA's API key, password and client secret, and each Basic pair as sent. */
const TOKEN_PROVIDER_SECRETS = [
  MTN.apiKey,
  MTN.subscriptionKeys.collection,
  MTN.subscriptionKeys.disbursement,
  basic(MTN.apiUser, MTN.apiKey),
  GSMA.apiKey,
  GSMA.basic.password,
  basic(GSMA.basic.username, GSMA.basic.password),
  GSMA.oauth2.clientSecret,
  basic(GSMA.oauth2.clientId, GSMA.oauth2.clientSecret),
  'wrong-mtn-api-key',
  'wrong-client-secret',
];
const ALL_SECRETS = [...SECRETS, ...Object.values(WRONG), ...TOKEN_PROVIDER_SECRETS];
/** The access tokens the sandbox issued during the suite: live credentials, to be found nowhere either. */
let issuedTokens: readonly string[] = [];

/** Everything written to the console and to stdout/stderr while `work` runs (not passed through). */
async function captureOutput<T>(work: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : safeJson(arg))).join(' '));
  };
  const saved = {
    log: console.log,
    error: console.error,
    warn: console.warn,
    info: console.info,
    debug: console.debug,
    trace: console.trace,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
  };
  console.log = console.error = console.warn = console.info = console.debug = console.trace = record;
  const writer = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = writer as typeof process.stdout.write;
  process.stderr.write = writer as typeof process.stderr.write;
  try {
    const result = await work();
    return { result, output: chunks.join('\n') };
  } finally {
    Object.assign(console, { log: saved.log, error: saved.error, warn: saved.warn, info: saved.info, debug: saved.debug, trace: saved.trace });
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function assertClean(text: string, what: string) {
  for (const secret of [...ALL_SECRETS, ...issuedTokens]) assert.not.ok(text.includes(secret), `${what} contains "${secret}"`);
}

const bmoRequests = (): PrecheckRequest[] =>
  BMO_TRIGGERS.flatMap((trigger) => [
    { provider: 'bmo', intent: 'debit', phone: trigger.value },
    { provider: 'bmo', intent: 'credit', phone: trigger.value },
    { provider: 'bmo', intent: 'credit', phone: trigger.value, names: { firstName: 'Afi', lastName: 'Agbo' } },
  ]);
const beepRequests = (): PrecheckRequest[] =>
  BEEP_TRIGGERS.flatMap((trigger) =>
    (['credit', 'debit'] as const).map((intent) => ({
      provider: 'beep',
      intent,
      countryCode: 'GH',
      serviceCode: 'GH-DSTV',
      accountNumber: trigger.value,
      phone: '+233241234567',
    })),
  );

const mtnRequests = (): PrecheckRequest[] =>
  MTN_TRIGGERS.flatMap((trigger) => (['credit', 'debit'] as const).map((intent) => ({ provider: 'mtn-momo', intent, phone: trigger.value })));
const gsmaRequests = (): PrecheckRequest[] =>
  GSMA_TRIGGERS.filter((trigger) => trigger.value.startsWith('msisdn/')).flatMap((trigger) =>
    (['credit', 'debit'] as const).map((intent) => ({ provider: 'gsma', intent, phone: trigger.value.slice('msisdn/'.length) })),
  );

function engine(context: { sandbox: Sandbox; engines: Precheck[] }, options: Omit<PrecheckOptions, 'http'>, timeoutMs = 1500): Precheck {
  const precheck = createPrecheck({ http: { timeoutMs }, breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 }, ...options });
  context.engines.push(precheck);
  return precheck;
}

secrets('the test uses the sandbox credentials it means to look for', ({ sandbox }) => {
  assert.equal(SECRETS, [SANDBOX_CREDENTIALS.bmo.apiKey, SANDBOX_CREDENTIALS.bmo.apiSecret, SANDBOX_CREDENTIALS.beep.password]);
  assert.equal(sandbox.providers.bmo.apiSecret, 'sandbox-api-secret');
});

secrets('the capture itself works (so a silent result means nothing was written)', async () => {
  const { output } = await captureOutput(async () => {
    console.log('marker-log', { key: 'marker-object' });
    console.error('marker-error');
    process.stdout.write('marker-stdout');
  });
  for (const marker of ['marker-log', 'marker-object', 'marker-error', 'marker-stdout']) assert.ok(output.includes(marker), marker);
});

secrets('every B-MO and BEEP trigger, valid credentials: decisions, messages, inspection and output are clean', async (context) => {
  const snapshots: string[] = [];
  const inspect = (event: InspectionEvent) => {
    if (event.type === '@xstate.snapshot') snapshots.push(safeJson((event.snapshot as { context?: unknown }).context));
  };
  const precheck = engine(context, { providers: context.sandbox.providers, inspect });
  const requests = [...bmoRequests(), ...beepRequests()];
  const before = context.sandbox.log.count();
  const { result: decisions, output } = await captureOutput(() => Promise.all(requests.map((request) => precheck.check(request))));

  assert.is(decisions.length, requests.length);
  assert.ok(context.sandbox.log.count() - before >= BMO_TRIGGERS.length + BEEP_TRIGGERS.length, 'the triggers did not reach the sandbox');
  // The run really covers the interesting outcomes.
  const seen = new Set(decisions.map((decision) => `${decision.status} ${'reason' in decision ? decision.reason : ''}`.trim()));
  for (const expected of [
    'proceed',
    'needs-names',
    'abort account-not-found',
    'abort auth-failed',
    'abort unexpected-response',
    'abort validation-unavailable',
    'abort service-not-configured',
    'retry provider-unavailable',
    'retry rate-limited',
    'retry timeout',
  ]) {
    assert.ok(seen.has(expected), `no "${expected}" among ${[...seen].join(', ')}`);
  }
  for (const decision of decisions) {
    assertClean(JSON.stringify(decision), `decision ${decision.status}`);
    if ('message' in decision) assertClean(decision.message, 'message');
  }
  assert.ok(snapshots.length > 0, 'no inspection snapshot was seen');
  assertClean(snapshots.join('\n'), 'an inspection snapshot');
  assertClean(output, 'console output');
});

secrets('every MTN MoMo and GSMA trigger (Basic and OAuth): no key, secret, Basic pair or live token anywhere', async (context) => {
  const snapshots: string[] = [];
  const inspect = (event: InspectionEvent) => {
    if (event.type === '@xstate.snapshot') snapshots.push(safeJson((event.snapshot as { context?: unknown }).context));
  };
  // A bound the answering triggers never reach on a busy machine (a token request and two look-ups per check).
  const oauth = engine(context, { providers: context.sandbox.providers, inspect }, 2000);
  const basicAuth = engine(context, { providers: { gsma: context.sandbox.gsmaBasic }, inspect }, 2000);
  const before = context.sandbox.tokensIssued.length;
  const { result: decisions, output } = await captureOutput(() =>
    Promise.all([
      ...[...mtnRequests(), ...gsmaRequests()].map((request) => oauth.check(request)),
      ...gsmaRequests().map((request) => basicAuth.check(request)),
    ]),
  );
  issuedTokens = [...context.sandbox.tokensIssued];
  assert.ok(issuedTokens.length - before >= 3, 'tokens were issued (MTN collection and disbursement, GSMA)');
  const seen = new Set(decisions.map((decision) => `${decision.status} ${'reason' in decision ? decision.reason : ''}`.trim()));
  for (const expected of ['proceed', 'abort account-not-found', 'abort account-inactive', 'abort auth-failed', 'abort unexpected-response', 'retry provider-unavailable']) {
    assert.ok(seen.has(expected), `no "${expected}" among ${[...seen].join(', ')}`);
  }
  // The triggers that quote the request's Authorization header and keys back were redacted, not dropped.
  const echoed = decisions.filter((decision) => JSON.stringify(decision).includes('[redacted]'));
  assert.ok(echoed.length >= 3, `the echo triggers came back redacted: ${JSON.stringify(decisions.filter((d) => d.provider !== 'bmo' && JSON.stringify(d).includes('777')).map((d) => d.trace.providerStatus))}`);
  for (const decision of decisions) {
    assertClean(JSON.stringify(decision), `decision ${decision.provider} ${decision.status}`);
    if ('message' in decision) assertClean(decision.message, 'message');
  }
  assertClean(snapshots.join('\n'), 'an inspection snapshot');
  assertClean(output, 'console output');
});

secrets('a persisted MTN MoMo check (waiting for confirmation) carries no key and no token', async (context) => {
  const precheck = engine(context, { providers: context.sandbox.providers });
  const actor = createActor(precheck.machine, { input: { provider: 'mtn-momo', intent: 'debit', phone: '+2290196000001', confirmPayee: true } }).start();
  try {
    await waitFor(actor, (snapshot) => snapshot.matches('awaitingConfirmation'), { timeout: 2000 });
    issuedTokens = [...context.sandbox.tokensIssued];
    const persisted = JSON.stringify(precheck.persist(actor));
    assert.ok(persisted.includes('Adjoa Mensah'));
    assertClean(persisted, 'the persisted snapshot');
  } finally {
    actor.stop();
  }
});

secrets('wrong MTN MoMo and GSMA credentials: auth-failed, and neither the wrong nor the right ones leak', async (context) => {
  const { 'mtn-momo': mtn, gsma } = withWrongCredentials(context.sandbox.providers);
  const precheck = engine(context, { providers: { 'mtn-momo': mtn, gsma } }, 2000);
  const { result: decisions, output } = await captureOutput(() =>
    Promise.all([...mtnRequests(), ...gsmaRequests()].map((request) => precheck.check(request))),
  );
  for (const decision of decisions) {
    assert.equal({ status: decision.status, reason: 'reason' in decision ? decision.reason : undefined }, { status: 'abort', reason: 'auth-failed' });
    assertClean(JSON.stringify(decision), 'an auth-failed decision');
  }
  assertClean(output, 'console output');
});

secrets('wrong credentials (B-MO 401, BEEP 132): auth-failed, and neither the wrong nor the right ones leak', async (context) => {
  const { bmo, beep } = context.sandbox.providers;
  const precheck = engine(context, {
    providers: { bmo: { ...bmo, apiKey: WRONG.apiKey, apiSecret: WRONG.apiSecret }, beep: { ...beep, password: WRONG.password } },
  });
  const requests: PrecheckRequest[] = [
    { provider: 'bmo', intent: 'debit', phone: '+2290197000001' },
    { provider: 'bmo', intent: 'credit', phone: '+2290197000404' },
    { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' },
    { provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '306001' },
  ];
  const { result: decisions, output } = await captureOutput(() => Promise.all(requests.map((request) => precheck.check(request))));
  for (const decision of decisions) {
    assert.equal({ status: decision.status, reason: 'reason' in decision ? decision.reason : undefined }, { status: 'abort', reason: 'auth-failed' });
    assertClean(JSON.stringify(decision), 'an auth-failed decision');
  }
  assertClean(output, 'console output');
});

secrets('wrong credentials across every trigger: nothing leaks whatever the answer', async (context) => {
  const { bmo, beep } = context.sandbox.providers;
  const precheck = engine(context, {
    providers: { bmo: { ...bmo, apiSecret: WRONG.apiSecret }, beep: { ...beep, password: WRONG.password } },
  });
  const requests = [...bmoRequests(), ...beepRequests()];
  const { result: decisions, output } = await captureOutput(() => Promise.all(requests.map((request) => precheck.check(request))));
  // The sandbox checks credentials first: every request that reached it is refused.
  for (const decision of decisions) {
    assert.equal({ status: decision.status, reason: 'reason' in decision ? decision.reason : undefined }, { status: 'abort', reason: 'auth-failed' });
    assertClean(JSON.stringify(decision), 'a decision');
  }
  assertClean(output, 'console output');
});

secrets('a persisted check (waiting for names) carries no credential', async (context) => {
  const precheck = engine(context, { providers: context.sandbox.providers });
  const actor = createActor(precheck.machine, { input: { provider: 'bmo', intent: 'credit', phone: '+2290197000404' } }).start();
  try {
    await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
    const persisted = JSON.stringify(precheck.persist(actor));
    assert.ok(persisted.includes('+2290197000404'));
    assertClean(persisted, 'the persisted snapshot');
  } finally {
    actor.stop();
  }
});

secrets.run();
