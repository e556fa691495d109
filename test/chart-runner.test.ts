import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createActor, fromPromise, waitFor, type Actor } from 'xstate';
import { machineGraph } from '../src/docs/machine-graph.js';
import { coveringPaths, describePath } from '../src/docs/machine-paths.js';
import { ChartRunner, unsupportedFeature } from '../src/engine/chart-runner.js';
import { chartRunnerFor, setChartPath, withChartPath } from '../src/engine/chart-path.js';
import { promiseActor } from '../src/engine/promise-actor.js';
import { runCheck } from '../src/engine/run-check.js';
import { warmUp } from '../src/engine/warm-up.js';
import { PROVIDER_POOLS } from '../src/engine/di-tokens.js';
import type { Rest } from '../src/engine/check-rest.js';
import { persistCheck } from '../src/persistence/persisted-check.js';
import { HookIsolation } from '../src/util/hook-isolation.js';
import { PrecheckConfigError } from '../src/core/precheck-config-error.js';
import {
  createPrecheck,
  precheckMachine,
  type AccountProvider,
  type LookupOutcome,
  type LookupTarget,
  type Precheck,
  type PrecheckMachine,
  type PrecheckOptions,
  type PrecheckRequest,
} from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { FAULTS, SETTINGS } from './support/fault-matrix.js';
import { planOf, precheckPenalty, requestFor, TRIGGERS, type Plan } from './support/precheck-plans.js';

/**
 * The differential test of the chart runner (src/engine/chart-runner.ts): every path of the precheck chart that
 * test/machine-paths.test.ts drives, the fault matrix, and 10,000 property-based requests (PROPERTY_RUNS) run on both
 * paths of check() — an XState actor, and the runner — and must give the same decision, the same trace (states and
 * transitions) and, for a check that pauses, the same snapshot, which must then resume to the same decision. Times
 * (`at`, `startedAt`, `waitingSince`, `durationMs`) and the generated `transactionId` are the only fields set aside.
 * It runs on the lock's xstate and on the lowest peer version (.ci/run): the runner reads XState's state nodes.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const isolation = new HookIsolation(() => {});
const persist = (actor: Actor<PrecheckMachine>) => persistCheck(actor);

/** A rest as JSON, without the fields that differ from run to run whatever the path (times, the generated id). */
const TIMES = new Set(['at', 'startedAt', 'waitingSince', 'durationMs']);
/** An open circuit's cool-down (60 s in these tests) counts down with the clock: compared to the second. */
const normalized = (value: unknown) =>
  JSON.stringify(value, (key, field) =>
    TIMES.has(key) && typeof field === 'number' ? 0
    : key === 'transactionId' ? 'tx'
    : key === 'retryAfterMs' && typeof field === 'number' && field > 10_000 ? Math.round(field / 1000)
    : field,
  );

interface BothPaths {
  actor: Rest;
  runner: Rest;
}

/** One check on one path; `abortAfterMs` cancels it (the caller's signal). */
async function onePath(machine: PrecheckMachine, request: unknown, path: 'actor' | 'runner', abortAfterMs?: number): Promise<Rest> {
  const feature = unsupportedFeature(machine);
  if (feature) throw new Error(`the runner refuses the chart: ${feature}`);
  const runner = path === 'runner' ? new ChartRunner(machine) : undefined;
  const controller = new AbortController();
  const timer = abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), abortAfterMs);
  try {
    return await runCheck(machine, request, { signal: controller.signal }, persist, { isolation, ...(runner && { runner }) });
  } finally {
    clearTimeout(timer);
  }
}

/** One check on each path, one after the other, on the same provided machine. */
const onBothPaths = async (machine: PrecheckMachine, request: unknown, abortAfterMs?: number): Promise<BothPaths> => ({
  actor: await onePath(machine, request, 'actor', abortAfterMs),
  runner: await onePath(machine, request, 'runner', abortAfterMs),
});

const differences = ({ actor, runner }: BothPaths) => (normalized(actor) === normalized(runner) ? undefined : `actor ${normalized(actor)}\n    runner ${normalized(runner)}`);

const differential = suite<{ sandbox: Sandbox }>('chart runner ≡ actor');
differential.before(async (context) => {
  context.sandbox = await startSandbox();
});
differential.after(async ({ sandbox }) => sandbox.close());

// ─── the runner is used, and refuses what it cannot run ────────────────────────────────────────────────────────────

