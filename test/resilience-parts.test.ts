import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AnswerCache } from '../src/resilience/answer-cache.js';
import { Bulkhead, QUEUE_FULL } from '../src/resilience/bulkhead.js';
import { CircuitBreaker } from '../src/resilience/circuit-breaker.js';
import { SingleFlight } from '../src/resilience/single-flight.js';
import { GuardedLookup, type GuardSettings } from '../src/resilience/guarded-lookup.js';
import type { AccountProvider } from '../src/core/account-provider.js';
import type { LookupOutcome } from '../src/core/account-provider.js';

const failure: LookupOutcome = { kind: 'unavailable', reason: 'provider-unavailable' };
const found: LookupOutcome = { kind: 'found', account: { phone: '+2290197000001' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const breaker = suite('circuit breaker');

breaker('opens after the threshold of consecutive transient failures, then lets one probe through', async () => {
  const circuit = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 40 });
  circuit.record(failure);
  circuit.record(failure);
  assert.is(circuit.state, 'closed');
  circuit.record(failure);
  assert.is(circuit.state, 'open');
  const refused = circuit.admit();
  assert.is(refused.admitted, false);
  assert.ok(!refused.admitted && refused.retryAfterMs > 0 && refused.retryAfterMs <= 40);
  await sleep(60);
  assert.is(circuit.state, 'halfOpen');
  assert.equal(circuit.admit(), { admitted: true });
  assert.is(circuit.state, 'probing');
  assert.is(circuit.admit().admitted, false, 'only one probe at a time');
  circuit.record(found);
  assert.is(circuit.state, 'closed');
  circuit.stop();
});

breaker('a failed probe opens the circuit again; a success in between resets the count', async () => {
  const circuit = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 20 });
  circuit.record(failure);
  circuit.record(found);
  circuit.record(failure);
  assert.is(circuit.state, 'closed');
  circuit.record(failure);
  assert.is(circuit.state, 'open');
  await sleep(40);
  circuit.admit();
  circuit.record(failure);
  assert.is(circuit.state, 'open');
  circuit.stop();
});

breaker.run();

const flight = suite('single flight');

flight('concurrent calls with one key share one run', async () => {
  const shared = new SingleFlight<number>();
  let runs = 0;
  const start = async () => {
    runs += 1;
    await sleep(10);
    return 42;
  };
  const results = await Promise.all(Array.from({ length: 100 }, () => shared.join('k', start).promise));
  assert.is(runs, 1);
  assert.ok(results.every((value) => value === 42));
  assert.is(shared.size, 0);
});

flight('the shared run is aborted only when every caller gave up', async () => {
  const shared = new SingleFlight<string>();
  let sharedSignal: AbortSignal | undefined;
  const start = (signal: AbortSignal) => {
    sharedSignal = signal;
    return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('aborted')));
  };
  const a = shared.join('k', start);
  const b = shared.join('k', start);
  a.cancel();
  // Cancelling twice is still one caller giving up.
  a.cancel();
  assert.is(sharedSignal?.aborted, false);
  b.cancel();
  assert.is(sharedSignal?.aborted, true);
  assert.equal(await Promise.all([a.promise, b.promise]), ['aborted', 'aborted']);
});

flight('every caller shares the one AbortController of its flight; a new flight after it ends has its own', async () => {
  const shared = new SingleFlight<AbortSignal>();
  const start = async (signal: AbortSignal) => {
    await sleep(5);
    return signal;
  };
  const signals = await Promise.all(Array.from({ length: 10 }, () => shared.join('k', start).promise));
  assert.ok(signals.every((signal) => signal === signals[0]));
  assert.is.not(await shared.join('k', start).promise, signals[0]);
});

const guarded = suite('guarded lookup: one AbortController per lookup');

/** A provider that answers when told to, or `cancelled` once its signal aborts; it keeps the signals it was given. */
function heldProvider() {
  const signals: AbortSignal[] = [];
  const provider: AccountProvider = {
    displayName: 'Held',
    createsAccounts: false,
    requiredFields: [],
    lookup: (_target, signal) => {
      signals.push(signal);
      return new Promise((resolve) => {
        signal.addEventListener('abort', () => resolve({ kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: 'cancelled' } }));
        setTimeout(() => resolve({ kind: 'not-found' }), 20);
      });
    },
  };
  return { provider, signals };
}

