import type { KyInstance } from 'ky';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import type { AccountProvider } from '../core/account-provider.js';
import type { PayeeNameMatcher } from '../core/payee-name.js';
import { matchPayeeName } from '../name-check/index.js';
import type { CheckStore } from '../persistence/store/check-store.js';
import { memoryStore } from '../persistence/store/memory-store.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { GuardedLookup } from '../resilience/guarded-lookup.js';
import { providerHttp } from '../transport/provider-http.js';
import { ProviderPools } from '../transport/provider-pools.js';
import { HookFence } from '../util/hook-fence.js';
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
  fence: HookFence;
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

/**
 * An engine's parts from its options, without a container: the same wiring `precheckModule` binds, so that
 * `createPrecheck` does not load inversify (see `inversify()`). Throws `PrecheckConfigError` for unusable options.
 */
export function assembleEngine(options: PrecheckOptions): EngineParts {
  const config = readOptions(options);
  const pools = new ProviderPools(config.transports);
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
    });
    providers.set(definition.name, provider);
    builtins.push({ definition, settings, ...clients, provider });
  }
  for (const [name, provider] of Object.entries(options.customProviders ?? {})) providers.set(name, provider);
  const findProvider = (name: string) => providers.get(name);
  const lookup = guardedLookupOf(options, config, findProvider);
  const fence = new HookFence();
  const machine = provideMachine(config, { findProvider, lookup, hooks: fence, matchName: matchPayeeName });
  const store = options.store ?? memoryStore();
  return { options, config, pools, store, findProvider, lookup, fence, matchName: matchPayeeName, machine, builtins };
}
