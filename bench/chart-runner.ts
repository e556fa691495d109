import { assign, createActor, fromPromise, toPromise } from 'xstate';
import { withChartPath, type ChartPath } from '../src/engine/chart-path.js';
import { createPrecheck, precheckMachine, type LookupOutcome, type LookupTarget, type PrecheckOptions } from '../src/index.js';
import { interleaved } from './interleaved.js';
import { memoryProvider } from './memory-provider.js';
import { fixed } from './stats.js';

/** Small batches, many rounds: the calls compared are timed close together, whatever the machine's drift. */
const ROUNDS = 61;
const BATCH = 100;

export interface ChartRunnerCost {
  /** µs per whole check, provider in memory, cache off (a miss) and answered from the cache (a hit), on each path. */
  actor: { check: number; hit: number };
  runner: { check: number; hit: number };
  /** XState's smallest unit of work: create, start and stop an actor of the chart (it ends in `abort` at once). */
  bareActor: number;
  /** XState alone on the check's path: the chart to the same decision, every engine part stubbed. */
  bareSameShape: number;
}

/**
 * The cost of a check on each path of check() (chart-path.ts: an XState actor, or the chart runner), side by side
 * with a bare actor, all interleaved in one run: the engine's own cost per check with the provider in memory (cache
 * off), and a cache hit against a miss on both paths.
 */
export async function chartRunnerCost(): Promise<ChartRunnerCost> {
  const request = { provider: 'memory', intent: 'debit', phone: '+2290197000001' } as const;
  const options = (cache: boolean): PrecheckOptions => ({
    providers: {},
    customProviders: { memory: memoryProvider },
    ...(!cache && { cache: { ttlMs: 0, notFoundTtlMs: 0 } }),
  });
  const engine = (path: ChartPath, cache: boolean) => withChartPath(path, () => createPrecheck(options(cache)));
  const engines = {
    actorMiss: engine('actor', false),
    actorHit: engine('actor', true),
    runnerMiss: engine('runner', false),
    runnerHit: engine('runner', true),
  };
  for (const precheck of Object.values(engines)) await precheck.check(request);

  const target: LookupTarget = { provider: 'memory', intent: 'debit', phone: '+2290197000001', transactionId: 'tx' };
  const answer = (await memoryProvider.lookup(target, new AbortController().signal)) as LookupOutcome;
  const sameShape = precheckMachine.provide({
    actions: {
      checkRequest: assign({ request: undefined, target, providerName: 'Memory', createsAccounts: true }),
      reportDecision: () => {},
    },
    actors: { lookupAccount: fromPromise<LookupOutcome, LookupTarget>(() => Promise.resolve(answer)) },
  });
  const timings = await interleaved(
    {
      bareActor: () => {
        createActor(precheckMachine, { input: request }).start().stop();
      },
      bareSameShape: () => toPromise(createActor(sameShape, { input: request }).start()),
      actorMiss: () => engines.actorMiss.check(request),
      runnerMiss: () => engines.runnerMiss.check(request),
      actorHit: () => engines.actorHit.check(request),
      runnerHit: () => engines.runnerHit.check(request),
    },
    ROUNDS,
    BATCH,
  );
  await Promise.all(Object.values(engines).map((precheck) => precheck.close()));
  const us = timings.microseconds;
  return {
    actor: { check: us.actorMiss, hit: us.actorHit },
    runner: { check: us.runnerMiss, hit: us.runnerHit },
    bareActor: us.bareActor,
    bareSameShape: us.bareSameShape,
  };
}

/** The figures as report lines, with issue 25's targets: a check ≤ 1.0× a bare actor, a hit ≤ 0.75× a miss. */
export function chartRunnerLines(cost: ChartRunnerCost): string[] {
  const row = (name: string, path: { check: number; hit: number }) =>
    `| ${name} | ${fixed(path.check)} | ${fixed(path.check / cost.bareActor, 2)}× | ${fixed(path.check / cost.bareSameShape, 2)}× | ${fixed(path.hit)} | ${fixed(path.hit / path.check, 2)} |`;
  return [
    `check() on each path, provider in memory (µs per check; a bare actor: create + start + stop ${fixed(cost.bareActor)} µs; the chart to the same decision on a bare actor, engine parts stubbed: ${fixed(cost.bareSameShape)} µs). Targets: a check ≤ 1.0× a bare actor, a hit ≤ 0.75× a miss.`,
    '',
    '| path | check, cache off | × bare actor | × bare actor of the same shape | cache hit | hit / miss |',
    '|---|---|---|---|---|---|',
    row('XState actor', cost.actor),
    row('chart runner', cost.runner),
  ];
}
