import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createActor, fromPromise, waitFor, type Actor, type AnyMachineSnapshot } from 'xstate';
import { circuitBreakerMachine, precheckMachine } from '../machines/index.js';
import { machineGraph, type GraphTransition } from '../src/docs/machine-graph.js';
import { allMachines } from '../src/docs/generate-docs.js';
import { createPrecheck, type PrecheckMachine, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { coveringPaths, enteredStates, type Path } from './support/machine-paths.js';

/**
 * Every transition of every machine has a path from the initial state through it (to a final state where the
 * machine has them), and every path is driven through the real engine against the sandbox: the states the check
 * passed through must be the path's. A transition or state added without a way to drive it fails here.
 */
const paths = suite<{ sandbox: Sandbox }>('machine paths');
paths.before(async (context) => {
  context.sandbox = await startSandbox();
});
paths.after(async ({ sandbox }) => sandbox.close());

paths('every machine in machines/ has a driver here', () => {
  assert.equal(allMachines().map(([name]) => name), ['circuit-breaker', 'precheck']);
});

// ---------------------------------------------------------------------------------------------------------------
// precheck: a path is turned into a plan (request, engine options, sandbox answers, events to send), then run.

type Answer = 'found' | 'not-found' | 'unverifiable' | 'refused' | 'auth' | 'service' | 'unavailable' | 'unexpected' | 'hang' | 'throws' | 'shed';
type Act = 'CANCEL' | 'NAMES' | 'CONFIRM' | 'REJECT' | 'RESTORE';

interface Plan {
  provider?: 'bmo' | 'beep';
  intent?: 'credit' | 'debit';
  invalid?: boolean;
  answers: Answer[];
  names?: boolean;
  confirmPayee?: boolean;
  retries: number;
  engine: Partial<PrecheckOptions>;
  acts: { at: string; act: Act }[];
}

/** Steers the generated paths towards answers the sandbox gives: a found or failing lookup over a silent one. */
function penalty(transition: GraphTransition): number {
  if (transition.from !== 'checking.lookingUp') return 0;
  if (transition.guard === 'accountFound') return -0.2;
  if (transition.guard === 'providerUnavailable') return -0.15;
  return transition.trigger.kind === 'done' ? 0 : 0.5;
}

function planOf(path: Path): Plan | string {
  const plan: Plan = { answers: [], retries: 0, engine: {}, acts: [] };
  let state = 'validating';
  const need = (provider: 'bmo' | 'beep') => {
    if (plan.provider && plan.provider !== provider) throw new Error(`needs both ${plan.provider} and ${provider}`);
    plan.provider = provider;
  };
  const setIntent = (intent: 'credit' | 'debit') => {
    if (plan.intent && plan.intent !== intent) throw new Error('needs both intents');
    plan.intent = intent;
  };
  try {
    for (const t of path) {
      const key = `${t.from}|${t.trigger.kind === 'event' ? t.trigger.event : t.trigger.kind === 'after' ? `after ${t.trigger.delay}` : t.trigger.kind}|${t.guard ?? ''}`;
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
          plan.answers[plan.answers.length - 1] = 'shed';
          break;
        case 'checking.unavailable|always|attemptsRemain':
          plan.retries += 1;
          break;
        case 'checking.unavailable|always|':
        case 'checking.waitingToRetry|after retryBackoff|':
          break;
        case 'checking|after deadline|':
          if (state === 'lookingUp') plan.answers.push('hang');
          plan.engine.deadlineMs = 150;
          break;
        case 'checking|RESUMED|':
        case 'awaitingNames|RESUMED|':
        case 'awaitingConfirmation|RESUMED|':
          plan.acts.push({ at: state, act: 'RESTORE' });
          break;
        case '|CANCEL|':
          if (state === 'lookingUp') plan.answers.push('hang');
          plan.acts.push({ at: state, act: 'CANCEL' });
          break;
        case 'found|always|payeeConfirmationWanted':
          plan.confirmPayee = true;
          break;
        case 'found|always|':
          break;
        case 'awaitingConfirmation|CONFIRM|':
        case 'awaitingConfirmation|REJECT|':
        case 'awaitingNames|NAMES|namesAreUsable':
          plan.acts.push({ at: state, act: (t.trigger as { event: Act }).event });
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
          plan.answers[plan.answers.length - 1] = 'auth';
          break;
        case 'refused|always|':
          need('beep');
          plan.answers[plan.answers.length - 1] = 'service';
          break;
        case 'unverifiable|always|':
        case 'unexpectedAnswer|always|':
          break;
        default:
          return `no driver for transition ${t.id}`;
      }
      state = t.to.split('.').pop()!;
    }
  } catch (error) {
    return `no way to drive: ${(error as Error).message}`;
  }
  return plan;
}