const settings = (singleFlight: boolean): GuardSettings => ({
  cache: { ttlMs: 0, notFoundTtlMs: 0 },
  breaker: false,
  singleFlight,
  maxConcurrency: 8,
  maxQueue: 8,
});
const target = { provider: 'held', intent: 'debit', phone: '+2290197000001', transactionId: 'tx' } as const;

guarded('begin(): without single flight, cancel() aborts the signal the provider was given', async () => {
  const { provider, signals } = heldProvider();
  const lookup = new GuardedLookup(() => provider, settings(false));
  const pending = lookup.begin(target);
  await sleep(1);
  pending.cancel();
  assert.is(signals.length, 1);
  assert.is(signals[0].aborted, true);
  assert.is((await pending.promise).kind, 'unavailable');
});

guarded('begin(): under single flight, the provider is asked once and aborted only once every caller cancelled', async () => {
  const { provider, signals } = heldProvider();
  const lookup = new GuardedLookup(() => provider, settings(true));
  const first = lookup.begin(target);
  const second = lookup.begin(target);
  await sleep(1);
  first.cancel();
  assert.is(signals.length, 1);
  assert.is(signals[0].aborted, false);
  second.cancel();
  assert.is(signals[0].aborted, true);
});

guarded('lookup(target, signal): an aborted caller signal gives its share up', async () => {
  const { provider, signals } = heldProvider();
  const lookup = new GuardedLookup(() => provider, settings(true));
  const caller = new AbortController();
  const answer = lookup.lookup(target, caller.signal);
  await sleep(1);
  caller.abort();
  assert.is(signals[0].aborted, true);
  assert.is((await answer).kind, 'unavailable');
});

flight.run();
guarded.run();

const bulkhead = suite('bulkhead');

bulkhead('runs at most maxConcurrency at once, queues the next, refuses beyond the queue', async () => {
  const limit = new Bulkhead(2, 1);
  let running = 0;
  let peak = 0;
  const task = async () => {
    running += 1;
    peak = Math.max(peak, running);
    await sleep(20);
    running -= 1;
    return 'done';
  };
  const signal = new AbortController().signal;
  const results = await Promise.all([1, 2, 3, 4].map(() => limit.run(signal, task)));
  assert.is(peak, 2);
  assert.equal(results, ['done', 'done', 'done', QUEUE_FULL]);
  assert.is(limit.active, 0);
});

bulkhead('a caller that gives up while queued leaves the queue', async () => {
  const limit = new Bulkhead(1, 5);
  const signal = new AbortController().signal;
  const blocker = limit.run(signal, () => sleep(20));
  const controller = new AbortController();
  const queued = limit.run(controller.signal, async () => 'ran');
  assert.is(limit.waiting, 1);
  controller.abort();
  await queued.then(
    () => assert.unreachable('should reject'),
    () => undefined,
  );
  assert.is(limit.waiting, 0);
  await blocker;
  assert.is(limit.active, 0);
});

bulkhead.run();

const cache = suite('answer cache');

cache('keeps found and not-found for their own time, never failures', () => {
  const answers = new AnswerCache(100, 10);
  answers.set('found', found, 0);
  answers.set('missing', { kind: 'not-found' }, 0);
  answers.set('down', failure, 0);
  answers.set('refused', { kind: 'refused', reason: 'auth-failed' }, 0);
  assert.equal(answers.get('found', 50), found);
  assert.equal(answers.get('missing', 5), { kind: 'not-found' });
  assert.is(answers.get('missing', 10), undefined);
  assert.is(answers.get('down', 1), undefined);
  assert.is(answers.get('refused', 1), undefined);
  assert.is(answers.get('found', 100), undefined);
});

cache('ttl 0 disables; delete forgets', () => {
  const off = new AnswerCache(0, 0);
  off.set('found', found, 0);
  assert.is(off.get('found', 0), undefined);
  const on = new AnswerCache(100, 100);
  on.set('found', found, 0);
  assert.ok(on.delete('found'));
  assert.is(on.get('found', 1), undefined);
});

cache.run();
