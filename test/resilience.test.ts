import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

const resilience = suite<{ sandbox: Sandbox }>('resilience through the engine');
resilience.before(async (context) => {
  context.sandbox = await startSandbox();
});
resilience.after(async ({ sandbox }) => sandbox.close());

const bmo = (phone: string, intent: 'credit' | 'debit' = 'debit'): PrecheckRequest => ({ provider: 'bmo', intent, phone });
const beep = (accountNumber: string, serviceCode = 'GH-DSTV'): PrecheckRequest => ({
  provider: 'beep',
  intent: 'debit',
  countryCode: 'GH',
  serviceCode,
  accountNumber,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function engine(sandbox: Sandbox, options: Omit<PrecheckOptions, 'providers'> = {}) {
  return createPrecheck({ providers: sandbox.providers, ...options });
}

/**
 * A check's decision, and how long it took from when its clock started (its first state, `trace.states[0].at`) to its
 * decision: the first check of a process first loads what checks need (src/engine/warm-up.ts), before its clocks start.
 */
async function timed(precheck: Precheck, request: PrecheckRequest): Promise<[Decision, number]> {
  const decision = await precheck.check(request);
  return [decision, Date.now() - decision.trace.states[0].at];
}

resilience('the deadline bounds a check whatever the provider does: hang', async ({ sandbox }) => {
  const precheck = engine(sandbox, { deadlineMs: 300, http: { timeoutMs: 10_000 } });
  const [decision, ms] = await timed(precheck, bmo('+2290197000900'));
  assert.is(decision.status, 'retry');
  assert.is(decision.status === 'retry' && decision.reason, 'timeout');
  assert.ok(ms < 350, `took ${ms} ms`);
  precheck.close();
});

resilience('the deadline bounds retries and their waits', async ({ sandbox }) => {
  const precheck = engine(sandbox, { deadlineMs: 300, breaker: false, http: { timeoutMs: 100, retries: 50, backoffMs: 20 } });
  const [decision, ms] = await timed(precheck, bmo('+2290197000902'));
  assert.is(decision.status, 'retry');
  assert.ok(decision.attempts >= 2, `attempts ${decision.attempts}`);
  assert.ok(ms < 350, `took ${ms} ms`);
});

resilience('a Retry-After that does not fit in the deadline is not waited for', async ({ sandbox }) => {
  const precheck = engine(sandbox, { deadlineMs: 500, http: { retries: 3 } });
  const before = sandbox.log.count('bmo');
  const [decision, ms] = await timed(precheck, bmo('+2290197000503'));
  assert.equal(
    { status: decision.status, reason: 'reason' in decision && decision.reason, attempts: decision.attempts },
    { status: 'retry', reason: 'provider-unavailable', attempts: 1 },
  );
  assert.is(decision.status === 'retry' && decision.retryAfterMs, 1000);
  assert.is(sandbox.log.count('bmo') - before, 1);
  assert.ok(ms < 200, `took ${ms} ms`);
});

resilience('attempts are counted in the decision', async ({ sandbox }) => {
  const precheck = engine(sandbox, { breaker: false, http: { retries: 2, backoffMs: 1 } });
  const failing = await precheck.check(bmo('+2290197000500'));
  assert.is(failing.attempts, 3);
  const invalid = await precheck.check(bmo('not a phone'));
  assert.is(invalid.attempts, 0);
});

resilience('circuit breaker: opens after the threshold, refuses without a request, one probe closes it', async ({ sandbox }) => {
  const precheck = engine(sandbox, { breaker: { failureThreshold: 2, cooldownMs: 200 }, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  await precheck.check(bmo('+2290197000500'));
  assert.equal(precheck.circuits(), { bmo: 'closed' });
  await precheck.check(bmo('+2290197000502'));
  assert.equal(precheck.circuits(), { bmo: 'open' });

  const before = sandbox.log.count('bmo');
  const [refused, ms] = await timed(precheck, bmo('+2290197000001'));
  assert.is(refused.status, 'retry');
  assert.is(refused.status === 'retry' && refused.reason, 'provider-unavailable');
  assert.ok(refused.status === 'retry' && refused.retryAfterMs! > 0 && refused.retryAfterMs! <= 200);
  assert.is(refused.attempts, 1);
  assert.is(sandbox.log.count('bmo'), before, 'no request while open');
  assert.ok(ms < 50, `took ${ms} ms`);

  await sleep(250);
  assert.equal(precheck.circuits(), { bmo: 'halfOpen' });
  const probe = await precheck.check(bmo('+2290197000001'));
  assert.is(probe.status, 'proceed');
  assert.equal(precheck.circuits(), { bmo: 'closed' });
  precheck.close();
});

resilience('circuit breaker: a failed probe opens the circuit again', async ({ sandbox }) => {
  const precheck = engine(sandbox, { breaker: { failureThreshold: 1, cooldownMs: 50 } });
  await precheck.check(bmo('+2290197000500'));
  assert.equal(precheck.circuits(), { bmo: 'open' });
  await sleep(80);
  await precheck.check(bmo('+2290197000500'));
  assert.equal(precheck.circuits(), { bmo: 'open' });
  precheck.close();
});

resilience('circuits are per provider: BEEP failing does not stop B-MO', async ({ sandbox }) => {
  const precheck = engine(sandbox, { breaker: { failureThreshold: 1, cooldownMs: 10_000 } });
  await precheck.check(beep('500001'));
  const decision = await precheck.check(bmo('+2290197000001'));
  assert.is(decision.status, 'proceed');
  assert.equal(precheck.circuits(), { beep: 'open', bmo: 'closed' });
  precheck.close();
});

resilience('single flight: 1,000 concurrent identical checks send one request', async ({ sandbox }) => {
  const precheck = engine(sandbox, { cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const before = sandbox.log.count('bmo');
  const decisions = await Promise.all(Array.from({ length: 1000 }, () => precheck.check(bmo('+2290197000001'))));
  assert.is(sandbox.log.count('bmo') - before, 1);
  assert.ok(decisions.every((decision) => decision.status === 'proceed'));
  assert.is(new Set(decisions.map((decision) => decision.transactionId)).size, 1000, 'each check keeps its own id');
});

resilience('single flight: one caller cancelling does not cancel the others', async ({ sandbox }) => {
  const precheck = engine(sandbox, { http: { timeoutMs: 300 } });
  const controller = new AbortController();
  const cancelled = precheck.check(bmo('+2290197000902'), { signal: controller.signal });
  const waiting = precheck.check(bmo('+2290197000902'));
  controller.abort();
  const [first, second] = await Promise.all([cancelled, waiting]);
  assert.is(first.status === 'abort' && first.reason, 'cancelled');
  assert.is(second.status === 'retry' && second.reason, 'timeout');
});

resilience('cache: found and not-found are reused; failures and auth errors are not', async ({ sandbox }) => {
  const precheck = engine(sandbox, { breaker: false, cache: { ttlMs: 10_000, notFoundTtlMs: 60 } });
  const count = () => sandbox.log.count('bmo');
  let before = count();
  await precheck.check(bmo('+2290197000001'));
  await precheck.check(bmo('+2290197000001', 'credit'));
  assert.is(count() - before, 1, 'found is cached, whatever the intent');

  before = count();
  await precheck.check(bmo('+2290197000404'));
  await precheck.check(bmo('+2290197000404'));
  assert.is(count() - before, 1, 'not-found is cached');
  await sleep(80);
  await precheck.check(bmo('+2290197000404'));
  assert.is(count() - before, 2, 'not-found expires on its own, shorter ttl');

  before = count();
  await precheck.check(bmo('+2290197000500'));
  await precheck.check(bmo('+2290197000500'));
  await precheck.check(bmo('+2290197000403'));
  await precheck.check(bmo('+2290197000403'));
  assert.is(count() - before, 4, 'failures and refusals are asked again');
});

resilience('invalidate drops a cached answer', async ({ sandbox }) => {
  const precheck = engine(sandbox);
  const before = sandbox.log.count('bmo');
  await precheck.check(bmo('+2290197000404', 'credit'));
  assert.ok(await precheck.invalidate(bmo('+229 01 97 00 04 04', 'credit')), 'normalised to the same key');
  await precheck.check(bmo('+2290197000404', 'credit'));
  assert.is(sandbox.log.count('bmo') - before, 2);
  assert.is(await precheck.invalidate(bmo('nonsense')), false);
});

resilience('bulkhead: a full queue answers retry at once, without a request', async ({ sandbox }) => {
  const precheck = engine(sandbox, { maxConcurrency: 1, maxQueue: 1, breaker: false, http: { timeoutMs: 200 } });
  const hanging = ['S1', 'S2'].map((service) => precheck.check(beep('900001', service)));
  await sleep(20);
  const before = sandbox.log.count('beep');
  const [refused, ms] = await timed(precheck, beep('900001', 'S3'));
  assert.is(refused.status === 'retry' && refused.reason, 'provider-unavailable');
  assert.match(refused.status === 'retry' ? refused.message : '', 'waiting');
  assert.ok(ms < 50, `took ${ms} ms`);
  assert.is(sandbox.log.count('beep'), before);
  const [first, second] = await Promise.all(hanging);
  assert.is(first.status === 'retry' && first.reason, 'timeout');
  assert.is(second.status === 'retry' && second.reason, 'timeout', 'the queued check timed out too: its wait counts');
});

resilience.run();
