import { assign } from 'xstate';
import { precheckMachine, type PrecheckMachine } from '../../machines/precheck.machine.js';
import { checkName, nameCheckStep } from '../../machines/precheck.name-check.js';
import { retryBackoff, retryFitsDeadline } from '../../machines/retry-backoff.js';
import type { PayeeNameMatcher } from '../core/payee-name.js';
import type { EngineConfig } from './options/engine-config.js';
import type { AccountProvider } from '../core/account-provider.js';
import { validateRequest } from '../core/validate-request.js';
import type { GuardedLookup } from '../resilience/guarded-lookup.js';
import { recordCheckSpan } from './telemetry.js';
import type { HookIsolation } from '../util/hook-isolation.js';
import { timerDelay } from '../core/timer-delay.js';
import { promiseActor } from './promise-actor.js';

/**
 * Time left of a `bound` that started at `since`, as a delay a timer honours: a `since` in the future (a snapshot
 * from a host whose clock runs ahead) must not push it past 2^31−1 ms, where Node would fire it at once.
 */
const remaining = (since: number | undefined, bound: number) => timerDelay((since ?? Date.now()) + bound - Date.now());

/** What the chart leaves to the engine, from the container. */
export interface MachineParts {
  findProvider: (name: string) => AccountProvider | undefined;
  lookup: GuardedLookup;
  hooks: HookIsolation;
  /** `NAME_MATCHER`. */
  matchName: PayeeNameMatcher;
}

/** The chart with what it leaves to the engine supplied: validation, the lookup, the name matcher, the policies, the timings. */
export function provideMachine(config: EngineConfig, { findProvider, lookup, hooks, matchName }: MachineParts): PrecheckMachine {
  return precheckMachine.provide({
    actions: {
      reportDecision: ({ context }) =>
        hooks.run('telemetry', () =>
          recordCheckSpan(context, {
            status: context.verdict?.status ?? 'abort',
            reason: context.verdict && 'reason' in context.verdict ? context.verdict.reason : undefined,
          }),
        ),
      checkRequest: assign(({ context }) => {
        const validation = validateRequest(context.request, findProvider);
        return validation.valid
          ? {
              request: undefined,
              target: validation.target,
              providerName: validation.displayName,
              createsAccounts: validation.createsAccounts,
            }
          : { request: undefined, verdict: { status: 'abort', reason: 'invalid-request', detail: validation.message } as const };
      }),
      checkName: assign(({ context }) => checkName(context, matchName)),
    },
    actors: {
      // A promiseActor: the chart runner calls the lookup itself, without an actor (chart-runner.ts).
      lookupAccount: promiseActor(({ input, signal }) => lookup.lookup(input, signal)),
    },
    guards: {
      attemptsRemain: ({ context }) => context.attempts <= config.retries && retryFitsDeadline(context, config.deadlineMs),
      unverifiableMayProceed: () => config.unverifiable === 'proceed',
      payeeConfirmationWanted: ({ context }) => context.target?.confirmPayee ?? config.confirmPayee,
      nameCheckAborts: ({ context }) => nameCheckStep(context, config.nameCheck) === 'abort',
      nameCheckAsksPayer: ({ context }) => nameCheckStep(context, config.nameCheck) === 'confirm',
    },
    delays: {
      // Counted from when the check started or began waiting, so that a restored actor keeps its original bound.
      deadline: ({ context }) => remaining(context.startedAt, config.deadlineMs),
      namesTimeout: ({ context }) => remaining(context.waitingSince, config.namesTimeoutMs),
      confirmationTimeout: ({ context }) => remaining(context.waitingSince, config.confirmationTimeoutMs),
      attemptTimeout: config.timeoutMs,
      retryBackoff: ({ context }) =>
        retryBackoff(
          context.attempts,
          config.backoffMs,
          context.answer?.kind === 'unavailable' ? context.answer.retryAfterMs : undefined,
        ),
    },
  });
}
