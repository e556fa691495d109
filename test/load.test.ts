import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type PrecheckRequest } from '../src/index.js';
import { startSandboxProcess } from './support/sandbox-process.js';

const CHECKS = Number(process.env.LOAD_CHECKS ?? 10_000);
const CONCURRENCY = 200;
const FAULTS = ['+2290197000500', '+2290197000901', '+2290197000200', '+2290197000429'];

/** The same deterministic mix each run: 5 % faults, the rest over 300 customers (found and not found). */
function requestNumber(i: number): PrecheckRequest {
  const intent = i % 2 === 0 ? 'credit' : 'debit';
  if (i % 20 === 7) return { provider: 'bmo', intent, phone: FAULTS[Math.floor(i / 20) % FAULTS.length], transactionId: `load-${i}` };
  if (i % 5 === 0) {
    const account = String(307001 + (i % 3) * 1000);
    return { provider: 'beep', intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: account, transactionId: `load-${i}` };
  }
  const phone = `+22901960${String(i % 300).padStart(5, '0')}`;
  return { provider: 'bmo', intent, phone, names: { firstName: 'Load', lastName: 'Test' }, transactionId: `load-${i}` };
}

async function runLoad(cacheOn: boolean) {
  const sandbox = await startSandboxProcess();
  const before = await sandbox.requests();
  const precheck = createPrecheck({
    providers: sandbox.providers,
    http: { timeoutMs: 5000 },
    cache: cacheOn ? { ttlMs: 60_000, notFoundTtlMs: 60_000 } : { ttlMs: 0, notFoundTtlMs: 0 },
    singleFlight: cacheOn,
    breaker: false,
    maxConcurrency: 64,
    maxQueue: CHECKS,
  });
  const decisions: Decision[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < CHECKS) {
      const i = next++;
      decisions.push(await precheck.check(requestNumber(i)));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const upstream = (await sandbox.requests()) - before;
  await sandbox.close();
  return { decisions, upstream, seconds };
}

test(`load: ${CHECKS} checks at concurrency ${CONCURRENCY} with 5 % faults, single flight and cache on vs off`, async () => {
  const on = await runLoad(true);
  const off = await runLoad(false);
  for (const { decisions } of [on, off]) {
    assert.is(decisions.length, CHECKS, 'no decision lost');
    const ids = new Set(decisions.map((decision) => decision.transactionId));
    assert.is(ids.size, CHECKS, 'no decision duplicated');
    const faulty = decisions.filter((decision) => decision.status === 'retry' || (decision.status === 'abort' && decision.reason === 'unexpected-response'));
    const unexpected = faulty.filter((decision) => !FAULTS.some((phone) => decision.status !== 'proceed' && decision.transactionId && requestNumber(Number(decision.transactionId.slice(5))).phone === phone));
    assert.equal(unexpected, [], 'only the injected faults fail');
    assert.is(faulty.length, CHECKS / 20, 'exactly the injected faults fail');
  }
  assert.ok(on.upstream < off.upstream, 'cache and single flight save requests');
  assert.is(off.upstream, CHECKS, 'without cache and single flight, every check is one request');
  const line =
    `load figures: ${CHECKS} checks, concurrency ${CONCURRENCY}: ` +
    `cache+single-flight on: ${on.upstream} upstream requests, ${Math.round(CHECKS / on.seconds)} checks/s; ` +
    `off: ${off.upstream} upstream requests, ${Math.round(CHECKS / off.seconds)} checks/s; ` +
    `ratio ${(off.upstream / on.upstream).toFixed(1)}x fewer requests`;
  console.log(line);
});

test.run();
