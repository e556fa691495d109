import { assign, createActor, fromPromise, toPromise } from 'xstate';
import { decisionOf } from '../machines/precheck.decisions.js';
import { setChartPath } from '../src/engine/chart-path.js';
import { createPrecheck, precheckMachine, type LookupOutcome, type LookupTarget, type PrecheckMachine } from '../src/index.js';
import { toE164 } from '../src/core/phone-number.js';
import { validateRequest } from '../src/core/validate-request.js';
import { interleaved } from './interleaved.js';
import { memoryProvider } from './memory-provider.js';

/** Small batches, many rounds: the calls compared are timed close together, whatever the machine's drift. */
const ROUNDS = 121;
const BATCH = 50;

export interface OverheadRow {
  name: string;
  microseconds: number;
  /** For a part measured as a difference: how far its median may be off (95 %). */
  spread?: number;
}

export interface EngineOverhead {
  /** The table, in µs per call; the first two rows are whole checks. */
  rows: OverheadRow[];
  /** A whole check, provider in memory, cache off. */
  check: number;
  /** A whole check answered from the cache. */
  hit: number;
  /** XState's smallest unit of work: create, start and stop an actor of the chart (it ends in `abort` at once). */
  bareActor: number;
  /** XState alone on the check's own path: the chart to the same decision, every engine part stubbed. */
  bareSameShape: number;
  /** Validation and its E.164 parsing by themselves, outside a check (µs). */
  alone: { validation: number; e164: number };
  /** What each engine part adds to a check, measured inside it (µs). */
  parts: { policies: number; validation: number; lookup: number; singleFlight: number; lookupHit: number; telemetry: number; checkCall: number };
}

/**
 * A whole check with a provider that answers from memory (bound through the container like any provider), XState's
 * own cost on the same path (the chart with every engine part stubbed: a bare actor of the same shape), and what each
 * engine part adds inside a check (the engine's provided machine with only that part left real), all interleaved in
 * one run so that their differences hold on a machine whose speed drifts.
 */
export async function engineOverhead(): Promise<EngineOverhead> {
  // The actor path: its parts are what this breakdown takes apart (the chart runner has its own section).
  setChartPath('actor');
  try {
    return await actorPathOverhead();
  } finally {
    setChartPath('auto');
  }
}

