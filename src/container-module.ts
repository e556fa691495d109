import 'reflect-metadata';
import { ContainerModule } from 'inversify';
import { providerHttp } from './http/provider-http.js';
import { provideMachine } from './machine-implementations.js';
import { matchPayeeName } from './name-check/index.js';
import { readOptions } from './options/read-options.js';
import type { AccountProvider } from './core/account-provider.js';
import { BeepProvider } from './providers/beep/beep-provider.js';
import { BmoProvider } from './providers/bmo/bmo-provider.js';
import { GsmaProvider } from './providers/gsma/gsma-provider.js';
import { MtnMomoProvider } from './providers/mtn-momo/mtn-momo-provider.js';
import { GuardedLookup } from './resilience/guarded-lookup.js';
import { memoryStore } from './store/memory-store.js';
import { ProviderPools } from './transport/provider-pools.js';
import {
  ACCOUNT_PROVIDER,
  BEEP_HTTP,
  BEEP_SETTINGS,
  BMO_HTTP,
  BMO_SETTINGS,
  CHECK_STORE,
  ENGINE_CONFIG,
  GSMA_HTTP,
  GSMA_SETTINGS,
  GSMA_TOKEN_HTTP,
  GUARDED_LOOKUP,
  HOOK_FENCE,
  MTN_MOMO_HTTP,
  MTN_MOMO_SETTINGS,
  NAME_MATCHER,
  PRECHECK_MACHINE,
  PRECHECK_OPTIONS,
  PROVIDER_POOLS,
  PROVIDER_REGISTRY,
} from './tokens.js';
import type { PrecheckOptions } from './types/options.js';
import { HookFence } from './util/hook-fence.js';

/**
 * precheck's bindings, for an application that has its own inversify container: configuration, one ky client per
 * provider over its own connection pool (`PROVIDER_POOLS`), the providers by name (`ACCOUNT_PROVIDER`, `whenNamed`),
 * the guarded lookup and the provided machine. Bind your own `AccountProvider` under `ACCOUNT_PROVIDER` `whenNamed('yours')` and the same machine drives it.
 * Throws `PrecheckConfigError` for unusable options.
 */
export function precheckModule(options: PrecheckOptions): ContainerModule {
  const config = readOptions(options);
  return new ContainerModule(({ bind }) => {
    const pools = new ProviderPools(config.transports);
    bind(PROVIDER_POOLS).toConstantValue(pools);
    bind(PRECHECK_OPTIONS).toConstantValue(options);
    bind(ENGINE_CONFIG).toConstantValue(config);
    bind(CHECK_STORE).toConstantValue(options.store ?? memoryStore());
    const { bmo, beep } = options.providers;
    if (bmo) {
      bind(BMO_SETTINGS).toConstantValue(bmo);
      bind(BMO_HTTP).toConstantValue(providerHttp(bmo.baseUrl, pools.fetchFor('bmo')));
      bind(ACCOUNT_PROVIDER).to(BmoProvider).inSingletonScope().whenNamed('bmo');
    }
    if (beep) {
      bind(BEEP_SETTINGS).toConstantValue(beep);
      bind(BEEP_HTTP).toConstantValue(providerHttp(beep.baseUrl, pools.fetchFor('beep')));
      bind(ACCOUNT_PROVIDER).to(BeepProvider).inSingletonScope().whenNamed('beep');
    }
    const mtn = options.providers['mtn-momo'];
    if (mtn) {
      bind(MTN_MOMO_SETTINGS).toConstantValue(mtn);
      bind(MTN_MOMO_HTTP).toConstantValue(providerHttp(mtn.baseUrl, pools.fetchFor('mtn-momo')));
      bind(ACCOUNT_PROVIDER).to(MtnMomoProvider).inSingletonScope().whenNamed('mtn-momo');
    }
    const { gsma } = options.providers;
    if (gsma) {
      bind(GSMA_SETTINGS).toConstantValue(gsma);
      bind(GSMA_HTTP).toConstantValue(providerHttp(gsma.baseUrl, pools.fetchFor('gsma')));
      bind(GSMA_TOKEN_HTTP).toConstantValue(providerHttp(undefined, pools.fetchFor('gsma')));
      bind(ACCOUNT_PROVIDER).to(GsmaProvider).inSingletonScope().whenNamed('gsma');
    }
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
      .toDynamicValue((context) => {
        const share = options.store?.fleet;
        const fleet = share && {
          share,
          storeTimeoutMs: config.storeTimeoutMs,
          attemptTimeoutMs: config.timeoutMs,
          deadlineMs: config.deadlineMs,
          signingKeys: config.snapshotKeys,
        };
        return new GuardedLookup(context.get(PROVIDER_REGISTRY), config.guards, config.secrets, fleet);
      })
      .inSingletonScope();
    bind(HOOK_FENCE).toConstantValue(new HookFence());
    bind(NAME_MATCHER).toConstantValue(matchPayeeName);
    bind(PRECHECK_MACHINE)
      .toDynamicValue((context) =>
        provideMachine(config, {
          findProvider: context.get(PROVIDER_REGISTRY),
          lookup: context.get(GUARDED_LOOKUP),
          hooks: context.get(HOOK_FENCE),
          matchName: context.get(NAME_MATCHER),
        }),
      )
      .inSingletonScope();
  });
}