/** Sandbox trigger for a sequence of answers, per provider. */
const TRIGGERS: Record<'bmo' | 'beep', Partial<Record<Answer, string>>> = {
  bmo: { found: '+2290197000001', 'not-found': '+2290197000404', auth: '+2290197000001', unavailable: '+2290197000500', unexpected: '+2290197000200', hang: '+2290197000900', shed: '+2290197000001', throws: '+2290197000001' },
  beep: { found: '307001', 'not-found': '306001', unverifiable: '301001', auth: '307001', service: '167001', unavailable: '500001', unexpected: '200900', hang: '900001', shed: '307001', throws: '307001' },
};
/** Sequences of different answers need a trigger that changes its answer. */
const SEQUENCES: Record<string, Partial<Record<'bmo' | 'beep', string>>> = {
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
  if (!account) return `no ${provider} trigger answers ${kinds.join(', ')}`;
  const extra = { ...(plan.names && { names: { firstName: 'Afi', lastName: 'Agbo' } }), ...(plan.confirmPayee && { confirmPayee: true }) };
  return provider === 'bmo'
    ? { provider, intent, phone: account, ...extra }
    : { provider, intent, countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: account, ...extra };
}

const atomicKey = (snapshot: AnyMachineSnapshot): string => {
  let value: unknown = snapshot.value;
  while (typeof value === 'object' && value !== null) value = Object.values(value)[0];
  return String(value);
};

async function drive(sandbox: Sandbox, plan: Plan, request: PrecheckRequest): Promise<string[]> {
  const wrong = plan.answers.includes('auth');
  const shed = plan.answers.includes('shed');
  const precheck = createPrecheck({
    providers: wrong ? { bmo: { ...sandbox.providers.bmo, apiSecret: 'wrong' }, beep: { ...sandbox.providers.beep, password: 'wrong' } } : sandbox.providers,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
    breaker: shed ? { failureThreshold: 1, cooldownMs: 60_000 } : false,
    ...plan.engine,
    http: { ...plan.engine.http, retries: plan.retries, backoffMs: 1 },
  });
  if (shed) await precheck.check({ ...request, ...(request.phone ? { phone: TRIGGERS.bmo.unavailable } : { accountNumber: TRIGGERS.beep.unavailable }) });
  // A lookup that breaks its contract and rejects: only a broken injected actor can, GuardedLookup never does.
  const machine: PrecheckMachine = plan.answers.includes('throws')
    ? precheck.machine.provide({ actors: { lookupAccount: fromPromise(async () => Promise.reject(new Error('broken lookup'))) } })
    : precheck.machine;
  let actor: Actor<PrecheckMachine> = createActor(machine, { input: request }).start();
  for (const { at, act } of plan.acts) {
    await waitFor(actor, (snapshot) => atomicKey(snapshot) === at || snapshot.status === 'done', { timeout: 3000 });
    if (act === 'RESTORE') {
      const persisted = precheck.persist(actor);
      actor.stop();
      actor = precheck.restore(persisted);
    } else if (act === 'NAMES') actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
    else actor.send({ type: act });
  }
  const done = await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 3000 });
  precheck.close();
  return done.context.trace.map((entry) => entry.state);
}

