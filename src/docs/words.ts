import type { GraphAction, GraphTransition, Trigger } from './machine-graph.js';

/** Events as a payments person says them. Unknown events are shown as they are. */
const EVENT_WORDS: Record<string, string> = {
  CANCEL: 'caller cancels',
  NAMES: 'names given',
  CONFIRM: 'payer confirms',
  REJECT: 'payer rejects',
  RESUMED: 'restored from a snapshot',
  REQUEST_SUCCEEDED: 'provider answered',
  REQUEST_FAILED: 'transient failure',
  PROBE_SENT: 'probe sent',
  OPEN_ELSEWHERE: 'another instance opened its circuit',
};

/** What each named delay bounds. */
const DELAY_WORDS: Record<string, string> = {
  deadline: 'whole-check deadline',
  attemptTimeout: 'per-attempt timeout',
  retryBackoff: 'back-off between attempts',
  namesTimeout: 'wait for names',
  confirmationTimeout: 'wait for the payer',
  cooldown: 'circuit cool-down',
  hintEnds: "the other instance's cool-down",
};

/** Invoked actors: what their done event means (their error event is "… failed"). */
const ACTOR_WORDS: Record<string, { done: string; error: string }> = {
  lookupAccount: { done: 'lookup answered', error: 'lookup failed' },
  validateRequest: { done: 'request checked', error: 'request check failed' },
};

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
  payeeNameGiven: 'payee name given',
  nameCheckAborts: 'name check: abort (policy)',
  nameCheckAsksPayer: 'name check: ask the payer (policy)',
  shedLocally: 'refused locally: circuit open or queue full',
  attemptsRemain: 'attempts and time left',
  unverifiableMayProceed: "unverifiable: 'proceed'",
  failureThresholdReached: 'failure threshold reached',
};

/** The actions that decide the outcome: worth showing on a chart's edge. */
const DECIDING_ACTIONS = new Set(['proceedWith', 'abortWith', 'retryLater', 'deadlinePassed']);

/** `camelCaseName` → `camel case name`. */
export function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** What makes the transition happen, e.g. `lookup answered`, `after attemptTimeout (per-attempt timeout)`. */
export function triggerWords(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'event':
      return EVENT_WORDS[trigger.event] ? `${trigger.event} (${EVENT_WORDS[trigger.event]})` : trigger.event;
    case 'always':
      return 'immediately';
    case 'after':
      return `${delayName(trigger.delay)}${DELAY_WORDS[trigger.delay] ? ` (${DELAY_WORDS[trigger.delay]})` : ''}`;
    case 'done':
      return ACTOR_WORDS[trigger.actor]?.done ?? `${splitWords(trigger.actor)} answered`;
    case 'error':
      return ACTOR_WORDS[trigger.actor]?.error ?? `${splitWords(trigger.actor)} failed`;
  }
}

const delayName = (delay: string) => `after ${delay}${/^\d+$/.test(delay) ? ' ms' : ''}`;

export function sameTrigger(a: Trigger, b: Trigger): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The guard in words; an unguarded transition after guarded ones for the same trigger is the "otherwise" branch. */
export function guardWords(transition: GraphTransition, siblings: readonly GraphTransition[]): string {
  if (transition.guard) return GUARD_WORDS[transition.guard] ?? splitWords(transition.guard);
  const guardedBefore = siblings.some(
    (other) =>
      other !== transition && other.from === transition.from && sameTrigger(other.trigger, transition.trigger) && other.guard,
  );
  return guardedBefore ? 'otherwise' : '';
}

/** An action by name, with its parameters: `abortWith(account-not-found)`, `proceedWith(createAccount: true, …)`. */
export function actionWords(action: GraphAction): string {
  const params = Object.entries(action.params ?? {});
  if (params.length === 0) return action.type;
  if (params.length === 1 && typeof params[0][1] === 'string') return `${action.type}(${params[0][1]})`;
  return `${action.type}(${params.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ')})`;
}

/** A deciding action as a chart says it: `proceed (create account, unverified)`, `abort: account-not-found`. */
export function outcomeWords(action: GraphAction): string {
  const params = action.params ?? {};
  switch (action.type) {
    case 'proceedWith':
      return `proceed (${[params.createAccount ? 'create account' : '', params.verified ? 'verified' : 'unverified'].filter(Boolean).join(', ')})`;
    case 'abortWith':
      return `abort: ${String(params.reason)}`;
    case 'retryLater':
      return 'retry';
    case 'deadlinePassed':
      return 'retry: timeout';
    default:
      return actionWords(action);
  }
}

/** The actions worth showing on an edge: the ones that decide. */
export function decidingActions(transition: GraphTransition): string[] {
  return transition.actions.filter((action) => DECIDING_ACTIONS.has(action.type)).map(outcomeWords);
}

/**
 * The parts of an edge's label: trigger, `[guard]`, `/ outcome`. Terse on a drawing: "immediately" goes without
 * saying there, and a delay is named without what it bounds.
 */
export function edgeParts(transition: GraphTransition, all: readonly GraphTransition[], terse: boolean): string[] {
  const guard = guardWords(transition, all);
  const actions = decidingActions(transition);
  const { trigger } = transition;
  return [
    terse && trigger.kind === 'always' ? '' : terse && trigger.kind === 'after' ? delayName(trigger.delay) : triggerWords(trigger),
    guard && `[${guard}]`,
    actions.length ? `/ ${actions.join(', ')}` : '',
  ].filter(Boolean);
}

/** One line, for Mermaid: terse (no "immediately", a delay by its name), the guard's full words in the table. */
export function edgeLabel(transition: GraphTransition, all: readonly GraphTransition[]): string {
  return edgeParts(transition, all, true).join(' ');
}

/** Shorter guard words for a chart's edges, where the full words are long (the table has them in full). */
const SHORT_GUARD_WORDS: Record<string, string> = {
  requestIsValid: 'valid',
  accountUnverifiable: 'unverifiable',
  providerCreatesAccounts: 'provider creates',
  payeeConfirmationWanted: 'confirm payee',
  nameCheckAborts: 'name check: abort',
  nameCheckAsksPayer: 'name check: ask',
  shedLocally: 'refused locally',
  attemptsRemain: 'attempts left',
  unverifiableMayProceed: 'may proceed',
  failureThresholdReached: 'threshold reached',
};

/**
 * An edge's label on a chart: short, one line. The event (a delay by its name, a lookup's answer by the guard that
 * read it) and `[guard]`; an eventless transition by its guard alone. Outcomes are said by the outcome drawn.
 */
export function shortEdgeLabel(transition: GraphTransition, all: readonly GraphTransition[]): string {
  const guard = transition.guard ? (SHORT_GUARD_WORDS[transition.guard] ?? GUARD_WORDS[transition.guard] ?? splitWords(transition.guard)) : guardWords(transition, all);
  const { trigger } = transition;
  switch (trigger.kind) {
    case 'always':
      return guard;
    case 'done':
      return guard === 'otherwise' ? 'other answer' : guard || 'answered';
    case 'error':
      return ACTOR_WORDS[trigger.actor]?.error ?? `${splitWords(trigger.actor)} failed`;
    case 'after':
      return [delayName(trigger.delay), guard && `[${guard}]`].filter(Boolean).join(' ');
    case 'event':
      return [trigger.event, guard && `[${guard}]`].filter(Boolean).join(' ');
  }
}
