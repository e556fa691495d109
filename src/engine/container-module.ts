import type { Bind, ContainerModule } from 'inversify';
import type { EngineConfig } from './options/engine-config.js';
import { builtinClients, callbackReceiversOf, guardedLookupOf, type EngineParts } from './engine-parts.js';
import { inversify } from './inversify.js';
import { provideMachine } from './machine-implementations.js';
import { matchPayeeName } from '../name-check/index.js';
import { readOptions } from './options/read-options.js';
import type { AccountProvider } from '../core/account-provider.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { MemoryCallbackRelay } from '../resilience/memory-callback-relay.js';
import { memoryStore } from '../persistence/store/memory-store.js';
import { ProviderPools } from '../transport/provider-pools.js';
import {
  ACCOUNT_PROVIDER,
  CALLBACK_RECEIVERS,
  CALLBACK_RELAY,
  CHECK_STORE,
  ENGINE_CONFIG,
  GUARDED_LOOKUP,
  HOOK_ISOLATION,
  NAME_MATCHER,
  PRECHECK_MACHINE,
  PRECHECK_OPTIONS,
  PROVIDER_POOLS,
  PROVIDER_REGISTRY,
} from './di-tokens.js';
import type { PrecheckOptions } from './options/precheck-options.js';
import { HookIsolation } from '../util/hook-isolation.js';

/**
 * precheck's bindings, for an application that has its own inversify container: configuration, one ky client per
 * provider over its own connection pool (`PROVIDER_POOLS`), the providers by name (`ACCOUNT_PROVIDER`, `whenNamed`),
 * the guarded lookup and the provided machine. Bind your own `AccountProvider` under `ACCOUNT_PROVIDER` `whenNamed('yours')` and the same machine drives it.
 * Throws `PrecheckConfigError` for unusable options.
 */
export function precheckModule(options: PrecheckOptions): ContainerModule {
  const config = readOptions(options);
  return new (inversify().ContainerModule)(({ bind }) => {
    const pools = new ProviderPools(config.transports);
    bind(PROVIDER_POOLS).toConstantValue(pools);
    bind(PRECHECK_OPTIONS).toConstantValue(options);
    bind(ENGINE_CONFIG).toConstantValue(config);
    const store = options.store ?? memoryStore();
    bind(CHECK_STORE).toConstantValue(store);
    bind(CALLBACK_RELAY)
      .toDynamicValue(() => store.callbackRelay?.() ?? new MemoryCallbackRelay())
      .inSingletonScope();
    for (const provider of BUILTIN_PROVIDERS) {
      const settings = options.providers[provider.name];
      if (settings) bindBuiltin(bind, provider, settings, pools.fetchFor(provider.name), config);
    }
    bind(CALLBACK_RECEIVERS)
      .toDynamicValue((context) => callbackReceiversOf(options, config, context.get(CALLBACK_RELAY)))
      .inSingletonScope();
    for (const [name, provider] of Object.entries(options.customProviders ?? {})) {
      bind(ACCOUNT_PROVIDER).toConstantValue(provider).whenNamed(name);
    }
    bind(PROVIDER_REGISTRY)
      .toDynamicValue((context) => {
        const found = new Map<string, AccountProvider>();
        return (name: string) => {
          let provider = found.get(name);
          if (!provider) {
            provider = context.get(ACCOUNT_PROVIDER, { name, optional: true });
            if (provider) found.set(name, provider);
          }
          return provider;
        };
      })
      .inSingletonScope();
    bind(GUARDED_LOOKUP)
      .toDynamicValue((context) => guardedLookupOf(options, config, context.get(PROVIDER_REGISTRY)))
      .inSingletonScope();
    bind(HOOK_ISOLATION).toConstantValue(new HookIsolation());
    bind(NAME_MATCHER).toConstantValue(matchPayeeName);
    bind(PRECHECK_MACHINE)
      .toDynamicValue((context) =>
        provideMachine(config, {
          findProvider: context.get(PROVIDER_REGISTRY),
          lookup: context.get(GUARDED_LOOKUP),
          hooks: context.get(HOOK_ISOLATION),
          matchName: context.get(NAME_MATCHER),
        }),
      )
      .inSingletonScope();
  });
}

/**
 * A built-in provider's bindings: its settings and ky clients (over `fetch`, its own pool) under its public DI ids
 * when it has them (so that an application may rebind them), and its adapter under `ACCOUNT_PROVIDER`, named.
 */
function bindBuiltin(
  bind: Bind,
  provider: ProviderDefinition,
  settings: { baseUrl: string },
  fetch: typeof globalThis.fetch,
  config: EngineConfig,
): void {
  const { http, absoluteHttp } = builtinClients(settings, fetch);
  const ids = provider.diTokens;
  if (ids) {
    bind(ids.settings).toConstantValue(settings);
    bind(ids.http).toConstantValue(http);
    if (ids.absoluteHttp) bind(ids.absoluteHttp).toConstantValue(absoluteHttp);
  }
  bind(ACCOUNT_PROVIDER)
    .toDynamicValue((context) =>
      provider.create({
        settings: ids ? context.get(ids.settings) : settings,
        http: ids ? context.get(ids.http) : http,
        absoluteHttp: ids?.absoluteHttp ? context.get(ids.absoluteHttp) : absoluteHttp,
        credentialForms: config.credentialForms,
        deadlineMs: config.deadlineMs,
        attemptTimeoutMs: config.timeoutMs,
        callbacks: context.get(CALLBACK_RELAY),
      }),
    )
    .inSingletonScope()
    .whenNamed(provider.name);
}

/**
 * The bindings of an engine already assembled (`createPrecheck`): every id `precheckModule` binds, each to the part
 * the engine uses, so that `precheck.container` resolves the very objects its checks go through.
 */
export function assembledModule(parts: EngineParts): ContainerModule {
  return new (inversify().ContainerModule)(({ bind }) => {
    bind(PROVIDER_POOLS).toConstantValue(parts.pools);
    bind(PRECHECK_OPTIONS).toConstantValue(parts.options);
    bind(ENGINE_CONFIG).toConstantValue(parts.config);
    bind(CHECK_STORE).toConstantValue(parts.store);
    bind(CALLBACK_RELAY).toConstantValue(parts.relay);
    bind(CALLBACK_RECEIVERS).toConstantValue(parts.receivers);
    for (const { definition, settings, http, absoluteHttp, provider } of parts.builtins) {
      const ids = definition.diTokens;
      if (ids) {
        bind(ids.settings).toConstantValue(settings);
        bind(ids.http).toConstantValue(http);
        if (ids.absoluteHttp) bind(ids.absoluteHttp).toConstantValue(absoluteHttp);
      }
      bind(ACCOUNT_PROVIDER).toConstantValue(provider).whenNamed(definition.name);
    }
    for (const [name, provider] of Object.entries(parts.options.customProviders ?? {})) {
      bind(ACCOUNT_PROVIDER).toConstantValue(provider).whenNamed(name);
    }
    bind(PROVIDER_REGISTRY).toConstantValue(parts.findProvider);
    bind(GUARDED_LOOKUP).toConstantValue(parts.lookup);
    bind(HOOK_ISOLATION).toConstantValue(parts.hooks);
    bind(NAME_MATCHER).toConstantValue(parts.matchName);
    bind(PRECHECK_MACHINE).toConstantValue(parts.machine);
  });
}
