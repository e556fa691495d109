import { assign, fromPromise, setup } from 'xstate';
import type { LookupOutcome } from '../src/core/account-provider.js';
import type { AbortReason, Decision } from '../src/core/decision.js';
import type { LookupTarget, PrecheckRequest } from '../src/core/request.js';
import type { PauseMeta, PrecheckContext, PrecheckEvent } from './precheck.context.js';
import { echoIntent, echoProvider, usableNames } from './precheck.input.js';
import { decisionOf } from './precheck.decisions.js';
import { checkName, nameCheckStep } from './precheck.name-check.js';
import { traceTransitions } from './trace-transitions.js';

export type { PauseMeta, PrecheckContext, PrecheckEvent, Verdict } from './precheck.context.js';

/** Records entering a state in the trace. */
const enter = (state: string) => ({ type: 'recordState', params: { state } }) as const;

const notProvided = (name: string) => () => {
  throw new Error(`${name} is not provided: use createPrecheck().machine, or machine.provide({ actors: { ${name} } })`);
};

/** The output of a done actor event (setup's event types list only the events callers send). */
const outputOf = <T>(event: unknown): T => (event as { output: T }).output;

const answerIs = (kind: LookupOutcome['kind']) => ({ event }: { event: PrecheckEvent }) =>
  outputOf<LookupOutcome>(event).kind === kind;

/**
 * The pre-flight of one credit or debit: validate the request, look the account up with the provider injected as
 * `lookupAccount`, and decide. The same chart drives every provider. Every transition taken is recorded in
 * `context.transitions` (traceTransitions), the path a decision's trace carries.
 */
