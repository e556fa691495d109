import { Bench } from 'tinybench';
import { createActor } from 'xstate';
import { decisionOf } from '../machines/precheck.decisions.js';
import { createPrecheck, precheckMachine } from '../src/index.js';
import { validateRequest } from '../src/request/validate-request.js';
import { memoryProvider } from './memory-provider.js';

export interface OverheadRow {
  name: string;
  microseconds: number;
}

/**
 * A whole check with a provider that answers from memory (bound through the container like any provider), and the
 * parts it is made of, each on its own.
 */
export async function engineOverhead(): Promise<OverheadRow[]> {
  const precheck = createPrecheck({ providers: {}, cache: { ttlMs: 0, notFoundTtlMs: 0 }, customProviders: { memory: memoryProvider } });
  const request = { provider: 'memory', intent: 'debit', phone: '+2290197000001' } as const;
  const cached = createPrecheck({ providers: {}, customProviders: { memory: memoryProvider } });
  await cached.check(request);
  const find = () => memoryProvider;
  const done = await precheck.check(request);
  const finalContext = {
    request: undefined,
    provider: 'memory',
    intent: 'debit' as const,
    providerName: 'Memory',
    createsAccounts: true,
    attempts: 1,
    startedAt: Date.now(),
    trace: done.trace.states,
    target: { provider: 'memory', intent: 'debit' as const, phone: '+2290197000001', transactionId: 'tx' },
    answer: { kind: 'found' as const, account: { phone: '+2290197000001', fullName: 'Ama Koffi' } },
    verdict: { status: 'proceed' as const, createAccount: false, verified: true },
  };

  const bench = new Bench({ time: 700, warmup: true });
  bench
    .add('check(), provider in memory (cache off)', () => precheck.check(request))
    .add('check(), answer from the cache', () => cached.check(request))
    .add('  machine: create + start + stop an actor (unprovided chart)', () => {
      createActor(precheckMachine, { input: request }).start().stop();
    })
    .add('  DI: build an engine (container, bindings, provided machine): once per engine, not per check', () => {
      createPrecheck({ providers: {}, customProviders: { memory: memoryProvider } }).machine;
    })
    .add('  validation: schema + E.164 + provider fields', () => {
      validateRequest(request, find);
    })
    .add('  mapping: context → decision (messages, trace)', () => {
      decisionOf(finalContext);
    });
  await bench.run();
  precheck.close();
  cached.close();
  return bench.tasks.map((task) => ({ name: task.name, microseconds: (task.result as { latency: { mean: number } }).latency.mean * 1000 }));
}