differential('check() takes the runner by default, actors with inspect or when forced', async ({ sandbox }) => {
  const options: PrecheckOptions = { providers: sandbox.providers };
  const machine = createPrecheck(options).machine;
  assert.ok(chartRunnerFor(machine, { inspecting: false }) instanceof ChartRunner);
  assert.is(chartRunnerFor(machine, { inspecting: true }), undefined);
  assert.is(withChartPath('actor', () => chartRunnerFor(machine, { inspecting: false })), undefined);
  // A check given its own `inspect` runs on an actor, on an engine that otherwise runs the chart without one.
  const precheck = createPrecheck({ ...options, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
  const inspected: string[] = [];
  const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }, { inspect: (event) => inspected.push(event.type) });
  await precheck.close();
  assert.is(decision.status, 'proceed');
  assert.ok(inspected.includes('@xstate.microstep'), `inspection events: ${[...new Set(inspected)].join(', ')}`);
});

differential('a chart outside the subset: actors, said once; or PrecheckConfigError naming the feature when the runner is forced', () => {
  const machine = precheckMachine.provide({
    actors: { lookupAccount: fromPromise(async () => ({ kind: 'not-found' }) as LookupOutcome) },
  });
  assert.match(unsupportedFeature(machine) ?? '', /not a promiseActor \("lookupAccount"/);
  const warnings: string[] = [];
  assert.is(chartRunnerFor(machine, { inspecting: false, warn: (line) => warnings.push(line) }), undefined);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /every check of this engine runs on an XState actor/);
  try {
    withChartPath('runner', () => chartRunnerFor(machine, { inspecting: false }));
    assert.unreachable('the forced runner accepted a chart it cannot run');
  } catch (error) {
    assert.instance(error, PrecheckConfigError);
    assert.match((error as Error).message, /lookupAccount/);
  }
  setChartPath('auto');
});

// ─── every path of the chart (test/machine-paths.test.ts's plans) ─────────────────────────────────────────────────

/** The engine a plan needs, as machine-paths builds it. */
function engineFor(sandbox: Sandbox, plan: Plan): Precheck {
  const wrong = plan.answers.includes('auth');
  const shed = plan.answers.includes('shed');
  return createPrecheck({
    providers: wrong ? { bmo: { ...sandbox.providers.bmo, apiSecret: 'wrong' }, beep: { ...sandbox.providers.beep, password: 'wrong' } } : sandbox.providers,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
    breaker: shed ? { failureThreshold: 1, cooldownMs: 60_000 } : false,
    ...plan.engine,
    http: { timeoutMs: 2000, ...plan.engine.http, retries: plan.retries, backoffMs: plan.backoffMs },
  });
}

const PAUSED = new Set(['awaitingNames', 'awaitingConfirmation']);

/** A paused check restored from its snapshot and sent what the path sends next: its decision. */
async function resumed(precheck: Precheck, rest: Rest, acts: Plan['acts']): Promise<unknown> {
  if (!rest.pause) return undefined;
  const actor = precheck.restore(JSON.parse(JSON.stringify(rest.pause.persisted)));
  try {
    for (const { act } of acts.filter(({ at }) => PAUSED.has(at))) {
      if (act === 'NAMES') actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
      else if (act !== 'RESTORE') actor.send({ type: act });
    }
    return (await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 3000 })).output;
  } finally {
    actor.stop();
  }
}

/** A plan on one path: its rest, and for a pause, the decision its snapshot resumes to. */
async function planOnPath(sandbox: Sandbox, plan: Plan, request: PrecheckRequest, path: 'actor' | 'runner') {
  const precheck = engineFor(sandbox, plan);
  try {
    // As check() does: what the first checks load is loaded before a check's clocks start.
    await warmUp(precheck.container.get(PROVIDER_POOLS), request);
    if (plan.answers.includes('shed')) {
      await precheck.check({ ...request, ...(request.phone ? { phone: TRIGGERS.bmo.unavailable } : { accountNumber: TRIGGERS.beep.unavailable }) });
    }
    // A lookup that breaks its contract and rejects (GuardedLookup never does): a broken injected promise actor.
    const machine: PrecheckMachine = plan.answers.includes('throws')
      ? precheck.machine.provide({ actors: { lookupAccount: promiseActor<LookupOutcome, LookupTarget>(() => Promise.reject(new TypeError('broken lookup'))) } })
      : precheck.machine;
    // What the path does before it could pause (cancel, restore mid-lookup) happens while the check is in flight.
    const early = plan.acts.find(({ at }) => !PAUSED.has(at));
    const rest = await onePath(machine, request, path, early ? 100 : undefined);
    return { rest, resumed: await resumed(precheck, rest, plan.acts) };
  } finally {
    await precheck.close();
  }
}

