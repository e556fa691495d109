import type { KyInstance } from 'ky';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import type { AccountProvider } from '../core/account-provider.js';
import type { PayeeNameMatcher } from '../core/payee-name.js';
import { matchPayeeName } from '../name-check/index.js';
import type { CheckStore } from '../persistence/store/check-store.js';
import { memoryStore } from '../persistence/store/memory-store.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import type { CallbackRelay } from '../core/callback-relay.js';
import type { CallbackReceiver, ProviderDefinition } from '../providers/provider-definition.js';
import { MemoryCallbackRelay } from '../resilience/memory-callback-relay.js';
import { GuardedLookup } from '../resilience/guarded-lookup.js';
import { providerHttp } from '../transport/provider-http.js';
import { ProviderPools } from '../transport/provider-pools.js';
import { HookIsolation } from '../util/hook-isolation.js';
import { provideMachine } from './machine-implementations.js';
import type { EngineConfig } from './options/engine-config.js';
import type { PrecheckOptions } from './options/precheck-options.js';
import { readOptions } from './options/read-options.js';

/** Everything an engine is made of: what `createPrecheck` assembles, and what `precheckModule` binds. */
export interface EngineParts {
  options: PrecheckOptions;
  config: EngineConfig;
  pools: ProviderPools;
  store: CheckStore;
  findProvider: (name: string) => AccountProvider | undefined;
  lookup: GuardedLookup;
  hooks: HookIsolation;
  /** Where lookups answered by callback wait: the store's relay when it has one, else the process's own. */
  relay: CallbackRelay;
  /** Each built-in provider's callback receiver, by provider name (built with the engine: its keys are checked then). */
  receivers: ReadonlyMap<string, CallbackReceiver>;
  matchName: PayeeNameMatcher;
  machine: PrecheckMachine;
  /** Each configured built-in provider with its settings and ky clients (bound under its DI ids). */
  builtins: BuiltinParts[];
}

export interface BuiltinParts {
  definition: ProviderDefinition;
  settings: { baseUrl: string };
  http: KyInstance;
  absoluteHttp: KyInstance;
  provider: AccountProvider;
}

/** A built-in provider's ky clients over `fetch` (its own pool): one with its base URL, one for absolute URLs. */
export function builtinClients(settings: { baseUrl: string }, fetch: typeof globalThis.fetch) {
  return { http: providerHttp(settings.baseUrl, fetch), absoluteHttp: providerHttp(undefined, fetch) };
}

/** The guarded lookup over `findProvider`, shared with the fleet when the store is one. */
export function guardedLookupOf(options: PrecheckOptions, config: EngineConfig, findProvider: (name: string) => AccountProvider | undefined) {
  const share = options.store?.fleet;
  const fleet = share && {
    share,
    storeTimeoutMs: config.storeTimeoutMs,
    attemptTimeoutMs: config.timeoutMs,
    deadlineMs: config.deadlineMs,
    signingKeys: config.snapshotKeys,
  };
  return new GuardedLookup(findProvider, config.guards, config.secrets, fleet);
}

/** Each configured built-in provider's callback receiver (a provider answered by callback), by name. */
export function callbackReceiversOf(options: PrecheckOptions, config: EngineConfig, callbacks: CallbackRelay): ReadonlyMap<string, CallbackReceiver> {
  const receivers = new Map<string, CallbackReceiver>();
  for (const provider of BUILTIN_PROVIDERS as readonly ProviderDefinition[]) {
    const settings = (options.providers as Record<string, unknown>)[provider.name];
    const receiver = provider.callbackReceiver?.({ settings, callbacks, credentialForms: config.credentialForms });
    if (receiver) receivers.set(provider.name, receiver);
  }
  return receivers;
}

/**
 * An engine's parts from its options, without a container: the same wiring `precheckModule` binds, so that
 * `createPrecheck` does not load inversify (see `inversify()`). Throws `PrecheckConfigError` for unusable options.
 */
export function assembleEngine(options: PrecheckOptions): EngineParts {
  const config = readOptions(options);
  const pools = new ProviderPools(config.transports);
  const store = options.store ?? memoryStore();
  const relay = store.callbackRelay?.() ?? new MemoryCallbackRelay();
  const providers = new Map<string, AccountProvider>();
  const builtins: BuiltinParts[] = [];
  for (const definition of BUILTIN_PROVIDERS as readonly ProviderDefinition[]) {
    const settings = (options.providers as Record<string, { baseUrl: string } | undefined>)[definition.name];
    if (!settings) continue;
    const clients = builtinClients(settings, pools.fetchFor(definition.name));
    const provider = definition.create({
      settings,
      ...clients,
      credentialForms: config.credentialForms,
      deadlineMs: config.deadlineMs,
      attemptTimeoutMs: config.timeoutMs,
      callbacks: relay,
    });
    providers.set(definition.name, provider);
    builtins.push({ definition, settings, ...clients, provider });
  }
  for (const [name, provider] of Object.entries(options.customProviders ?? {})) providers.set(name, provider);
  const findProvider = (name: string) => providers.get(name);
  const lookup = guardedLookupOf(options, config, findProvider);
  const hooks = new HookIsolation();
  const machine = provideMachine(config, { findProvider, lookup, hooks, matchName: matchPayeeName });
  const receivers = callbackReceiversOf(options, config, relay);
  return { options, config, pools, store, findProvider, lookup, hooks, relay, receivers, matchName: matchPayeeName, machine, builtins };
}
