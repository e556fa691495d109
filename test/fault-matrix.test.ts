import { writeFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { HOSTILE_REVIEW } from './support/hostile-review.js';

/** Engine settings of the matrix: short bounds so hangs resolve quickly; retries on. */
const SETTINGS = { deadlineMs: 1000, http: { timeoutMs: 200, retries: 2, backoffMs: 5 }, breaker: false } as const;
const BOUND_MS = SETTINGS.deadlineMs + 50;

interface Fault {
  name: string;
  bmo: string;
  beep: string;
  /** Point the engine at a port where nothing listens. */
  refused?: boolean;
  expect: { status: Decision['status']; reason?: string; retryAfterMs?: number };
}

const FAULTS: Fault[] = [
  { name: 'connection refused', bmo: '+2290197000001', beep: '307001', refused: true, expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: 'connection reset mid-body', bmo: '+2290197000901', beep: '901001', expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: 'no answer (hang)', bmo: '+2290197000900', beep: '900001', expect: { status: 'retry', reason: 'timeout' } },
  { name: 'slow drip body', bmo: '+2290197000902', beep: '902001', expect: { status: 'retry', reason: 'timeout' } },
  { name: '500 HTML page', bmo: '+2290197000500', beep: '500001', expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: '502 gateway page', bmo: '+2290197000502', beep: '502001', expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: '503 + Retry-After: 1', bmo: '+2290197000503', beep: '503001', expect: { status: 'retry', reason: 'provider-unavailable', retryAfterMs: 1000 } },
  { name: '429 + Retry-After: 1', bmo: '+2290197000429', beep: '429001', expect: { status: 'retry', reason: 'rate-limited', retryAfterMs: 1000 } },
  { name: '200 garbage (HTML)', bmo: '+2290197000200', beep: '200900', expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: '200 wrong shape', bmo: '+2290197000202', beep: '200901', expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: '200 truncated JSON', bmo: '+2290197000201', beep: '200902', expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: '200 gzip,gzip bomb (→ 1 GiB)', bmo: '+2290197000903', beep: '903001', expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: '200 br bomb (→ 256 MiB)', bmo: '+2290197000904', beep: '904001', expect: { status: 'abort', reason: 'unexpected-response' } },
  { name: '503 gzip,gzip bomb', bmo: '+2290197000905', beep: '905001', expect: { status: 'retry', reason: 'provider-unavailable' } },
  { name: 'fails twice, then succeeds', bmo: '+2290197000912', beep: '110002', expect: { status: 'proceed' } },
];

function request(provider: 'bmo' | 'beep', intent: 'credit' | 'debit', fault: Fault): PrecheckRequest {
  return provider === 'bmo'
    ? { provider, intent, phone: fault.bmo }
    : { provider, intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: fault.beep };
}

const describe = (decision: Decision) =>
  [decision.status, 'reason' in decision ? decision.reason : undefined, decision.status === 'retry' ? decision.retryAfterMs : undefined]
    .filter((part) => part !== undefined)
    .join(' ');

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
  const rows: string[] = [];
  const failures: string[] = [];
  try {
    for (const fault of FAULTS) {
      const cells: string[] = [];
      for (const provider of ['bmo', 'beep'] as const) {
        for (const intent of ['credit', 'debit'] as const) {
          const providers = fault.refused
            ? { [provider]: { ...sandbox.providers[provider], baseUrl: sandbox.refusedUrl } }
            : sandbox.providers;
          const precheck = createPrecheck({ providers, ...SETTINGS, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
          const started = performance.now();
          const decision = await precheck.check(request(provider, intent, fault));
          const ms = performance.now() - started;
          const expected = describe({ provider, intent, attempts: 0, message: '', ...fault.expect } as Decision);
          const actual = describe(decision);
          if (actual !== expected) failures.push(`${fault.name} ${provider} ${intent}: ${actual}, expected ${expected}`);
          if (ms > BOUND_MS) failures.push(`${fault.name} ${provider} ${intent}: took ${Math.round(ms)} ms`);
          cells.push(`${actual}${ms <= BOUND_MS ? '' : ' (late)'}`);
        }
      }
      rows.push(`| ${fault.name} | ${cells.join(' | ')} |`);
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

  writeFileSync(
    new URL('../docs/reliability.md', import.meta.url),
    [
      '# Reliability: the fault matrix',
      '',
      'Generated by `test/fault-matrix.test.ts` (part of `npm test`), against the sandbox over real HTTP. Do not edit.',
      '',
      `Engine: \`deadlineMs: ${SETTINGS.deadlineMs}\`, \`http: { timeoutMs: ${SETTINGS.http.timeoutMs}, retries: ${SETTINGS.http.retries}, backoffMs: ${SETTINGS.http.backoffMs} }\`, cache and breaker off.`,
      `Every cell: the decision (status, reason, \`retryAfterMs\`), reached within \`deadlineMs + 50 ms\`, with no unhandled`,
      'rejection and no socket, server or timer left active afterwards (`process.getActiveResourcesInfo()`).',
      '',
      '| fault | B-MO credit | B-MO debit | BEEP credit | BEEP debit |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      '## Hostile review',
      '',
      'The findings of an attacker\'s and a careless operator\'s review (issue 10), each reproduced by a test, and the rule that now holds.',
      '',
      '| finding | rule |',
      '|---|---|',
      ...HOSTILE_REVIEW.map(([finding, rule]) => `| ${finding} | ${rule} |`),
      '',
      '## Snapshot signing',
      '',
      'Engine option `snapshotKeys` (1–4 secrets of at least 32 bytes): `persist()` adds an HMAC-SHA-256 over a canonical',
      'serialisation of the snapshot with the first key; `restore()` and `resume()` verify it in constant time against every',
      'key (rotation) and refuse unsigned or altered snapshots, on the same code path for a snapshot handed to `restore()`',
      'and one read from the fleet store. With keys, the store\'s record around the snapshot (its decision, `expiresAt`,',
      '`waitingFor` and the `checkId` it is filed under) and the fleet\'s shared answers are signed and verified too: a record',
      'that does not verify answers abort `check-not-found`, an answer that does not verify is asked again. Every snapshot,',
      'signed or not, is also validated against the chart (a resting',
      'state, a context that passes the schema, the request re-validated as `check()` validates it, consistency).',
      'What signing protects: the integrity and origin of every field. What it does not: confidentiality (the snapshot',
      'holds the account fields and the payee name in clear) and replay (a signed snapshot can be restored again until it',
      'expires; in the fleet store, exactly-once comes from the version fencing, not from the signature).',
      'The whole story, with the rotation steps: [snapshots.md](snapshots.md).',
      '',
    ].join('\n'),
  );
});

test.run();
