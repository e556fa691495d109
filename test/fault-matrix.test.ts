import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { describeOutcome, FAULTS, reliabilityPage, SETTINGS, type Fault } from './support/fault-matrix.js';

const BOUND_MS = SETTINGS.deadlineMs + 50;

function request(provider: 'bmo' | 'beep', intent: 'credit' | 'debit', fault: Fault): PrecheckRequest {
  return provider === 'bmo'
    ? { provider, intent, phone: fault.bmo }
    : { provider, intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: fault.beep };
}

const describe = (decision: Decision) =>
  describeOutcome({
    status: decision.status,
    reason: 'reason' in decision ? decision.reason : undefined,
    retryAfterMs: decision.status === 'retry' ? decision.retryAfterMs : undefined,
  });

const countResources = () => {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
};

test('every fault × provider × intent is decided as documented, within the deadline, leaving nothing behind', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const before = countResources();

  const sandbox: Sandbox = await startSandbox();
  const failures: string[] = [];
  try {
    for (const fault of FAULTS) {
      for (const provider of ['bmo', 'beep'] as const) {
        for (const intent of ['credit', 'debit'] as const) {
          const providers = fault.refused
            ? { [provider]: { ...sandbox.providers[provider], baseUrl: sandbox.refusedUrl } }
            : sandbox.providers;
          const precheck = createPrecheck({ providers, ...SETTINGS, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
          const started = performance.now();
          const decision = await precheck.check(request(provider, intent, fault));
          const ms = performance.now() - started;
          const expected = describeOutcome(fault.expect);
          const actual = describe(decision);
          if (actual !== expected) failures.push(`${fault.name} ${provider} ${intent}: ${actual}, expected ${expected}`);
          if (ms > BOUND_MS) failures.push(`${fault.name} ${provider} ${intent}: took ${Math.round(ms)} ms`);
        }
      }
    }
  } finally {
    await sandbox.close();
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);

  assert.equal(failures, []);
  assert.equal(unhandled, []);
  const after = countResources();
  for (const kind of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']) {
    assert.ok((after[kind] ?? 0) <= (before[kind] ?? 0), `${kind} left behind: ${after[kind]} > ${before[kind] ?? 0}`);
  }
});

test('docs/reliability.md is the matrix this test requires (npm run docs writes it; the test only reads it)', async () => {
  assert.fixture(await readFile(new URL('../docs/reliability.md', import.meta.url), 'utf8'), reliabilityPage());
});

test.run();
