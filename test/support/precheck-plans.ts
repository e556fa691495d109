import type { PrecheckOptions, PrecheckRequest } from '../../src/index.js';
import type { Edge, Step } from '../../src/docs/machine-paths.js';

/**
 * How test/machine-paths.test.ts drives each path of the precheck chart through the engine: a path becomes a plan
 * (request, engine options, sandbox answers, what to send when). Shared with test/chart-runner.test.ts, which runs
 * every such plan on both paths of check() (actor and chart runner) and requires the same result.
 */

export type Answer = 'found' | 'not-found' | 'inactive' | 'unverifiable' | 'refused' | 'auth' | 'service' | 'unavailable' | 'unexpected' | 'hang' | 'throws' | 'shed';
export type Act = 'CANCEL' | 'NAMES' | 'CONFIRM' | 'REJECT' | 'RESTORE';

export type Provider = 'bmo' | 'beep' | 'gsma' | 'mojaloop';

export interface Plan {
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

export const LONG_BACKOFF_MS = 1_000_000_000;
export const WAITING_TO_RETRY = 'checking.waitingToRetry';

/** Steers paths towards answers the sandbox gives at once: a found or failing lookup over a silent one. */
export function precheckPenalty({ state, transition }: Edge): number {
  if (state !== 'checking.lookingUp' || transition.from !== state) return 0;
  if (transition.guard === 'accountFound') return -0.2;
  if (transition.guard === 'providerUnavailable') return -0.15;
  return transition.trigger.kind === 'done' ? 0 : 0.5;
}

/** How each transition of the chart is made to happen. A transition missing here has no driver: the test fails. */
export function planOf(steps: Step[]): Plan | string {
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
export const TRIGGERS: Record<Provider, Partial<Record<Answer, string>>> = {
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
export const PAYEE_NAMES: Partial<Record<Provider, Record<NonNullable<Plan['nameCheck']>, string>>> = {
  bmo: { match: 'Ama Koffi', 'close-match': 'Ama Kofi', 'no-match': 'Ama Mensah' },
  beep: { match: 'Kwame Mensah', 'close-match': 'Kwame Mensha', 'no-match': 'Kofi Mensah' },
};

/** Answers that change from attempt to attempt: the sandbox's "fails N times, then found" triggers. */
export const SEQUENCES: Record<string, Partial<Record<Provider, string>>> = {
  'unavailable,found': { bmo: '+2290197000911' },
  'unavailable,unavailable,found': { bmo: '+2290197000912', beep: '110002' },
};

export function requestFor(plan: Plan): PrecheckRequest | string {
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