paths('precheck: every transition driven through the engine along its path', async ({ sandbox }) => {
  const graph = machineGraph('precheck', precheckMachine);
  const covering = coveringPaths(graph, penalty);
  const problems: string[] = [];
  let driven = 0;
  // One path at a time: the triggers that fail N times count per account.
  for (const { covers, path } of covering) {
    if (path.length === 0) {
      problems.push(`${covers.id}: unreachable`);
      continue;
    }
    const plan = planOf(path);
    const request = typeof plan === 'string' ? plan : requestFor(plan);
    if (typeof plan === 'string' || typeof request === 'string') {
      problems.push(`${covers.id}: ${typeof plan === 'string' ? plan : request}`);
      continue;
    }
    const expected = enteredStates(graph, path);
    const actual = await drive(sandbox, plan, request);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(`${covers.id}: went ${actual.join(' → ')}, path is ${expected.join(' → ')}`);
    } else driven += 1;
  }
  console.log(`paths covered (precheck): ${driven}/${covering.length}`);
  assert.equal(problems, []);
  const visited = new Set(covering.flatMap(({ path }) => enteredStates(graph, path)));
  assert.equal(graph.states.filter((state) => !visited.has(state.key)).map((state) => state.id), [], 'unreachable states');
});

// ---------------------------------------------------------------------------------------------------------------
// circuit breaker: each path is a series of checks (and waits) against one engine; its state is read after each.

paths('circuit breaker: every transition driven through the engine along its path', async ({ sandbox }) => {
  const graph = machineGraph('circuit-breaker', circuitBreakerMachine);
  const covering = coveringPaths(graph);
  const problems: string[] = [];
  let driven = 0;
  const found: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' };
  const failing: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000500' };
  const silent: PrecheckRequest = { provider: 'bmo', intent: 'debit', phone: '+2290197000900' };
  for (const { covers, path } of covering) {
    if (path.length === 0) {
      problems.push(`${covers.id}: unreachable`);
      continue;
    }
    const failuresBeforeOpening = path.filter((t) => t.trigger.kind === 'event' && t.trigger.event === 'REQUEST_FAILED' && !t.guard && t.from === 'closed').length;
    const precheck = createPrecheck({
      providers: sandbox.providers,
      cache: { ttlMs: 0, notFoundTtlMs: 0 },
      breaker: { failureThreshold: failuresBeforeOpening + 1, cooldownMs: 50 },
      http: { timeoutMs: 200 },
    });
    const seen: string[] = ['closed'];
    const expected = ['closed', ...path.map((t) => t.to)];
    for (let i = 0; i < path.length; i++) {
      const t = path[i];
      const event = t.trigger.kind === 'event' ? t.trigger.event : 'cooldown';
      if (event === 'cooldown') await new Promise((resolve) => setTimeout(resolve, 80));
      else if (event === 'PROBE_SENT') {
        const next = path[i + 1];
        if (!next) {
          // The probe is in flight: the circuit shows `probing` until it answers.
          const probe = precheck.check(silent);
          seen.push(precheck.circuits().bmo);
          await probe;
          continue;
        }
        seen.push('probing');
        await precheck.check(next.trigger.kind === 'event' && next.trigger.event === 'REQUEST_SUCCEEDED' ? found : failing);
        seen.push(precheck.circuits().bmo);
        i += 1;
        continue;
      } else await precheck.check(event === 'REQUEST_SUCCEEDED' ? found : failing);
      seen.push(precheck.circuits().bmo);
    }
    precheck.close();
    if (JSON.stringify(seen) !== JSON.stringify(expected)) problems.push(`${covers.id}: went ${seen.join(' → ')}, path is ${expected.join(' → ')}`);
    else driven += 1;
  }
  console.log(`paths covered (circuit-breaker): ${driven}/${covering.length}`);
  assert.equal(problems, []);
});

paths.run();