differential('every path of the precheck chart: the same decision, trace and snapshot on both paths', async ({ sandbox }) => {
  const graph = machineGraph('precheck', precheckMachine);
  const { paths } = coveringPaths(graph, precheckPenalty);
  const problems: string[] = [];
  let compared = 0;
  for (const path of paths) {
    const plan = planOf(path.steps);
    const request = typeof plan === 'string' ? plan : requestFor(plan);
    if (typeof plan === 'string' || typeof request === 'string') {
      problems.push(`${describePath(path.steps)}: ${typeof plan === 'string' ? plan : request}`);
      continue;
    }
    // The sandbox counts a "fails N times" account's failures: each path gets a sandbox of its own for those.
    const sequence = new Set(plan.answers).size > 1;
    const onPath = async (which: 'actor' | 'runner') => {
      const own = sequence ? await startSandbox() : sandbox;
      try {
        return await planOnPath(own, plan, request, which);
      } finally {
        if (sequence) await own.close();
      }
    };
    const actor = await onPath('actor');
    const runner = await onPath('runner');
    const problem = differences({ actor: actor.rest, runner: runner.rest }) ??
      (normalized(actor.resumed) !== normalized(runner.resumed) ? `resumed: actor ${normalized(actor.resumed)}\n    runner ${normalized(runner.resumed)}` : undefined);
    if (problem) problems.push(`${describePath(path.steps)}\n    ${problem}`);
    compared += 1;
  }
  console.log(`paths compared: ${compared}/${paths.length}`);
  assert.equal(problems, []);
  assert.ok(compared >= 30, `only ${compared} paths`);
});

// ─── the fault matrix ──────────────────────────────────────────────────────────────────────────────────────────

differential('the fault matrix: every fault × provider × intent decided alike on both paths', async ({ sandbox }) => {
  const problems: string[] = [];
  for (const fault of FAULTS) {
    for (const provider of ['bmo', 'beep'] as const) {
      for (const intent of ['credit', 'debit'] as const) {
        const providers = fault.refused ? { [provider]: { ...sandbox.providers[provider], baseUrl: sandbox.refusedUrl } } : sandbox.providers;
        const precheck = createPrecheck({ providers, ...SETTINGS, cache: { ttlMs: 0, notFoundTtlMs: 0 } });
        const request: PrecheckRequest =
          provider === 'bmo' ? { provider, intent, phone: fault.bmo } : { provider, intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: fault.beep };
        try {
          await warmUp(precheck.container.get(PROVIDER_POOLS), request);
          const problem = differences(await onBothPaths(precheck.machine, request));
          if (problem) problems.push(`${fault.name} ${provider} ${intent}\n    ${problem}`);
        } finally {
          await precheck.close();
        }
      }
    }
  }
  assert.equal(problems, []);
});

// ─── property-based requests, the provider in memory ──────────────────────────────────────────────────────────────

/** What the provider in memory answers next: set before each check, taken attempt by attempt (then not-found). */
let script: (LookupOutcome | 'throws')[] = [];
const scripted = (createsAccounts: boolean): AccountProvider => ({
  displayName: createsAccounts ? 'Creates' : 'Keeps',
  createsAccounts,
  requiredFields: ['phone'],
  async lookup() {
    const next = script.shift() ?? { kind: 'not-found' };
    if (next === 'throws') throw new Error('the provider broke');
    return next;
  },
});

const ENGINES = fc.sample(
  fc.record({
    retries: fc.integer({ min: 0, max: 2 }),
    unverifiable: fc.constantFrom('abort', 'proceed'),
    confirmPayee: fc.boolean(),
    onCloseMatch: fc.constantFrom('confirm', 'proceed', 'abort'),
    onNoMatch: fc.constantFrom('confirm', 'abort'),
    onNotPossible: fc.constantFrom('confirm', 'proceed', 'abort'),
  }),
  { numRuns: 6, seed: 25 },
).map(({ retries, unverifiable, confirmPayee, onCloseMatch, onNoMatch, onNotPossible }) =>
  createPrecheck({
    providers: {},
    customProviders: { creates: scripted(true), keeps: scripted(false) },
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
    breaker: false,
    deadlineMs: 1000,
    http: { retries, backoffMs: 0 },
    unverifiable: unverifiable as 'abort' | 'proceed',
    confirmPayee,
    nameCheck: { onCloseMatch, onNoMatch, onNotPossible } as PrecheckOptions['nameCheck'],
  }),
);

