import { basicCredentials } from '../providers/shared/basic-credentials.js';
import { snapshotKey } from '../snapshot/snapshot-signature.js';
import { readTransports, transportCredentials } from '../transport/read-transport.js';
import type { PrecheckOptions } from '../types/options.js';
import { credentialForms } from '../util/redact.js';
import type { EngineConfig } from './engine-config.js';
import { parseOptions, type ParsedOptions } from './parse-options.js';
import { PrecheckConfigError } from './precheck-config-error.js';

export { PrecheckConfigError };

type Providers = ParsedOptions['providers'];

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Every configured key, secret and password, and each Basic authentication pair as it travels (base64): none may
 * appear in anything the engine gives out. Also what keys a fleet's digests.
 */
function secretsOf(providers: Providers): string[] {
  const { bmo, beep, gsma } = providers;
  const mtn = providers['mtn-momo'];
  const gsmaAuth = gsma?.auth;
  return [
    bmo?.apiKey,
    bmo?.apiSecret,
    beep?.password,
    mtn?.apiKey,
    mtn?.subscriptionKeys.collection,
    mtn?.subscriptionKeys.disbursement,
    mtn && basicCredentials(mtn.apiUser, mtn.apiKey),
    gsma?.apiKey,
    gsmaAuth?.type === 'basic' ? gsmaAuth.password : undefined,
    gsmaAuth?.type === 'basic' ? basicCredentials(gsmaAuth.username, gsmaAuth.password) : undefined,
    gsmaAuth?.type === 'oauth2' ? gsmaAuth.clientSecret : undefined,
    gsmaAuth?.type === 'oauth2' ? basicCredentials(gsmaAuth.clientId, gsmaAuth.clientSecret) : undefined,
  ].filter(isNonEmptyString);
}

/** Names that go with a secret (user names, API users, client ids): not secret alone, but cut out as well. */
function userNamesOf(providers: Providers): string[] {
  const gsmaAuth = providers.gsma?.auth;
  return [
    providers.beep?.username,
    providers['mtn-momo']?.apiUser,
    gsmaAuth?.type === 'basic' ? gsmaAuth.username : gsmaAuth?.type === 'oauth2' ? gsmaAuth.clientId : undefined,
  ].filter(isNonEmptyString);
}

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
      'no provider is configured: give at least one of providers.bmo, providers.beep, providers[\'mtn-momo\'], providers.gsma, or customProviders',
    );
  }
}
