import * as assert from 'uvu/assert';
import { sandboxSuite } from './support/sandbox-suite.js';
import { createPrecheck, type Decision, type Precheck, type PrecheckOptions } from '../src/index.js';
import { type Sandbox } from '../src/sandbox/index.js';

/** `check(request, { signal })`: aborting the signal ends the check with abort `cancelled`. */
const cancel = sandboxSuite('cancellation through check(…, { signal })');

function engine(context: { sandbox: Sandbox; engines: Precheck[] }, http: PrecheckOptions['http'] = {}): Precheck {
  const precheck = createPrecheck({ providers: context.sandbox.providers, http: { timeoutMs: 300, ...http } });
  context.engines.push(precheck);
  return precheck;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function untilCount(sandbox: Sandbox, count: number) {
  for (let i = 0; i < 200 && sandbox.log.count() < count; i++) await sleep(5);
}

const outcome = (decision: Decision) => ({ status: decision.status, reason: 'reason' in decision ? decision.reason : undefined });

cancel('aborted while the sandbox hangs (timeoutMs 5000) → abort cancelled, well under a second', async (context) => {
  const precheck = engine(context, { timeoutMs: 5000 });
  const controller = new AbortController();
  const before = context.sandbox.log.count();
  const started = performance.now();
  const pending = precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000900' }, { signal: controller.signal });
  await untilCount(context.sandbox, before + 1);
  assert.is(context.sandbox.log.count() - before, 1, 'the lookup never reached the sandbox');
  controller.abort();
  const decision = await pending;
  const ms = performance.now() - started;
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
  assert.is(decision.status === 'abort' && decision.message, 'The check was cancelled by the caller.');
  assert.ok(ms < 1000, `took ${Math.round(ms)} ms`);
});

cancel('aborted while the BEEP sandbox hangs → abort cancelled, with the transactionId', async (context) => {
  const precheck = engine(context, { timeoutMs: 5000 });
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(), 100);
  const decision = await precheck.check(
    { provider: 'beep', intent: 'credit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '900001', transactionId: 'tx-cancel' },
    { signal: controller.signal },
  );
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
  assert.is(decision.transactionId, 'tx-cancel');
  assert.ok(performance.now() - started < 1000);
});

cancel('an already-aborted signal → abort cancelled, and no request is sent', async (context) => {
  const precheck = engine(context);
  const before = context.sandbox.log.count();
  const decision = await precheck.check(
    { provider: 'bmo', intent: 'debit', phone: '+2290197000001' },
    { signal: AbortSignal.abort() },
  );
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
  assert.is(decision.attempts, 0, 'no lookup was started');
  assert.is(decision.transactionId, undefined);
  await sleep(50);
  assert.is(context.sandbox.log.count(), before, 'a request reached the sandbox');
});

cancel('aborted while waiting out a Retry-After between attempts → abort cancelled without the second request', async (context) => {
  const precheck = engine(context, { retries: 1, backoffMs: 1 });
  const controller = new AbortController();
  const before = context.sandbox.log.count();
  const started = performance.now();
  const pending = precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000503' }, { signal: controller.signal });
  await untilCount(context.sandbox, before + 1);
  await sleep(100);
  controller.abort();
  const decision = await pending;
  assert.equal(outcome(decision), { status: 'abort', reason: 'cancelled' });
  assert.ok(performance.now() - started < 900, 'the 1 s Retry-After was waited out');
  await sleep(20);
  assert.is(context.sandbox.log.count() - before, 1);
});

cancel('aborting after the decision changes nothing', async (context) => {
  const precheck = engine(context);
  const controller = new AbortController();
  const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }, { signal: controller.signal });
  controller.abort();
  await sleep(10);
  assert.equal(outcome(decision), { status: 'proceed', reason: undefined });
});

cancel('one caller cancelling does not cancel another identical check in flight', async (context) => {
  const precheck = engine(context, { timeoutMs: 400 });
  const controller = new AbortController();
  const request = { provider: 'bmo', intent: 'debit', phone: '+2290197000900' } as const;
  const cancelled = precheck.check(request, { signal: controller.signal });
  const other = precheck.check(request);
  setTimeout(() => controller.abort(), 50);
  assert.equal(outcome(await cancelled), { status: 'abort', reason: 'cancelled' });
  assert.equal(outcome(await other), { status: 'retry', reason: 'timeout' });
});

cancel.run();
