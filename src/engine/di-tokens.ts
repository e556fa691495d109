import type { ServiceIdentifier } from 'inversify';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import type { PayeeNameMatcher } from '../core/payee-name.js';
import type { CheckStore } from '../persistence/store/check-store.js';
import type { AccountProvider } from '../core/account-provider.js';
import type { GuardedLookup } from '../resilience/guarded-lookup.js';
import type { EngineConfig } from './options/engine-config.js';
import type { PrecheckOptions } from './options/precheck-options.js';
import type { ProviderPools } from '../transport/provider-pools.js';
import type { HookFence } from '../util/hook-fence.js';
import type { CallbackRelay } from '../core/callback-relay.js';
import type { CallbackReceiver } from '../providers/provider-definition.js';

/** The options read and defaulted. */
export const ENGINE_CONFIG = Symbol.for('precheck.EngineConfig') as ServiceIdentifier<EngineConfig>;
/** The engine's options as given to `createPrecheck`. */
export const PRECHECK_OPTIONS = Symbol.for('precheck.Options') as ServiceIdentifier<PrecheckOptions>;
/** Each built-in provider's connection pool (`precheck.close()` closes them). */
export const PROVIDER_POOLS = Symbol.for('precheck.ProviderPools') as ServiceIdentifier<ProviderPools>;
/** Account providers, bound by name (`whenNamed('bmo')`). */
export const ACCOUNT_PROVIDER = Symbol.for('precheck.AccountProvider') as ServiceIdentifier<AccountProvider>;
/** The precheck machine with this container's providers and policies supplied. */
export const PRECHECK_MACHINE = Symbol.for('precheck.Machine') as ServiceIdentifier<PrecheckMachine>;
/** Finds a registered provider by name. */
export const PROVIDER_REGISTRY = Symbol.for('precheck.ProviderRegistry') as ServiceIdentifier<
  (name: string) => AccountProvider | undefined
>;
/** Providers behind the cache, single flight, circuit breakers and bulkheads. */
export const GUARDED_LOOKUP = Symbol.for('precheck.GuardedLookup') as ServiceIdentifier<GuardedLookup>;
/** Where paused checks live: the `store` option, or a `memoryStore()`. */
export const CHECK_STORE = Symbol.for('precheck.CheckStore') as ServiceIdentifier<CheckStore>;
/** Runs the caller's hooks (telemetry, `inspect`) so that a throwing one changes no decision; one per engine. */
export const HOOK_FENCE = Symbol.for('precheck.HookFence') as ServiceIdentifier<HookFence>;
/**
 * Compares the name a payer typed with the name a provider holds: `matchPayeeName` unless you bind your own
 * (`container.rebind(NAME_MATCHER).toConstantValue(yours)` before `precheckFrom(container)`).
 */
export const NAME_MATCHER = Symbol.for('precheck.NameMatcher') as ServiceIdentifier<PayeeNameMatcher>;
/** Where lookups answered by callback wait: the store's `callbackRelay()` when it has one, else the process's own. */
export const CALLBACK_RELAY = Symbol.for('precheck.CallbackRelay') as ServiceIdentifier<CallbackRelay>;
/** Each built-in provider's callback receiver, by provider name (built at start-up). */
export const CALLBACK_RECEIVERS = Symbol.for('precheck.CallbackReceivers') as ServiceIdentifier<ReadonlyMap<string, CallbackReceiver>>;
