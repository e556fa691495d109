import { trace, type TracerProvider } from '@opentelemetry/api';
import { createBrotliDecompress } from 'node:zlib';
import * as assert from 'uvu/assert';
import { createActor, waitFor, type InspectionEvent } from 'xstate';
import { retryBackoff } from '../machines/retry-backoff.js';
import { createPrecheck, type Decision, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { parseRetryAfter } from '../src/core/retry-after.js';
import { BROTLI_BOMB_DECODED_BYTES, brotliBomb, gzipGzipBomb } from '../src/sandbox/bombs.js';
import { beepRequest, bmoRequest } from '../src/sandbox/index.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { scriptedPeer } from './support/scripted-peer.js';

/** The findings of issue 10 ("hardening from a hostile review"), each reproduced against the engine. */
const hardening = sandboxSuite('hostile review');

const MiB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

function engine(context: SandboxContext, options: PrecheckOptions): Precheck {
  const precheck = createPrecheck({ breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 }, ...options });
  context.engines.push(precheck);
  return precheck;
}

const outcome = (decision: Decision) => `${decision.status}${'reason' in decision ? ` ${decision.reason}` : ''}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection after `ms`: a check that never settles fails the test instead of hanging it. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Console warnings, uncaught exceptions and unhandled rejections while `work` runs. */
async function observe<T>(work: () => Promise<T>) {
  const warnings: string[] = [];
  const failures: unknown[] = [];
  const onFailure = (error: unknown) => failures.push(error);
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);
  try {
    const result = await work();
    await sleep(50);
    return { result, warnings, failures };
  } finally {
    console.warn = warn;
    process.off('uncaughtException', onFailure);
    process.off('unhandledRejection', onFailure);
  }
}

/** How much this process grew while `work` ran: resident now, and its peak. */
async function growthOf<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; bytes: number }> {
  const rss = process.memoryUsage().rss;
  const peak = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const bytes = Math.max(process.memoryUsage().rss - rss, process.resourceUsage().maxRSS * 1024 - peak);
  return { result, ms, bytes };
}

// 1. Decompression bombs

const BOMBS: { what: string; request: PrecheckRequest }[] = [
  { what: 'B-MO gzip,gzip', request: bmoRequest('debit', '+2290197000903') },
  { what: 'B-MO br', request: bmoRequest('credit', '+2290197000904') },
  { what: 'BEEP gzip,gzip', request: beepRequest('debit', '903001') },
  { what: 'BEEP br', request: beepRequest('credit', '904001') },
];

hardening('1. a decompression bomb (gzip,gzip or br) is abort unexpected-response, in milliseconds, RSS near baseline', async (context) => {
  // The sandbox shares this process: its bombs are built before anything is measured.
  gzipGzipBomb();
  const precheck = engine(context, { providers: context.sandbox.providers, http: { timeoutMs: 30_000 }, deadlineMs: 60_000 });
  for (const { what, request } of BOMBS) {
    const { result, ms, bytes } = await growthOf(() => precheck.check(request));
    assert.is(outcome(result), 'abort unexpected-response', what);
    assert.ok(ms < 500, `${what}: decided in ${Math.round(ms)} ms`);
    assert.ok(bytes < 64 * MiB, `${what}: RSS grew by ${Math.round(bytes / MiB)} MiB`);
  }
  const { result, bytes } = await growthOf(() => Promise.all([...BOMBS, ...BOMBS].map(({ request }) => precheck.check(request))));
  assert.equal(new Set(result.map(outcome)), new Set(['abort unexpected-response']));
  assert.ok(bytes < 64 * MiB, `eight bombs at once: RSS grew by ${Math.round(bytes / MiB)} MiB`);
});

hardening('1. a bomb behind a 5xx is decided by its status: retry provider-unavailable, in milliseconds', async (context) => {
  gzipGzipBomb();
  const precheck = engine(context, { providers: context.sandbox.providers, http: { timeoutMs: 30_000 }, deadlineMs: 60_000 });
  for (const request of [bmoRequest('debit', '+2290197000905'), beepRequest('debit', '905001')]) {
    const { result, ms, bytes } = await growthOf(() => precheck.check(request));
    assert.is(outcome(result), 'retry provider-unavailable', request.provider);
    assert.ok(ms < 500, `${request.provider}: decided in ${Math.round(ms)} ms`);
    assert.ok(bytes < 64 * MiB, `${request.provider}: RSS grew by ${Math.round(bytes / MiB)} MiB`);
  }
});

hardening("1. the sandbox's br bomb is what it announces: 203 bytes that decode to 256 MiB", async () => {
  const body = brotliBomb();
  let decoded = 0;
  const decompress = createBrotliDecompress();
  decompress.on('data', (chunk: Buffer) => {
    decoded += chunk.length;
  });
  await new Promise((resolve, reject) => decompress.on('end', resolve).on('error', reject).end(body));
  assert.equal([body.length, decoded], [203, BROTLI_BOMB_DECODED_BYTES]);
});

// 4. Credentials echoed by a provider

/** A piece (6 characters or more) of the secret, in any of its forms, that `text` shows. */
function leakedPiece(text: string, secret: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const strip = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  const forms = new Set([secret, secret.normalize('NFC'), secret.normalize('NFKC'), strip(secret), strip(secret.normalize('NFC'))]);
  for (const form of forms) {
    for (let start = 0; start + 6 <= form.length; start += 1) {
      const piece = form.slice(start, start + 6);
      if (text.includes(piece)) return piece;
    }
  }
  return undefined;
}

/** Runs `request` against the scripted peer and returns everything the engine kept: decision and inspected contexts. */
async function everythingKept(precheck: Precheck, request: PrecheckRequest): Promise<{ decision: Decision; kept: string }> {
  const contexts: string[] = [];
  const inspect = (event: InspectionEvent) => {
    if (event.type === '@xstate.snapshot') contexts.push(JSON.stringify((event.snapshot as { context?: unknown }).context));
  };
  const decision = await precheck.check(request, { inspect });
  return { decision, kept: [JSON.stringify(decision), ...contexts].join('\n') };
}

const beepAnswer = (authStatusCode: number, authStatusDescription: string) =>
  JSON.stringify({ authStatus: { authStatusCode, authStatusDescription }, results: [] });

hardening('4. a credential echoed by the provider is redacted whole: across the 200-character cut, in an identity', async (context) => {
  const peer = await scriptedPeer();
  const bmo = { baseUrl: peer.url, apiKey: 'k3y-Hostile-Review-00001', apiSecret: 's3cret-Hostile-Review-02' };
  const precheck = engine(context, { providers: { bmo } });
  try {
    // 184 characters, then the key: the 200-character cut falls inside it.
    peer.answer({ status: 404, body: JSON.stringify({ message: `${'x'.repeat(184)}${bmo.apiKey} was not recognised` }) });
    const notFound = await everythingKept(precheck, bmoRequest('debit', '+2290197000001'));
    assert.is(outcome(notFound.decision), 'abort account-not-found');
    assert.is(leakedPiece(notFound.kept, bmo.apiKey), undefined, 'the API key leaked');

    peer.answer({ status: 200, body: JSON.stringify({ firstname: bmo.apiSecret, lastname: `Koffi ${bmo.apiKey}` }) });
    const found = await everythingKept(precheck, bmoRequest('debit', '+2290197000001'));
    assert.is(found.decision.status, 'proceed');
    for (const secret of [bmo.apiKey, bmo.apiSecret]) assert.is(leakedPiece(found.kept, secret), undefined, 'a B-MO credential leaked');
  } finally {
    await peer.close();
  }
});

hardening('4. BEEP credentials echoed are redacted: a password with a tab or a decomposed accent, and the username', async (context) => {
  const peer = await scriptedPeer();
  const passwords = ['qz\tXv-Hostile-42', 'cafe\u0301-cre\u0300me-Hostile-43'];
  try {
    for (const password of passwords) {
      const beep = { baseUrl: peer.url, username: 'beep-user-Hostile', password };
      const precheck = engine(context, { providers: { beep } });
      const echoes = [
        `Client authentication failed for ${beep.username} with password ${password}`,
        `password ${password.normalize('NFC')} refused`,
        // eslint-disable-next-line no-control-regex
        `password ${password.replace(/[\u0000-\u001f]/g, '')} refused`,
        `${'y'.repeat(190)} ${password}`,
      ];
      for (const echo of echoes) {
        peer.answer({ status: 200, body: beepAnswer(132, echo) });
        const { decision, kept } = await everythingKept(precheck, beepRequest('debit', '307001'));
        assert.is(outcome(decision), 'abort auth-failed');
        for (const secret of [password, beep.username]) {
          assert.is(leakedPiece(kept, secret), undefined, `${JSON.stringify(secret)} leaked from ${JSON.stringify(echo)}`);
        }
      }
    }
  } finally {
    await peer.close();
  }
});

// 5. Hooks

/** An OpenTelemetry SDK whose tracer fails: as a broken exporter or a misconfigured SDK would. */
const brokenTracerProvider: TracerProvider = {
  getTracer: () => ({
    startSpan: () => {
      throw new Error('tracer broke');
    },
    startActiveSpan: () => {
      throw new Error('tracer broke');
    },
  }),
};

hardening('5. a throwing tracer changes no decision and crashes nothing; it is reported once', async (context) => {
  // Another suite in this process may have registered an SDK already: only one global provider can be set.
  trace.disable();
  assert.ok(trace.setGlobalTracerProvider(brokenTracerProvider), 'the broken tracer provider is registered');
  try {
    const precheck = engine(context, { providers: context.sandbox.providers });
    const { result, warnings, failures } = await observe(() =>
      Promise.all([
        within(3000, precheck.check(bmoRequest('debit', '+2290197000001'))),
        within(3000, precheck.check(bmoRequest('credit', '+2290197000404'))),
        within(3000, precheck.check(beepRequest('debit', '306001'))),
      ]),
    );
    assert.equal(result.map(outcome), ['proceed', 'needs-names', 'abort account-not-found']);
    assert.equal(failures, []);
    assert.is(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], 'telemetry');
  } finally {
    trace.disable();
  }
});

hardening('5. a throwing inspect callback changes no decision and rejects nothing; it is reported once', async (context) => {
  const inspect = () => {
    throw new Error('inspector broke');
  };
  const precheck = engine(context, { providers: context.sandbox.providers, inspect, deadlineMs: 2000 });
  const { result, warnings, failures } = await observe(async () => [
    await within(3000, precheck.check(bmoRequest('debit', '+2290197000001'))),
    await within(3000, precheck.check(bmoRequest('debit', '+2290197000404'), { inspect })),
  ]);
  assert.equal(result.map(outcome), ['proceed', 'abort account-not-found']);
  assert.equal(failures, []);
  assert.is(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], 'inspect');
});

// 6. check()'s second argument

hardening("6. anything wrong with check()'s options is abort invalid-request: no throw, no rejection, nothing sent", async (context) => {
  const precheck = engine(context, { providers: context.sandbox.providers });
  const throwingGetter = Object.defineProperty({}, 'signal', {
    enumerable: true,
    get() {
      throw new Error('getter threw');
    },
  });
  const wrong: [string, unknown][] = [
    ['signal: {}', { signal: {} }],
    ['a getter that throws', throwingGetter],
    ['signal: a string', { signal: 'abort' }],
    ['inspect: not a function', { inspect: 'yes' }],
    ['a number', 42],
  ];
  const before = context.sandbox.log.count();
  for (const [what, options] of wrong) {
    let decision: Decision;
    try {
      decision = await within(2000, precheck.check(bmoRequest('debit', '+2290197000001'), options as never));
    } catch (error) {
      assert.unreachable(`${what}: check() threw or rejected (${String(error)})`);
      return;
    }
    assert.is(outcome(decision), 'abort invalid-request', what);
    assert.is(decision.attempts, 0, what);
  }
  assert.is(context.sandbox.log.count(), before, 'nothing reached the provider');
});

// 8. Unicode format characters

hardening('8. format characters (bidi controls, zero-width) in request fields: abort invalid-request, nothing sent', async (context) => {
  const precheck = engine(context, { providers: context.sandbox.providers });
  const before = context.sandbox.log.count();
  const requests: PrecheckRequest[] = [
    beepRequest('debit', '307001\u200b'),
    beepRequest('debit', '307001', { serviceCode: 'GH-\u202eVTSD' }),
    beepRequest('debit', '307001', { transactionId: 'tx-\u2066-1' }),
    beepRequest('debit', '307001', { extra: { note: 'pay\u2069' } }),
    bmoRequest('credit', '+2290197000404', { names: { firstName: 'Ama\u202e', lastName: 'Koffi' } }),
    { ...bmoRequest('debit', '+2290197000001'), provider: 'bmo\u200d' },
  ];
  for (const request of requests) {
    const decision = await precheck.check(request);
    assert.is(outcome(decision), 'abort invalid-request', JSON.stringify(request));
  }
  assert.is(context.sandbox.log.count(), before, 'nothing reached the provider');
});

hardening('8. format characters in provider answers are removed before anything shows them', async (context) => {
  const peer = await scriptedPeer();
  const precheck = engine(context, {
    providers: { bmo: { baseUrl: peer.url, apiKey: 'key-0001', apiSecret: 'secret-0001' }, beep: { baseUrl: peer.url, username: 'user', password: 'password-0001' } },
    confirmPayee: true,
  });
  const formatCharacter = /\p{Cf}/u;
  try {
    peer.answer({ status: 200, body: JSON.stringify({ firstname: 'A\u2066ma', lastname: 'Ko\u200bffi\u202c', name: 'Ama\u202e iffoK\u202c' }) });
    const bmo = await precheck.check(bmoRequest('debit', '+2290197000001'));
    assert.is(bmo.status, 'needs-confirmation');
    assert.not.match(JSON.stringify(bmo), formatCharacter);
    if (bmo.status === 'needs-confirmation') assert.is(bmo.account.fullName, 'Ama iffoK');

    peer.answer({
      status: 200,
      body: JSON.stringify({
        authStatus: { authStatusCode: 131, authStatusDescription: 'ok\u200b' },
        results: [{ statusCode: 307, statusDescription: 'valid\u2067', customerName: 'Ama\u202e iffoK\u202c', accountNumber: '307001\u200b' }],
      }),
    });
    const beep = await precheck.check(beepRequest('debit', '307001'));
    assert.is(beep.status, 'needs-confirmation');
    assert.not.match(JSON.stringify(beep), formatCharacter);
    assert.not.match(beep.status === 'needs-confirmation' ? beep.message : '', formatCharacter);
  } finally {
    await peer.close();
  }
});

// 9. Timers and Retry-After

hardening('9. Retry-After is clamped to 24 h and always a finite integer', () => {
  assert.is(parseRetryAfter('9'.repeat(400)), DAY_MS);
  assert.is(parseRetryAfter('3000000'), DAY_MS);
  assert.is(parseRetryAfter(new Date(Date.now() + 400 * DAY_MS).toUTCString()), DAY_MS);
  assert.is(parseRetryAfter('1'), 1000);
  assert.is(parseRetryAfter(new Date(Date.now() - 5000).toUTCString()), 0);
});

hardening('9. a provider Retry-After of 400 nines is a decision of retryAfterMs 24 h, JSON-safe', async (context) => {
  const peer = await scriptedPeer();
  const precheck = engine(context, { providers: { bmo: { baseUrl: peer.url, apiKey: 'key-0001', apiSecret: 'secret-0001' } } });
  try {
    for (const [status, retryAfter] of [[503, '9'.repeat(400)], [429, '3000000']] as const) {
      peer.answer({ status, headers: { 'retry-after': retryAfter }, body: '{}' });
      const decision = await precheck.check(bmoRequest('debit', '+2290197000001'));
      assert.is(decision.status, 'retry');
      const retryAfterMs = decision.status === 'retry' ? decision.retryAfterMs : undefined;
      assert.is(retryAfterMs, DAY_MS, `${status} Retry-After: ${retryAfter.slice(0, 12)}`);
      assert.is(JSON.parse(JSON.stringify(decision)).retryAfterMs, DAY_MS);
    }
    assert.is(peer.requests.at(-1)?.headers['accept-encoding'], 'identity', 'bodies are asked for unencoded');
  } finally {
    await peer.close();
  }
});

hardening("9. a circuit's cool-down longer than 24 h enters a decision as 24 h", async (context) => {
  const precheck = engine(context, { providers: context.sandbox.providers, breaker: { failureThreshold: 1, cooldownMs: MAX_TIMER_MS } });
  assert.is(outcome(await precheck.check(bmoRequest('debit', '+2290197000500'))), 'retry provider-unavailable');
  const shed = await precheck.check(bmoRequest('debit', '+2290197000001'));
  assert.is(shed.status === 'retry' ? shed.retryAfterMs : undefined, DAY_MS);
});

hardening('9. every computed delay fits a timer: back-off at its maximum, a wait restored on a host whose clock is behind', async (context) => {
  const backoff = retryBackoff(40, MAX_TIMER_MS, undefined, () => 1);
  assert.ok(backoff >= 0 && backoff <= MAX_TIMER_MS && Number.isInteger(backoff), `back-off ${backoff}`);
  assert.is(retryBackoff(1, 100, -5), 0);
  assert.is(retryBackoff(1, 100, Number.NaN, () => 0.5), 50);

  const precheck = engine(context, { providers: context.sandbox.providers, namesTimeoutMs: MAX_TIMER_MS });
  const actor = createActor(precheck.machine, { input: bmoRequest('credit', '+2290197000404') }).start();
  await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 2000 });
  const snapshot = actor.getPersistedSnapshot() as unknown as { context: { waitingSince: number } };
  actor.stop();
  // Paused on a host whose clock runs a second ahead of this one.
  snapshot.context.waitingSince = Date.now() + 1000;
  const restored = createActor(precheck.machine, { snapshot: snapshot as never, input: undefined as never }).start();
  restored.send({ type: 'RESUMED' });
  await sleep(50);
  assert.ok(restored.getSnapshot().matches('awaitingNames'), `ended early: ${JSON.stringify(restored.getSnapshot().value)}`);
  restored.stop();
});

hardening.run();