async function actorPathOverhead(): Promise<EngineOverhead> {
  const request = { provider: 'memory', intent: 'debit', phone: '+2290197000001' } as const;
  const precheck = createPrecheck({ providers: {}, cache: { ttlMs: 0, notFoundTtlMs: 0 }, customProviders: { memory: memoryProvider } });
  const cached = createPrecheck({ providers: {}, customProviders: { memory: memoryProvider } });
  const withoutFlight = createPrecheck({ providers: {}, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, customProviders: { memory: memoryProvider } });
  const done = await precheck.check(request);
  await cached.check(request);

  const target: LookupTarget = { provider: 'memory', intent: 'debit', phone: '+2290197000001', transactionId: 'tx' };
  const answer = (await memoryProvider.lookup(target, new AbortController().signal)) as LookupOutcome;
  /** `machine` with every engine part stubbed but those in `keep`: a fixed target, an answer from memory, no telemetry. */
  const stubbed = (machine: PrecheckMachine, keep: 'validation' | 'lookup' | 'telemetry' | 'nothing') =>
    machine.provide({
      actions: {
        ...(keep !== 'validation' && { checkRequest: assign({ request: undefined, target, providerName: 'Memory', createsAccounts: true }) }),
        ...(keep !== 'telemetry' && { reportDecision: () => {} }),
      },
      ...(keep !== 'lookup' && { actors: { lookupAccount: fromPromise<LookupOutcome, LookupTarget>(() => Promise.resolve(answer)) } }),
    });
  const toDecision = (machine: PrecheckMachine) => () => toPromise(createActor(machine, { input: request }).start());
  // Each difference is taken between neighbours in this order, so that they run as close in time as they can.
  const timings = await interleaved(
    {
      bareActor: () => {
        createActor(precheckMachine, { input: request }).start().stop();
      },
      bareSameShape: toDecision(stubbed(precheckMachine, 'nothing')),
      engineStubbed: toDecision(stubbed(precheck.machine, 'nothing')),
      withValidation: toDecision(stubbed(precheck.machine, 'validation')),
      withLookup: toDecision(stubbed(precheck.machine, 'lookup')),
      withLookupNoFlight: toDecision(stubbed(withoutFlight.machine, 'lookup')),
      withLookupHit: toDecision(stubbed(cached.machine, 'lookup')),
      withTelemetry: toDecision(stubbed(precheck.machine, 'telemetry')),
      providedMachine: toDecision(precheck.machine),
      check: () => precheck.check(request),
      hit: () => cached.check(request),
    },
    ROUNDS,
    BATCH,
  );

  const find = () => memoryProvider;
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
  const byItself = await interleaved({
    validation: () => validateRequest(request, find),
    e164: () => toE164(request.phone),
    mapping: () => decisionOf(finalContext),
  });
  const building = await interleaved(
    { build: () => createPrecheck({ providers: {}, customProviders: { memory: memoryProvider } }).machine },
    11,
    20,
    50,
  );
  await precheck.close();
  await cached.close();
  await withoutFlight.close();

  const us = timings.microseconds;
  const spreads = {
    policies: timings.spread('engineStubbed', 'bareSameShape'),
    validation: timings.spread('withValidation', 'engineStubbed'),
    lookup: timings.spread('withLookup', 'engineStubbed'),
    singleFlight: timings.spread('withLookup', 'withLookupNoFlight'),
    lookupHit: timings.spread('withLookupHit', 'engineStubbed'),
    telemetry: timings.spread('withTelemetry', 'engineStubbed'),
    checkCall: timings.spread('check', 'providedMachine'),
  };
  const parts = {
    policies: timings.over('engineStubbed', 'bareSameShape'),
    validation: timings.over('withValidation', 'engineStubbed'),
    lookup: timings.over('withLookup', 'engineStubbed'),
    singleFlight: timings.over('withLookup', 'withLookupNoFlight'),
    lookupHit: timings.over('withLookupHit', 'engineStubbed'),
    telemetry: timings.over('withTelemetry', 'engineStubbed'),
    checkCall: timings.over('check', 'providedMachine'),
  };
  const rows: OverheadRow[] = [
    { name: 'check(), provider in memory (cache off)', microseconds: us.check },
    { name: 'check(), answer from the cache', microseconds: us.hit },
    { name: '  machine: create + start + stop an actor (unprovided chart)', microseconds: us.bareActor },
    { name: "  XState alone on the check's path: the chart to the same decision, engine parts stubbed (bare actor of the same shape)", microseconds: us.bareSameShape },
    { name: "  in a check: the engine's policies on the chart (guards, delays from the options)", microseconds: parts.policies, spread: spreads.policies },
    { name: '  in a check: validation (schema, E.164, provider fields)', microseconds: parts.validation, spread: spreads.validation },
    { name: '  in a check: guarded lookup, cache off (key, single flight, breaker, bulkhead)', microseconds: parts.lookup, spread: spreads.lookup },
    { name: '  … of which single flight (an AbortController per shared request, listening to each caller)', microseconds: parts.singleFlight, spread: spreads.singleFlight },
    { name: '  in a check: guarded lookup, answer from the cache', microseconds: parts.lookupHit, spread: spreads.lookupHit },
    { name: '  in a check: telemetry hook (no OpenTelemetry SDK registered)', microseconds: parts.telemetry, spread: spreads.telemetry },
    { name: '  in a check: check() around the actor (options, driving it to rest, durable save)', microseconds: parts.checkCall, spread: spreads.checkCall },
    { name: '  build an engine (createPrecheck: options, parts, provided machine; no container): once per engine, not per check', microseconds: building.microseconds.build },
    { name: '  validation: schema + E.164 + provider fields', microseconds: byItself.microseconds.validation },
    { name: '  … of which E.164: libphonenumber-js parse and possible-number check', microseconds: byItself.microseconds.e164 },
    { name: '  mapping: context → decision (messages, trace)', microseconds: byItself.microseconds.mapping },
  ];
  const alone = { validation: byItself.microseconds.validation, e164: byItself.microseconds.e164 };
  return { rows, check: us.check, hit: us.hit, bareActor: us.bareActor, bareSameShape: us.bareSameShape, alone, parts };
}