const phone = fc.constantFrom('+2290197000001', '+233240000001', '0197000001', 'not a phone', '');
const name = fc.constantFrom('Ama', 'Koffi', 'Ama Koffi', '', ' ', 'Ama\u0000');
const answer: fc.Arbitrary<LookupOutcome | 'throws'> = fc.oneof(
  fc.record({
    kind: fc.constant('found' as const),
    account: fc.record({ phone: fc.constant('+2290197000001'), firstName: name, lastName: name, fullName: fc.constantFrom('Ama Koffi', 'Ama Kofi', 'Kwame Mensah', '') }, { requiredKeys: ['phone'] }),
    providerStatus: fc.option(fc.record({ code: fc.constantFrom('00', 'OK'), description: fc.constantFrom('Ama Koffi is active', 'ok') }), { nil: undefined }),
  }, { requiredKeys: ['kind', 'account'] }),
  fc.constant({ kind: 'not-found' as const }),
  fc.constant({ kind: 'inactive' as const }),
  fc.constant({ kind: 'unverifiable' as const }),
  fc.record({ kind: fc.constant('refused' as const), reason: fc.constantFrom('auth-failed', 'service-not-configured', 'forbidden') }) as fc.Arbitrary<LookupOutcome>,
  fc.record({ kind: fc.constant('unavailable' as const), reason: fc.constantFrom('provider-unavailable', 'rate-limited', 'timeout'), retryAfterMs: fc.option(fc.constantFrom(0, 1, 5000), { nil: undefined }) }, { requiredKeys: ['kind', 'reason'] }) as fc.Arbitrary<LookupOutcome>,
  fc.record({ kind: fc.constant('unexpected' as const), detail: fc.constantFrom('odd', 'weird') }),
  fc.constant('throws' as const),
);
/** Mostly valid requests (the paths worth comparing go past validation), some not, a few anything at all. */
const usually = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const request = fc.oneof(
  {
    weight: 19,
    arbitrary: fc.record(
      {
        provider: usually(fc.constantFrom('creates', 'keeps'), fc.constantFrom('bmo', 'nope')),
        intent: usually(fc.constantFrom('credit', 'debit'), fc.constant('both')),
        phone: usually(fc.constantFrom('+2290197000001', '+233240000001'), fc.constantFrom('not a phone', '')),
        names: usually(fc.record({ firstName: fc.constantFrom('Afi', 'Ama'), lastName: fc.constantFrom('Agbo', 'Koffi') }), fc.record({ firstName: name, lastName: name })),
        payeeName: usually(fc.constantFrom('Ama Koffi', 'Ama Kofi', 'Kwame Mensah'), fc.constantFrom('', 'A')),
        confirmPayee: fc.boolean(),
        nameCheck: usually(fc.record({ onCloseMatch: fc.constantFrom('confirm', 'proceed', 'abort') }), fc.constant({ onCloseMatch: 'maybe' })),
        transactionId: usually(fc.constantFrom('tx-1', 'tx-2'), fc.constant('')),
      },
      { requiredKeys: ['provider', 'intent', 'phone'] },
    ),
  },
  { weight: 1, arbitrary: fc.anything() },
);

differential(`${RUNS} property-based requests: the same decision, trace and snapshot on both paths`, async () => {
  let paused = 0;
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(fc.nat(ENGINES.length - 1), request, fc.array(answer, { maxLength: 3 }), async (engine, request, answers) => {
      const machine = ENGINES[engine].machine;
      const runner = new ChartRunner(machine);
      script = [...answers];
      const actor = await runCheck(machine, request, undefined, persist, { isolation });
      script = [...answers];
      const onRunner = await runCheck(machine, request, undefined, persist, { isolation, runner });
      if (actor.pause) paused += 1;
      assert.is(normalized(onRunner), normalized(actor));
    }),
    { numRuns: RUNS },
  );
  console.log(`${RUNS} requests compared, ${paused} of them paused, in ${Math.round(performance.now() - started)} ms`);
  assert.ok(paused > RUNS / 50, `only ${paused} paused checks`);
});

differential.after(async () => {
  await Promise.all(ENGINES.map((engine) => engine.close()));
});

differential.run();
