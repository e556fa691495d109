import { randomUUID } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckStatus, Decision, PrecheckRequest } from '../src/index.js';
import { startFleetProcess, type FleetProcess } from './support/resume-process.js';
import { redisOrSkip, removeKeys, REDIS_URL, testPrefix } from './support/redis.js';
import { startSandboxProcess } from './support/sandbox-process.js';
import { reasonOf } from './support/outcome.js';

type Sandbox = Awaited<ReturnType<typeof startSandboxProcess>>;
interface Context {
  sandbox: Sandbox;
  prefix: string;
  processes: FleetProcess[];
}

const fleet = suite<Context>('durable checks across OS processes (Redis)');
const admin = await redisOrSkip('durable checks across OS processes');
const available = admin !== undefined;

fleet.before(async (context) => {
  context.sandbox = await startSandboxProcess();
  context.prefix = testPrefix('resume');
  context.processes = [];
});
fleet.after(async ({ sandbox, prefix, processes }) => {
  await Promise.all(processes.map((instance) => instance.close()));
  await sandbox.close();
  if (admin) {
    await removeKeys(admin, prefix);
    admin.destroy();
  }
});

async function instance(context: Context, options: Record<string, unknown> = {}) {
  const started = await startFleetProcess({
    REDIS_URL,
    PRECHECK_TEST_PREFIX: context.prefix,
    PRECHECK_TEST_PROVIDERS: JSON.stringify(context.sandbox.providers),
    PRECHECK_TEST_OPTIONS: JSON.stringify(options),
  });
  context.processes.push(started);
  return started;
}

let phones = 0;
/** A credit to a customer B-MO does not know: it pauses for names. */
const unknownCustomer = (): PrecheckRequest & { transactionId: string } => ({
  provider: 'bmo',
  intent: 'credit',
  phone: `+2290197${String(600_000 + (phones++ % 400_000)).padStart(6, '0')}`,
  transactionId: `fleet-${randomUUID()}`,
});
const names = { type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' };

if (available) {
  fleet('pause on process A, resume on process B', async (context) => {
    const [a, b] = [await instance(context), await instance(context)];
    const request = unknownCustomer();
    const paused = await a.call<Decision>('check', request);
    assert.is(paused.status, 'needs-names');
    const status = await b.call<CheckStatus>('status', paused.checkId);
    assert.is(status.state === 'paused' && status.waitingFor, 'names');
    const decision = await b.call<Decision>('resume', paused.checkId, names);
    assert.is(decision.status, 'proceed');
    assert.is(decision.transactionId, request.transactionId);
    assert.equal(await a.call<CheckStatus>('status', paused.checkId), { checkId: paused.checkId, state: 'decided', decision });
  });

  fleet('the same check resumed at once from two processes: one continuation, the same decision for both', async (context) => {
    const [a, b] = [await instance(context), await instance(context)];
    const runs = 20;
    const paused = await a.call<Decision[]>('checkMany', Array.from({ length: runs }, unknownCustomer));
    const before = (await a.call<number>('continuations')) + (await b.call<number>('continuations'));
    for (const { checkId } of paused) {
      const [fromA, fromB] = await Promise.all([a.call<Decision>('resume', checkId, names), b.call<Decision>('resume', checkId, names)]);
      assert.equal(fromA, fromB);
      assert.is(fromA.status, 'proceed');
    }
    const after = (await a.call<number>('continuations')) + (await b.call<number>('continuations'));
    assert.is(after - before, runs, `${after - before} continuations for ${runs} checks`);
  });

  fleet('SIGKILL a process holding 500 paused checks: all 500 resume correctly on another', async (context) => {
    const doomed = await instance(context, { storeTimeoutMs: 5000 });
    const requests = Array.from({ length: 500 }, unknownCustomer);
    const paused = await doomed.call<Decision[]>('checkMany', requests);
    assert.ok(paused.every((decision) => decision.status === 'needs-names' && decision.checkId));
    await doomed.kill();
    const survivor = await instance(context);
    const decisions = await survivor.call<Decision[]>(
      'resumeMany',
      paused.map((decision) => decision.checkId),
      names,
    );
    decisions.forEach((decision, i) => {
      assert.is(decision.status, 'proceed', `check ${i}: ${decision.status} ${reasonOf(decision) ?? ''}`);
      assert.is(decision.transactionId, requests[i].transactionId);
    });
  });

  fleet('500 concurrent resume() calls in one process against a healthy Redis all continue', async (context) => {
    // The set-up pauses in a process of its own, with a generous bound: the rule is about the resumes.
    const pauser = await instance(context, { storeTimeoutMs: 5000 });
    const paused = await pauser.call<Decision[]>('checkMany', Array.from({ length: 500 }, unknownCustomer));
    assert.ok(paused.every((decision) => decision.checkId), 'every check paused with a checkId');
    const one = await instance(context);
    const decisions = await one.call<Decision[]>(
      'resumeMany',
      paused.map((decision) => decision.checkId),
      names,
    );
    const unavailable = decisions.filter((decision) => reasonOf(decision) === 'store-unavailable');
    const why = [...new Set(unavailable.map((decision) => ('message' in decision ? decision.message : '')))].join(' | ');
    assert.is(unavailable.length, 0, `${unavailable.length} of 500 answered store-unavailable: ${why}`);
    const other = decisions.find((decision) => decision.status !== 'proceed');
    assert.is(other, undefined, `a resume answered ${other?.status} ${other && reasonOf(other)}: ${other && 'message' in other ? other.message : ''}`);
  });

  fleet('a resume after expiry, on a process that never saw the check, answers names-required', async (context) => {
    const pauser = await instance(context, { namesTimeoutMs: 300 });
    const paused = await pauser.call<Decision>('check', unknownCustomer());
    await pauser.kill();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stranger = await instance(context);
    const decision = await stranger.call<Decision>('resume', paused.checkId, names);
    assert.is(decision.status, 'abort');
    assert.is(reasonOf(decision), 'names-required');
    assert.equal(await stranger.call<CheckStatus>('status', paused.checkId), { checkId: paused.checkId, state: 'decided', decision });
  });
}

fleet('Redis gone: a pause and resume() answer retry store-unavailable at once, nothing rejects; the error is told once', async (context) => {
  // A real client against a port where no Redis listens: the failure a dead or restarting server gives.
  const { createPrecheck } = await import('../src/index.js');
  const { redisStore } = await import('../src/redis/index.js');
  const errors: Error[] = [];
  const store = redisStore({ url: 'redis://127.0.0.1:1', onError: (error) => errors.push(error) });
  const precheck = createPrecheck({ providers: context.sandbox.providers, store });
  try {
    const started = Date.now();
    const paused = await precheck.check(unknownCustomer());
    // Never a paused decision without checkId: nobody could continue it.
    assert.is(paused.status, 'retry');
    assert.is(reasonOf(paused), 'store-unavailable');
    assert.is(paused.checkId, undefined);
    const resumed = await precheck.resume('chk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', names as never);
    assert.is(resumed.status, 'retry');
    assert.is(reasonOf(resumed), 'store-unavailable');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.is(errors.length, 1, `onError calls: ${errors.map((error) => error.message).join('; ')}`);
    assert.match(errors[0].message, /ECONNREFUSED/);
  } finally {
    await precheck.close();
    await store.close();
  }
});

fleet.run();
