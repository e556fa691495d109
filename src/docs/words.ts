import type { GraphAction, GraphTransition, Trigger } from './machine-graph.js';

/** Events and delays as a payments person says them. */
const EVENT_WORDS: Record<string, string> = {
  CANCEL: 'caller cancels',
  NAMES: 'names given',
  CONFIRM: 'payer confirms',
  REJECT: 'payer rejects',
  RESUMED: 'restored from a snapshot',
  REQUEST_SUCCEEDED: 'provider answered',
  REQUEST_FAILED: 'transient failure',
  PROBE_SENT: 'probe sent',
};

const DELAY_WORDS: Record<string, string> = {
  deadline: 'deadline passed',
  attemptTimeout: 'no answer in time',
  retryBackoff: 'back-off over',
  namesTimeout: 'no names in time',
  confirmationTimeout: 'no confirmation in time',
  cooldown: 'cool-down over',
};

const ACTOR_WORDS: Record<string, string> = { lookupAccount: 'lookup' };

const GUARD_WORDS: Record<string, string> = {
  requestIsValid: 'request valid',
  accountFound: 'found',
  accountNotFound: 'not found',
  accountUnverifiable: 'cannot be validated',
  accessRefused: 'access refused',
  providerUnavailable: 'unavailable',
  credentialsRejected: 'credentials rejected',
  isDebit: 'debit',
  providerCreatesAccounts: 'provider creates accounts',
  namesGiven: 'names given',
  namesAreUsable: 'names usable',
  payeeConfirmationWanted: 'payee confirmation wanted',
  shedLocally: 'refused locally: circuit open or queue full',
  attemptsRemain: 'attempts and time left',
  unverifiableMayProceed: "unverifiable: 'proceed'",
  failureThresholdReached: 'failure threshold reached',
};

/** `camelCaseName` → `camel case name`. */
export function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function triggerWords(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'event':
      return EVENT_WORDS[trigger.event] ? `${trigger.event} (${EVENT_WORDS[trigger.event]})` : trigger.event;
    case 'always':
      return 'immediately';
    case 'after':
      return DELAY_WORDS[trigger.delay] ?? `after ${splitWords(trigger.delay)}`;
    case 'done':
      return `${ACTOR_WORDS[trigger.actor] ?? splitWords(trigger.actor)} answered`;
    case 'error':
      return `${ACTOR_WORDS[trigger.actor] ?? splitWords(trigger.actor)} failed`;
  }
}

/** The guard in words; an unguarded transition after guarded ones for the same trigger is the "otherwise" branch. */
export function guardWords(transition: GraphTransition, siblings: readonly GraphTransition[]): string {
  if (transition.guard) return GUARD_WORDS[transition.guard] ?? splitWords(transition.guard);
  const guardedBefore = siblings.some(
    (other) => other !== transition && other.from === transition.from && sameTrigger(other.trigger, transition.trigger) && other.guard,
  );
  return guardedBefore ? 'otherwise' : '';
}

export function actionWords(action: GraphAction): string {
  const params = action.params ?? {};
  switch (action.type) {
    case 'proceedWith':
      return `proceed (${params.createAccount ? 'create account' : params.verified ? 'verified' : 'unverified'})`;
    case 'abortWith':
      return `abort: ${String(params.reason)}`;
    case 'retryLater':
      return 'retry later';
    case 'deadlinePassed':
      return 'retry: timeout';
    default:
      return splitWords(action.type);
  }
}

/** The actions worth showing on an edge: the ones that decide. */
export function decidingActions(transition: GraphTransition): string[] {
  return transition.actions
    .filter((action) => ['proceedWith', 'abortWith', 'retryLater', 'deadlinePassed'].includes(action.type))
    .map(actionWords);
}

export function sameTrigger(a: Trigger, b: Trigger): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The short label of a transition: trigger, guard, deciding actions. */
export function edgeLabel(transition: GraphTransition, all: readonly GraphTransition[]): string {
  const guard = guardWords(transition, all);
  const actions = decidingActions(transition);
  return [triggerWords(transition.trigger), guard && `[${guard}]`, actions.length ? `/ ${actions.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
}

/** The same, one part a line, for drawings: "immediately" goes without saying there. */
export function edgeLines(transition: GraphTransition, all: readonly GraphTransition[]): string[] {
  const guard = guardWords(transition, all);
  const actions = decidingActions(transition);
  return [
    transition.trigger.kind === 'always' ? '' : triggerWords(transition.trigger),
    guard && `[${guard}]`,
    actions.length ? `/ ${actions.join(', ')}` : '',
  ].filter(Boolean);
}
