import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createActor, fromPromise, waitFor, type Actor, type AnyMachineSnapshot, type StateValue } from 'xstate';
import { chartJson, edgeOfEntry, eventName } from '../src/docs/chart-json.js';
import { renderPath } from '../src/index.js';
import { machineGraph, type MachineGraph } from '../src/docs/machine-graph.js';
import { allMachines } from '../src/docs/machine-list.js';
import { coveringPaths, describePath, enteredStates, restingStates, type Edge, type Step } from '../src/docs/machine-paths.js';
import { createPrecheck, type PrecheckMachine, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { GUARDED_LOOKUP } from '../src/engine/di-tokens.js';

/**
 * Every machine in machines/index.ts: for every (state, transition) edge, a path from the initial state through it
 * to a final state (for a machine without final states: ending right after it). Each path is driven through the
 * real engine, over HTTP against the sandbox, and the states the machine passed through must be the path's.
 * A machine, state or transition added without a way to drive it here fails this test.
 */
interface Driver {
  /** Steers path finding towards paths the sandbox can produce (added to an edge's cost). */
  penalty?: (edge: Edge) => number;
  /** Drives one path; answers what went wrong, or undefined when the machine went exactly the path's way. */
  drive(sandbox: Sandbox, graph: MachineGraph, steps: Step[]): Promise<string | undefined>;
}

const paths = suite<{ sandbox: Sandbox }>('machine paths');
paths.before(async (context) => {
  context.sandbox = await startSandbox();
});
paths.after(async ({ sandbox }) => sandbox.close());

/** `{ checking: 'lookingUp' }` → `checking.lookingUp`. */
function stateId(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined ? key : `${key}.${stateId(child as StateValue)}`;
}

/** Consecutive repeats collapsed: re-entering a state, or reading it twice, is one visit. */
const collapse = (states: string[]) => states.filter((state, index) => index === 0 || state !== states[index - 1]);

const mismatch = (what: string, seen: string[], expected: string[]) =>
  JSON.stringify(seen) === JSON.stringify(expected) ? undefined : `${what}: went ${seen.join(' → ')}, path is ${expected.join(' → ')}`;

// ---------------------------------------------------------------------------------------------------------------
// precheck: a path becomes a plan (request, engine options, sandbox answers, what to send when), then runs.

type Answer = 'found' | 'not-found' | 'inactive' | 'unverifiable' | 'refused' | 'auth' | 'service' | 'unavailable' | 'unexpected' | 'hang' | 'throws' | 'shed';
type Act = 'CANCEL' | 'NAMES' | 'CONFIRM' | 'REJECT' | 'RESTORE';

type Provider = 'bmo' | 'beep' | 'gsma' | 'mojaloop';

interface Plan {
  provider?: Provider;
  intent?: 'credit' | 'debit';
  invalid?: boolean;
  /** What the provider answers, attempt after attempt. */
  answers: Answer[];
  names?: boolean;
  confirmPayee?: boolean;
  /** A `currency` the found account does not take (Mojaloop lists its currencies). */
  currency?: string;
  /** A `payeeName` the found account's held name answers this way (default policy). */
  nameCheck?: 'match' | 'close-match' | 'no-match';
  retries: number;
  /** 1 ms, unless the path must find the check waiting to retry: then a back-off no test run lasts. */
  backoffMs: number;
  engine: Partial<PrecheckOptions>;
  /** What to do once the actor rests in a state (by id). */
  acts: { at: string; act: Act }[];
}

const LONG_BACKOFF_MS = 1_000_000_000;
const WAITING_TO_RETRY = 'checking.waitingToRetry';

/** Steers paths towards answers the sandbox gives at once: a found or failing lookup over a silent one. */
function precheckPenalty({ state, transition }: Edge): number {
  if (state !== 'checking.lookingUp' || transition.from !== state) return 0;
  if (transition.guard === 'accountFound') return -0.2;
  if (transition.guard === 'providerUnavailable') return -0.15;
  return transition.trigger.kind === 'done' ? 0 : 0.5;
}

/** How each transition of the chart is made to happen. A transition missing here has no driver: the test fails. */
function planOf(steps: Step[]): Plan | string {
  const plan: Plan = { answers: [], retries: 0, backoffMs: 1, engine: {}, acts: [] };
  const need = (provider: Provider) => {
    if (plan.provider && plan.provider !== provider) throw new Error(`needs both ${plan.provider} and ${provider}`);
    plan.provider = provider;
  };
  const setIntent = (intent: 'credit' | 'debit') => {
    if (plan.intent && plan.intent !== intent) throw new Error('needs both intents');
    plan.intent = intent;
  };
  const replaceLastAnswer = (answer: Answer) => {
    plan.answers[plan.answers.length - 1] = answer;
  };
  try {
    for (const { from: at, transition: t } of steps) {
      const trigger = t.trigger.kind === 'event' ? t.trigger.event : t.trigger.kind === 'after' ? `after ${t.trigger.delay}` : t.trigger.kind;
      const key = `${t.from}|${trigger}|${t.guard ?? ''}`;
      switch (key) {
        case 'checking.validating|always|requestIsValid':
          break;
        case 'checking.validating|always|':
          plan.invalid = true;
          break;
        case 'checking.lookingUp|done|accountFound':
          plan.answers.push('found');
          break;
        case 'checking.lookingUp|done|accountNotFound':
          plan.answers.push('not-found');
          break;
        case 'checking.lookingUp|done|accountInactive':
          need('gsma');
          plan.answers.push('inactive');
          break;
        case 'checking.lookingUp|done|accountUnverifiable':
          need('beep');
          plan.answers.push('unverifiable');
          break;
        case 'checking.lookingUp|done|accessRefused':
          plan.answers.push('refused');
          break;
        case 'checking.lookingUp|done|providerUnavailable':
          plan.answers.push('unavailable');
          break;
        case 'checking.lookingUp|done|':
          plan.answers.push('unexpected');
          break;
        case 'checking.lookingUp|error|':
          plan.answers.push('throws');
          break;
        case 'checking.lookingUp|after attemptTimeout|':
          plan.answers.push('hang');
          plan.engine.http = { ...plan.engine.http, timeoutMs: 100 };
          break;
        case 'checking.unavailable|always|shedLocally':
          replaceLastAnswer('shed');
          break;
        case 'checking.unavailable|always|attemptsRemain':
          plan.retries += 1;
          break;
        case 'checking.unavailable|always|':
        case 'checking.waitingToRetry|after retryBackoff|':
          break;
        case 'checking|after deadline|':
          if (at === 'checking.lookingUp') plan.answers.push('hang');
          if (at === WAITING_TO_RETRY) plan.backoffMs = LONG_BACKOFF_MS;
          plan.engine.deadlineMs = 400;
          break;
        case 'checking|RESUMED|':
        case 'awaitingNames|RESUMED|':
        case 'awaitingConfirmation|RESUMED|':
          plan.acts.push({ at, act: 'RESTORE' });
          if (at === WAITING_TO_RETRY) plan.backoffMs = LONG_BACKOFF_MS;
          break;
        case '|CANCEL|':
          if (at === 'checking.lookingUp') plan.answers.push('hang');
          if (at === WAITING_TO_RETRY) plan.backoffMs = LONG_BACKOFF_MS;
          plan.acts.push({ at, act: 'CANCEL' });
          break;
        case 'found|always|currencyNotSupported':
          need('mojaloop');
          plan.currency = 'EUR';
          break;
        case 'found|always|payeeConfirmationWanted':
          plan.confirmPayee = true;
          break;
        case 'found|always|':
          break;
        case 'found|always|payeeNameGiven':
        case 'checkingName|always|':
          plan.nameCheck ??= 'match';
          break;
        case 'checkingName|always|nameCheckAborts':
          plan.nameCheck = 'no-match';
          break;
        case 'checkingName|always|nameCheckAsksPayer':
          plan.nameCheck = 'close-match';
          break;
        case 'checkingName|always|payeeConfirmationWanted':
          plan.nameCheck = 'match';
          plan.confirmPayee = true;
          break;
        case 'awaitingConfirmation|CONFIRM|':
        case 'awaitingConfirmation|REJECT|':
        case 'awaitingNames|NAMES|namesAreUsable':
          plan.acts.push({ at, act: trigger as Act });
          break;
        case 'awaitingConfirmation|after confirmationTimeout|':
          plan.engine.confirmationTimeoutMs = 50;
          break;
        case 'awaitingNames|after namesTimeout|':
          plan.engine.namesTimeoutMs = 50;
          break;
        case 'notFound|always|isDebit':
          setIntent('debit');
          break;
        case 'notFound|always|providerCreatesAccounts':
          need('bmo');
          setIntent('credit');
          break;
        case 'notFound|always|':
          need('beep');
          setIntent('credit');
          break;
        case 'creditCreatesAccount|always|namesGiven':
          plan.names = true;
          break;
        case 'creditCreatesAccount|always|':
          break;
        case 'unverifiable|always|unverifiableMayProceed':
          plan.engine.unverifiable = 'proceed';
          break;
        case 'refused|always|credentialsRejected':
          replaceLastAnswer('auth');
          break;
        case 'refused|always|':
          need('beep');
          replaceLastAnswer('service');
          break;
        case 'inactive|always|':
        case 'unverifiable|always|':
        case 'unexpectedAnswer|always|':
          break;
        default:
          return `no driver for transition ${t.id} (from ${at})`;
      }
    }
  } catch (error) {
    return `no way to drive it: ${(error as Error).message}`;
  }
  return plan;
}

/** Sandbox trigger values, per provider and answer. */
const TRIGGERS: Record<Provider, Partial<Record<Answer, string>>> = {
  bmo: {
    found: '+2290197000001',
    'not-found': '+2290197000404',
    auth: '+2290197000001',
    unavailable: '+2290197000500',
    unexpected: '+2290197000200',
    hang: '+2290197000900',
    shed: '+2290197000001',
    throws: '+2290197000001',
  },
  beep: {
    found: '307001',
    'not-found': '306001',
    unverifiable: '301001',
    auth: '307001',
    service: '167001',
    unavailable: '500001',
    unexpected: '200900',
    hang: '900001',
    shed: '307001',
    throws: '307001',
  },
  gsma: {
    found: '+233240000001',
    'not-found': '+233240000004',
    inactive: '+233240000005',
  },
  // Through the SDK adapter fake: Ama Serwaa takes GHS and XOF.
  mojaloop: {
    found: '+233200000001',
    'not-found': '+233200003204',
    inactive: '+233200005400',
  },
};
/** Names typed for the sandbox's found accounts (B-MO Ama Koffi, BEEP Kwame Mensah), by the name check's answer. */
const PAYEE_NAMES: Partial<Record<Provider, Record<NonNullable<Plan['nameCheck']>, string>>> = {
  bmo: { match: 'Ama Koffi', 'close-match': 'Ama Kofi', 'no-match': 'Ama Mensah' },
  beep: { match: 'Kwame Mensah', 'close-match': 'Kwame Mensha', 'no-match': 'Kofi Mensah' },
};

/** Answers that change from attempt to attempt: the sandbox's "fails N times, then found" triggers. */
const SEQUENCES: Record<string, Partial<Record<Provider, string>>> = {
  'unavailable,found': { bmo: '+2290197000911' },
  'unavailable,unavailable,found': { bmo: '+2290197000912', beep: '110002' },
};

function requestFor(plan: Plan): PrecheckRequest | string {
  const provider = plan.provider ?? 'bmo';
  const intent = plan.intent ?? 'debit';
  if (plan.invalid) return { provider, intent, phone: 'not a phone' };
  const kinds = plan.answers.length ? plan.answers : ['found'];
  const distinct = [...new Set(kinds)];
  const account = distinct.length === 1 ? TRIGGERS[provider][distinct[0] as Answer] : SEQUENCES[kinds.join(',')]?.[provider];
  if (!account) return `no ${provider} sandbox trigger answers ${kinds.join(', ')}`;
  const extra = {
    ...(plan.names && { names: { firstName: 'Afi', lastName: 'Agbo' } }),
    ...(plan.confirmPayee && { confirmPayee: true }),
    ...(plan.currency && { currency: plan.currency }),
    ...(plan.nameCheck && { payeeName: PAYEE_NAMES[provider]?.[plan.nameCheck] }),
  };
  return provider === 'beep'
    ? { provider, intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: account, ...extra }
    : { provider, intent, phone: account, ...extra };
}

async function drivePrecheck(sandbox: Sandbox, graph: MachineGraph, steps: Step[]): Promise<string | undefined> {
  const plan = planOf(steps);
  const request = typeof plan === 'string' ? plan : requestFor(plan);
  if (typeof plan === 'string' || typeof request === 'string') return typeof plan === 'string' ? plan : (request as string);
  const wrong = plan.answers.includes('auth');
  const shed = plan.answers.includes('shed');
  const precheck = createPrecheck({
    providers: wrong ? { bmo: { ...sandbox.providers.bmo, apiSecret: 'wrong' }, beep: { ...sandbox.providers.beep, password: 'wrong' } } : sandbox.providers,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
    breaker: shed ? { failureThreshold: 1, cooldownMs: 60_000 } : false,
    ...plan.engine,
    http: { timeoutMs: 2000, ...plan.engine.http, retries: plan.retries, backoffMs: plan.backoffMs },
  });
  // Shed locally: one failure opens this engine's circuit (threshold 1), so the check is refused without a request.
  if (shed) await precheck.check({ ...request, ...(request.phone ? { phone: TRIGGERS.bmo.unavailable } : { accountNumber: TRIGGERS.beep.unavailable }) });
  // A lookup that breaks its contract and rejects: only a broken injected actor can (GuardedLookup never rejects).
  const machine: PrecheckMachine = plan.answers.includes('throws')
    ? precheck.machine.provide({ actors: { lookupAccount: fromPromise(async () => Promise.reject(new Error('broken lookup'))) } })
    : precheck.machine;

  const seen: string[] = [];
  const record = (snapshot: AnyMachineSnapshot) => seen.push(stateId(snapshot.value));
  let actor: Actor<PrecheckMachine> = createActor(machine, { input: request });
  let subscription = actor.subscribe(record);
  try {
    actor.start();
    for (const { at, act } of plan.acts) {
      await waitFor(actor, (snapshot) => stateId(snapshot.value) === at || snapshot.status === 'done', { timeout: 3000 });
      if (act === 'RESTORE') {
        const persisted = JSON.parse(JSON.stringify(precheck.persist(actor)));
        subscription.unsubscribe();
        actor.stop();
        actor = precheck.restore(persisted);
        record(actor.getSnapshot());
        subscription = actor.subscribe(record);
      } else if (act === 'NAMES') actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
      else actor.send({ type: act });
    }
    const done = await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 3000 });
    const taken = (done.output?.trace.transitions ?? []).map(({ from, to, event, guard }) => ({ from, to, event, guard }));
    const chart = chartJson(graph);
    const notEdges = taken.filter((entry) => edgeOfEntry(chart, entry) === undefined);
    const describe = (entries: typeof taken) => entries.map((e) => `${e.from} -(${e.event}${e.guard ? ` [${e.guard}]` : ''})-> ${e.to}`);
    // renderPath highlights exactly the chart's transitions the path took, and nothing else.
    const svg = await renderPath(done.output!);
    const highlighted = [...new Set([...svg.matchAll(/class="[^"]*\btaken\b[^"]*" data-transition="(\d+)"/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const expected = [...new Set(taken.map((entry) => edgeOfEntry(chart, entry)).filter((edge) => edge !== undefined).map((edge) => graph.transitions.findIndex((t) => t.id === edge.transition)))].sort((a, b) => a - b);
    const wrongHighlight = mismatch('transitions renderPath highlights', highlighted.map(String), expected.map(String));
    return (
      wrongHighlight ??
      mismatch('states seen by a subscriber', collapse(seen), restingStates(graph, steps)) ??
      mismatch('states entered (trace)', done.context.trace.map((entry) => entry.state), enteredStates(graph, steps).map((id) => id.split('.').pop()!)) ??
      (notEdges.length ? `trace.transitions has entries that are no edge of the chart: ${describe(notEdges).join('; ')}` : undefined) ??
      mismatch(
        'transitions taken (trace.transitions)',
        describe(taken),
        describe(steps.map((step) => ({ from: step.from, to: step.to, event: eventName(step.transition.trigger), guard: step.transition.guard }))),
      )
    );
  } catch (error) {
    return `${(error as Error).message}; states seen: ${collapse(seen).join(' → ')}`;
  } finally {
    subscription.unsubscribe();
    actor.stop();
    precheck.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// circuit breaker: one engine per path; each step is a check (or a wait), the circuit read after each.

const FOUND: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' };
const FAILING: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000500' };
const SILENT: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000900' };
const COOLDOWN_MS = 50;

const eventOf = (step: Step) => (step.transition.trigger.kind === 'event' ? step.transition.trigger.event : step.transition.trigger.kind === 'after' ? `after ${step.transition.trigger.delay}` : step.transition.trigger.kind);

async function driveCircuitBreaker(sandbox: Sandbox, graph: MachineGraph, steps: Step[]): Promise<string | undefined> {
  // The threshold that makes the failures counted in `closed` open the circuit exactly where the path does;
  // a path that never opens it gets one it cannot reach.
  let run = 0;
  let threshold: number | undefined;
  for (const step of steps.filter((s) => s.from === 'closed')) {
    if (eventOf(step) !== 'REQUEST_FAILED') run = 0;
    else if (step.transition.guard === 'failureThresholdReached') threshold ??= run + 1;
    else run += 1;
  }
  threshold ??= run + 2;
  const precheck = createPrecheck({
    providers: sandbox.providers,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
    breaker: { failureThreshold: threshold, cooldownMs: COOLDOWN_MS },
    http: { timeoutMs: 200 },
  });
  const seen = [precheck.circuits().bmo ?? 'closed'];
  const read = () => seen.push(precheck.circuits().bmo);
  let failures = 0;
  try {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const event = eventOf(step);
      if (event === 'after cooldown' || event === 'after hintEnds') {
        await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + 30));
        read();
      } else if (event === 'OPEN_ELSEWHERE') {
        // What a fleet store delivers when another instance opens its circuit.
        precheck.container.get(GUARDED_LOOKUP).hintCircuitOpen('bmo', Date.now() + COOLDOWN_MS);
        read();
      } else if (event === 'PROBE_SENT') {
        // The probe is the next check; its answer is the next step. A path ending here sees it in flight.
        const next = steps[i + 1];
        if (!next) {
          const probe = precheck.check(SILENT);
          read();
          await probe;
          continue;
        }
        const probe = precheck.check(eventOf(next) === 'REQUEST_SUCCEEDED' ? FOUND : FAILING);
        read();
        await probe;
        read();
        i += 1;
      } else if (event === 'REQUEST_FAILED') {
        await precheck.check(FAILING);
        failures = step.from === 'closed' ? failures + 1 : 0;
        read();
      } else if (event === 'REQUEST_SUCCEEDED') {
        // A success on a circuit without failures sends no event (nothing would change): count one failure first.
        if (step.from === 'closed' && failures === 0) {
          await precheck.check(FAILING);
          read();
        }
        await precheck.check(FOUND);
        failures = 0;
        read();
      } else return `no driver for transition ${step.transition.id}`;
    }
  } finally {
    precheck.close();
  }
  return mismatch('circuit states', collapse(seen.filter(Boolean)), restingStates(graph, steps));
}

// ---------------------------------------------------------------------------------------------------------------

const DRIVERS: Record<string, Driver> = {
  precheck: { penalty: precheckPenalty, drive: drivePrecheck },
  'circuit-breaker': { drive: driveCircuitBreaker },
};

paths('every machine in machines/index.ts has a driver here', () => {
  assert.equal(allMachines().map(([name]) => name).filter((name) => !DRIVERS[name]), [], 'machines without a driver');
});

for (const [name, machine] of allMachines()) {
  paths(`${name}: every path driven through the engine`, async ({ sandbox }) => {
    const driver = DRIVERS[name];
    if (!driver) return; // reported above
    const graph = machineGraph(name, machine);
    const { paths: found, unreachable } = coveringPaths(graph, driver.penalty);
    const problems = unreachable.map(({ state, transition }) => `${transition.id} (from ${state}): no path from the initial state takes it`);
    let covered = 0;
    // One path at a time: the sandbox's "fails N times" triggers count per account.
    for (const path of found) {
      const problem = await driver.drive(sandbox, graph, path.steps);
      if (problem) problems.push(`${describePath(path.steps)}\n    ${problem}`);
      else covered += 1;
    }
    console.log(`paths covered: ${covered}/${found.length} (${name}: ${found.reduce((sum, path) => sum + path.covers.length, 0)} edges)`);
    const visited = new Set(found.flatMap((path) => enteredStates(graph, path.steps)));
    const neverVisited = graph.states.filter((state) => !visited.has(state.id)).map((state) => `state ${state.id}: no path visits it`);
    assert.equal([...problems, ...neverVisited], []);
  });
}

paths.run();