export const precheckMachine = traceTransitions(setup({
  types: {
    context: {} as PrecheckContext,
    events: {} as PrecheckEvent,
    input: {} as PrecheckRequest,
    output: {} as Decision,
    tags: {} as 'paused',
  },
  actors: {
    lookupAccount: fromPromise<LookupOutcome, LookupTarget>(notProvided('lookupAccount')),
  },
  guards: {
    requestIsValid: ({ context }) => context.target !== undefined,
    accountFound: answerIs('found'),
    accountNotFound: answerIs('not-found'),
    accountInactive: answerIs('inactive'),
    accountUnverifiable: answerIs('unverifiable'),
    accessRefused: answerIs('refused'),
    providerUnavailable: answerIs('unavailable'),
    credentialsRejected: ({ context }) => context.answer?.kind === 'refused' && context.answer.reason === 'auth-failed',
    /** The request names a currency and the provider lists the account's currencies without it. */
    currencyNotSupported: ({ context }) => {
      const currency = context.target?.currency;
      const answer = context.answer;
      return currency !== undefined && answer?.kind === 'found' && answer.supportedCurrencies !== undefined && !answer.supportedCurrencies.includes(currency);
    },
    isDebit: ({ context }) => context.intent === 'debit',
    providerCreatesAccounts: ({ context }) => context.createsAccounts,
    namesGiven: ({ context }) => context.target?.names !== undefined,
    namesAreUsable: ({ event }) => usableNames(event) !== undefined,
    payeeNameGiven: ({ context }) => context.target?.payeeName !== undefined,
    /** Overridden from `nameCheck` (engine), under the request's own `nameCheck`. */
    nameCheckAborts: ({ context }) => nameCheckStep(context) === 'abort',
    /** Overridden from `nameCheck` (engine), under the request's own `nameCheck`. */
    nameCheckAsksPayer: ({ context }) => nameCheckStep(context) === 'confirm',
    /** Overridden from `confirmPayee` (engine), unless the request says otherwise. */
    payeeConfirmationWanted: ({ context }) => context.target?.confirmPayee === true,
    /** Refused by the engine's own circuit breaker or bulkhead: retrying now would be refused again. */
    shedLocally: ({ context }) => context.answer?.kind === 'unavailable' && context.answer.shed !== undefined,
    /** Overridden from `http.retries` and `deadlineMs`. */
    attemptsRemain: () => false,
    /** Overridden from `unverifiable: 'proceed'`. */
    unverifiableMayProceed: () => false,
  },
  actions: {
    /** Overridden with the engine's validation (it needs the registered providers). */
    checkRequest: assign(() => ({
      request: undefined,
      verdict: { status: 'abort', reason: 'invalid-request', detail: 'validation is not provided' } as const,
    })),
    /** Overridden with the engine's matcher (`NAME_MATCHER`); without one, the name cannot be checked. */
    checkName: assign(({ context }) =>
      checkName(context, () => {
        throw new Error('no name matcher is provided');
      }),
    ),
    /** Overridden to report the decision (telemetry); the machine itself has no side effects. */
    reportDecision: () => {},
    startWaiting: assign({ waitingSince: () => Date.now() }),
    recordState: assign(({ context }, params: { state: string }) => ({
      trace: [...context.trace, { state: params.state, at: Date.now() }],
    })),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    rememberAnswer: assign({ answer: ({ event }) => outputOf<LookupOutcome>(event) }),
    rememberFailure: assign({
      answer: ({ event }) => ({
        kind: 'unexpected' as const,
        detail: `the lookup failed: ${String((event as { error?: { name?: unknown } }).error?.name ?? 'error')}`,
      }),
    }),
    noteTimeout: assign({ answer: { kind: 'unavailable', reason: 'timeout' } }),
    rememberNames: assign({
      target: ({ context, event }) =>
        event.type === 'NAMES' && context.target
          ? { ...context.target, names: usableNames(event) }
          : context.target,
    }),
    proceedWith: assign((_, params: { createAccount: boolean; verified: boolean }) => ({
      verdict: { status: 'proceed' as const, ...params },
    })),
    abortWith: assign((_, params: { reason: AbortReason }) => ({ verdict: { status: 'abort' as const, ...params } })),
    retryLater: assign({
      verdict: ({ context }) =>
        context.answer?.kind === 'unavailable'
          ? { status: 'retry' as const, reason: context.answer.reason, retryAfterMs: context.answer.retryAfterMs }
          : { status: 'retry' as const, reason: 'provider-unavailable' as const },
    }),
    deadlinePassed: assign({ verdict: { status: 'retry', reason: 'timeout' } }),
  },
  delays: {
    /** Overridden from `deadlineMs`. */
    deadline: 15_000,
    /** Overridden from `http.timeoutMs`. */
    attemptTimeout: 10_000,
    /** Overridden from `http.backoffMs`. */
    retryBackoff: 200,
    /** Overridden from `namesTimeoutMs`. */
    namesTimeout: 15 * 60_000,
    /** Overridden from `confirmationTimeoutMs`. */
    confirmationTimeout: 15 * 60_000,
  },
}).createMachine({
  id: 'precheck',
  context: ({ input }) => {
    const provider = echoProvider(input);
    return {
      request: input,
      provider,
      intent: echoIntent(input),
      providerName: provider,
      createsAccounts: false,
      attempts: 0,
      startedAt: Date.now(),
      trace: [],
      transitions: [],
    };
  },
  initial: 'checking',
  on: {
    CANCEL: { target: '.abort', actions: { type: 'abortWith', params: { reason: 'cancelled' } } },
  },
  states: {
    /** Talking to the provider; bounded as a whole by the deadline. */
    checking: {
      entry: enter('checking'),
      initial: 'validating',
      on: {
        // A snapshot taken mid-lookup: ask again, with the same transaction id, under the remaining deadline.
        RESUMED: { target: '.lookingUp', reenter: true },
      },
      after: {
        deadline: { target: 'retry', actions: 'deadlinePassed' },
      },
      states: {
        validating: {
          entry: [enter('validating'), 'checkRequest'],
          always: [{ guard: 'requestIsValid', target: 'lookingUp' }, { target: '#precheck.abort' }],
        },
        lookingUp: {
          entry: [enter('lookingUp'), 'countAttempt'],
          invoke: {
            id: 'lookupAccount',
            src: 'lookupAccount',
            input: ({ context }) => context.target!,
            onDone: [
              { guard: 'accountFound', target: '#precheck.found', actions: 'rememberAnswer' },
              { guard: 'accountNotFound', target: '#precheck.notFound', actions: 'rememberAnswer' },
              { guard: 'accountInactive', target: '#precheck.inactive', actions: 'rememberAnswer' },
              { guard: 'accountUnverifiable', target: '#precheck.unverifiable', actions: 'rememberAnswer' },
              { guard: 'accessRefused', target: '#precheck.refused', actions: 'rememberAnswer' },
              { guard: 'providerUnavailable', target: 'unavailable', actions: 'rememberAnswer' },
              { target: '#precheck.unexpectedAnswer', actions: 'rememberAnswer' },
            ],
            onError: { target: '#precheck.unexpectedAnswer', actions: 'rememberFailure' },
          },
          after: {
            attemptTimeout: { target: 'unavailable', actions: 'noteTimeout' },
          },
        },
        unavailable: {
          entry: enter('unavailable'),
          always: [
            { guard: 'shedLocally', target: '#precheck.retry', actions: 'retryLater' },
            { guard: 'attemptsRemain', target: 'waitingToRetry' },
            { target: '#precheck.retry', actions: 'retryLater' },
          ],
        },
        waitingToRetry: {
          entry: enter('waitingToRetry'),
          after: { retryBackoff: { target: 'lookingUp' } },
        },
      },
    },
    found: {
      entry: enter('found'),
      always: [
        { guard: 'currencyNotSupported', target: 'abort', actions: { type: 'abortWith', params: { reason: 'currency-not-supported' } } },
        { guard: 'payeeNameGiven', target: 'checkingName' },
        { guard: 'payeeConfirmationWanted', target: 'awaitingConfirmation', actions: 'startWaiting' },
        { target: 'proceed', actions: { type: 'proceedWith', params: { createAccount: false, verified: true } } },
      ],
    },
    /**
     * The name the payer typed against the name the provider holds (the injected matcher), then the `nameCheck`
     * policy: stop, ask the payer, or go on as a found account does. Leaves no held name behind (see checkName).
     */
    checkingName: {
      entry: [enter('checkingName'), 'checkName'],
      always: [
        { guard: 'nameCheckAborts', target: 'abort', actions: { type: 'abortWith', params: { reason: 'name-mismatch' } } },
        { guard: 'nameCheckAsksPayer', target: 'awaitingConfirmation', actions: 'startWaiting' },
        { guard: 'payeeConfirmationWanted', target: 'awaitingConfirmation', actions: 'startWaiting' },
        { target: 'proceed', actions: { type: 'proceedWith', params: { createAccount: false, verified: true } } },
      ],
    },
    /**
     * The payer is shown the account's name (with a name check: the held name on a close match, else none and a
     * warning) and confirms this is who they mean to pay.
     */
    awaitingConfirmation: {
      tags: ['paused'],
      meta: { waitingFor: 'confirmation', timeoutOption: 'confirmationTimeoutMs' } satisfies PauseMeta,
      entry: enter('awaitingConfirmation'),
      on: {
        CONFIRM: { target: 'proceed', actions: { type: 'proceedWith', params: { createAccount: false, verified: true } } },
        REJECT: { target: 'abort', actions: { type: 'abortWith', params: { reason: 'payee-rejected' } } },
        RESUMED: { target: 'awaitingConfirmation', reenter: true },
      },
      after: {
        confirmationTimeout: {
          target: 'abort',
          actions: { type: 'abortWith', params: { reason: 'confirmation-timeout' } },
        },
      },
    },
    notFound: {
      entry: enter('notFound'),
      always: [
        { guard: 'isDebit', target: 'abort', actions: { type: 'abortWith', params: { reason: 'account-not-found' } } },
        { guard: 'providerCreatesAccounts', target: 'creditCreatesAccount' },
        { target: 'abort', actions: { type: 'abortWith', params: { reason: 'account-not-found' } } },
      ],
    },
    creditCreatesAccount: {
      entry: enter('creditCreatesAccount'),
      always: [
        {
          guard: 'namesGiven',
          target: 'proceed',
          actions: { type: 'proceedWith', params: { createAccount: true, verified: false } },
        },
        { target: 'awaitingNames', actions: 'startWaiting' },
      ],
    },
    awaitingNames: {
      tags: ['paused'],
      meta: { waitingFor: 'names', timeoutOption: 'namesTimeoutMs' } satisfies PauseMeta,
      entry: enter('awaitingNames'),
      on: {
        NAMES: {
          guard: 'namesAreUsable',
          target: 'proceed',
          actions: ['rememberNames', { type: 'proceedWith', params: { createAccount: true, verified: false } }],
        },
        RESUMED: { target: 'awaitingNames', reenter: true },
      },
      after: {
        namesTimeout: { target: 'abort', actions: { type: 'abortWith', params: { reason: 'names-required' } } },
      },
    },
    /** The account exists but cannot take transactions: neither a credit nor a debit can go through. */
    inactive: {
      entry: enter('inactive'),
      always: { target: 'abort', actions: { type: 'abortWith', params: { reason: 'account-inactive' } } },
    },
    unverifiable: {
      entry: enter('unverifiable'),
      always: [
        {
          guard: 'unverifiableMayProceed',
          target: 'proceed',
          actions: { type: 'proceedWith', params: { createAccount: false, verified: false } },
        },
        { target: 'abort', actions: { type: 'abortWith', params: { reason: 'validation-unavailable' } } },
      ],
    },
    refused: {
      entry: enter('refused'),
      always: [
        {
          guard: 'credentialsRejected',
          target: 'abort',
          actions: { type: 'abortWith', params: { reason: 'auth-failed' } },
        },
        { target: 'abort', actions: { type: 'abortWith', params: { reason: 'service-not-configured' } } },
      ],
    },
    unexpectedAnswer: {
      entry: enter('unexpectedAnswer'),
      always: { target: 'abort', actions: { type: 'abortWith', params: { reason: 'unexpected-response' } } },
    },
    proceed: { type: 'final', entry: [enter('proceed'), 'reportDecision'] },
    abort: { type: 'final', entry: [enter('abort'), 'reportDecision'] },
    retry: { type: 'final', entry: [enter('retry'), 'reportDecision'] },
  },
  output: ({ context }) => decisionOf(context),
}));

export type PrecheckMachine = typeof precheckMachine;
