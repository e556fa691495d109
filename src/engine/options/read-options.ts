import { BUILTIN_PROVIDERS, type BuiltinProvider } from '../../providers/builtin-providers.js';
import { formatPath } from '../../core/option-tree.js';
import { snapshotKey } from '../../persistence/snapshot/snapshot-signature.js';
import { readTransports, transportCredentials } from '../../transport/read-transport.js';
import type { PrecheckOptions } from './precheck-options.js';
import { credentialForms } from '../../core/redact.js';
import type { EngineConfig } from './engine-config.js';
import { parseOptions, type ParsedOptions } from './parse-options.js';
import { PrecheckConfigError } from '../../core/precheck-config-error.js';

export { PrecheckConfigError };

type Providers = ParsedOptions['providers'];

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** What each configured built-in provider's definition says of its settings (its secrets, its user names). */
function collect(providers: Providers, what: (provider: BuiltinProvider, settings: never) => readonly (string | undefined)[]): string[] {
  return BUILTIN_PROVIDERS.flatMap((provider) => {
    const settings = providers[provider.name];
    return settings ? what(provider, settings as never) : [];
  }).filter(isNonEmptyString);
}

/**
 * Every configured key, secret and password, and each Basic authentication pair as it travels (base64): none may
 * appear in anything the engine gives out. Also what keys a fleet's digests.
 */
const secretsOf = (providers: Providers) => collect(providers, (provider, settings) => provider.secrets(settings));

/** Names that go with a secret (user names, API users, client ids): not secret alone, but cut out as well. */
const userNamesOf = (providers: Providers) => collect(providers, (provider, settings) => provider.userNames(settings));

/**
 * Checks the options once, at start-up, against the options schema (every key known, every value of its type and
 * range: `PrecheckConfigError` otherwise), reads what needs reading (TLS files, the proxy environment) and fills in
 * the defaults.
 */
export function readOptions(options: PrecheckOptions): EngineConfig {
  const parsed = parseOptions(options);
  const { http, providers } = parsed;
  const transports = readTransports(parsed);
  const secrets = secretsOf(providers);
  return {
    timeoutMs: http.timeoutMs,
    retries: http.retries,
    backoffMs: http.backoffMs,
    unverifiable: parsed.unverifiable,
    namesTimeoutMs: parsed.namesTimeoutMs,
    confirmPayee: parsed.confirmPayee,
    confirmationTimeoutMs: parsed.confirmationTimeoutMs,
    nameCheck: parsed.nameCheck,
    secrets,
    credentialForms: credentialForms([...secrets, ...userNamesOf(providers), ...transportCredentials(transports)]),
    transports,
    deadlineMs: parsed.deadlineMs,
    storeTimeoutMs: parsed.storeTimeoutMs,
    retentionMs: parsed.retentionMs,
    snapshotKeys: (parsed.snapshotKeys ?? []).map((key) => snapshotKey(key)),
    guards: {
      cache: parsed.cache === false ? { ttlMs: 0, notFoundTtlMs: 0 } : parsed.cache,
      breaker: parsed.breaker,
      singleFlight: parsed.singleFlight,
      maxConcurrency: parsed.maxConcurrency,
      maxQueue: parsed.maxQueue,
    },
  };
}

/**
 * `createPrecheck`'s own rule: an engine asks at least one provider. (A container may bind its own providers under
 * `ACCOUNT_PROVIDER`, so `precheckModule` alone cannot tell.)
 */
export function requireSomeProvider(options: PrecheckOptions): void {
  const parsed = parseOptions(options);
  const configured = Object.values(parsed.providers).some(Boolean) || Object.keys(parsed.customProviders ?? {}).length > 0;
  if (!configured) {
    throw new PrecheckConfigError(
      `no provider is configured: give at least one of ${BUILTIN_PROVIDERS.map((provider) => `${formatPath(['providers', provider.name])}, `).join('')}or customProviders`,
    );
  }
}
