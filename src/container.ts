import 'reflect-metadata';
import { Container } from 'inversify';
import ky from 'ky';
import { assign, fromPromise } from 'xstate';
import { precheckMachine } from '../machines/precheck.machine.js';
import { retryBackoff, retryFitsDeadline } from '../machines/retry-backoff.js';
import { readOptions } from './options/read-options.js';
import type { AccountProvider } from './providers/account-provider.js';
import { BeepProvider } from './providers/beep-provider.js';
import { BmoProvider } from './providers/bmo-provider.js';
import { validateRequest } from './request/validate-request.js';
import {
  ACCOUNT_PROVIDER,
  BEEP_HTTP,
  BEEP_SETTINGS,
  BMO_HTTP,
  BMO_SETTINGS,
  PRECHECK_MACHINE,
  PRECHECK_OPTIONS,
  PROVIDER_REGISTRY,
  GUARDED_LOOKUP,
} from './tokens.js';
import { GuardedLookup } from './resilience/guarded-lookup.js';
import type { PrecheckOptions } from './types/options.js';

/** Time left of a `bound` that started at `since`. */
const remaining = (since: number | undefined, bound: number) => Math.max(0, (since ?? Date.now()) + bound - Date.now());

/** A ky client for one provider: no ky retries or timeout (the machine owns both), redirects not followed. */
function providerHttp(baseUrl: string) {
  // Following a redirect would carry the credential headers to wherever the provider points.
  return ky.create({ prefixUrl: baseUrl, retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' });
}

/**
 * The composition root: configuration, one ky client per provider, the providers by name, and the machine with
 * its lookup supplied. Bind another `AccountProvider` under `ACCOUNT_PROVIDER` `whenNamed(name)` to add a provider.
 */
export function createContainer(options: PrecheckOptions): Container {
  const config = readOptions(options);
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(PRECHECK_OPTIONS).toConstantValue(options);

  const { bmo, beep } = options.providers;
  if (bmo) {
    container.bind(BMO_SETTINGS).toConstantValue(bmo);
    container.bind(BMO_HTTP).toConstantValue(providerHttp(bmo.baseUrl));
    container.bind(ACCOUNT_PROVIDER).to(BmoProvider).whenNamed('bmo');
  }
  if (beep) {
    container.bind(BEEP_SETTINGS).toConstantValue(beep);
    container.bind(BEEP_HTTP).toConstantValue(providerHttp(beep.baseUrl));
    container.bind(ACCOUNT_PROVIDER).to(BeepProvider).whenNamed('beep');
  }
  for (const [name, provider] of Object.entries(options.customProviders ?? {})) {
    container.bind(ACCOUNT_PROVIDER).toConstantValue(provider).whenNamed(name);
  }

  const providers = new Map<string, AccountProvider | undefined>();
  const findProvider = (name: string): AccountProvider | undefined => {
    if (!providers.has(name)) providers.set(name, container.get(ACCOUNT_PROVIDER, { name, optional: true }));
    return providers.get(name);
  };

  container.bind(PROVIDER_REGISTRY).toConstantValue(findProvider);
  container.bind(GUARDED_LOOKUP).toDynamicValue(() => new GuardedLookup(findProvider, config.guards, config.secrets));

  container.bind(PRECHECK_MACHINE).toDynamicValue((context) => {
    const guardedLookup = context.get(GUARDED_LOOKUP);
    return precheckMachine.provide({
      actions: {
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
      },
      actors: {
        lookupAccount: fromPromise(({ input, signal }) => guardedLookup.lookup(input, signal)),
      },
      guards: {
        attemptsRemain: ({ context }) =>
          context.attempts <= config.retries &&
          retryFitsDeadline(context, config.deadlineMs),
        unverifiableMayProceed: () => config.unverifiable === 'proceed',
        payeeConfirmationWanted: ({ context }) => context.target?.confirmPayee ?? config.confirmPayee,
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
  });
  return container;
}
