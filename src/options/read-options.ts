import { basicCredentials } from '../providers/basic-credentials.js';
import { DEFAULT_BEEP_PATH } from '../providers/beep-provider.js';
import { GSMA_IDENTIFIER_TYPES } from '../providers/gsma/identifier-types.js';
import { PrecheckConfigError } from './precheck-config-error.js';
import { readCount } from './read-count.js';
import { MAX_SNAPSHOT_KEYS, MIN_SNAPSHOT_KEY_BYTES, snapshotKey, type SnapshotKey } from '../snapshot/snapshot-signature.js';
import type { PrecheckOptions } from '../types/options.js';
import { DEFAULT_NAME_CHECK_POLICY, type NameCheckPolicy } from '../types/request.js';
import { readTransports, transportCredentials } from '../transport/read-transport.js';
import { credentialForms } from '../util/redact.js';
import type { EngineConfig } from './engine-config.js';

export { PrecheckConfigError };

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The authority of an absolute URL as written (WHATWG URL drops an empty userinfo such as `http://@host`). */
const authorityOf = (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)/.exec(value)?.[1] ?? '';

function requireBaseUrl(where: string, value: unknown): void {
  requireUrl(`${where}.baseUrl`, value);
}

function requireUrl(where: string, value: unknown): void {
  let url: URL | undefined;
  try {
    url = isNonEmptyString(value) ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new PrecheckConfigError(`${where} must be an http(s) URL without query, fragment or user info`);
  }
  // Any user info, even an empty name with a password (`http://:pw@host`): credentials go in their own settings.
  if (url.username || url.password || authorityOf(value as string).includes('@')) {
    throw new PrecheckConfigError(`${where} must not carry user info (user:password@): give credentials in their own settings`);
  }
}

function requireCredential(where: string, value: unknown): void {
  if (!isNonEmptyString(value)) throw new PrecheckConfigError(`${where} must be a non-empty string`);
}

/**
 * A credential sent as an HTTP header value: visible ASCII (U+0021–U+007E) or visible Latin-1 (U+00A1–U+00FF), with
 * spaces only between them. Anything else either cannot be sent (fetch refuses CR, LF, NUL and characters beyond
 * U+00FF), or is silently changed on the way (leading and trailing whitespace is stripped).
 */
const HEADER_SAFE = /^[\x21-\x7E\xA1-\xFF](?:[\x20\x21-\x7E\xA1-\xFF]*[\x21-\x7E\xA1-\xFF])?$/;

function requireHeaderCredential(where: string, value: unknown): void {
  requireCredential(where, value);
  if (!HEADER_SAFE.test(value as string)) {
    throw new PrecheckConfigError(
      `${where} cannot be sent in an HTTP header: use visible ASCII or Latin-1 characters (U+0021–U+007E, U+00A1–U+00FF), spaces only between them`,
    );
  }
}

const requireCount = (where: string, value: unknown, fallback: number, min: number): number => readCount(where, value, min) ?? fallback;

/** 1 to 4 distinct secrets of at least 32 bytes each (UTF-8). Messages name the position, never the key. */
function readSnapshotKeys(value: unknown): SnapshotKey[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SNAPSHOT_KEYS) {
    throw new PrecheckConfigError(
      `snapshotKeys must be a list of 1 to ${MAX_SNAPSHOT_KEYS} secrets (the first signs); leave it out to disable signing`,
    );
  }
  value.forEach((key, i) => {
    if (typeof key !== 'string' || Buffer.byteLength(key, 'utf8') < MIN_SNAPSHOT_KEY_BYTES) {
      throw new PrecheckConfigError(`snapshotKeys[${i}] must be a string of at least ${MIN_SNAPSHOT_KEY_BYTES} bytes (UTF-8)`);
    }
    if (value.indexOf(key) !== i) throw new PrecheckConfigError(`snapshotKeys[${i}] repeats an earlier key`);
  });
  return value.map((key: string) => snapshotKey(key));
}

/** A target environment is a word (`sandbox`, `mtnbenin`): it travels as a header value. */
const TARGET_ENVIRONMENT = /^[A-Za-z0-9_-]{1,64}$/;

function readMtnMomo(mtn: NonNullable<PrecheckOptions['providers']['mtn-momo']>): void {
  const where = "providers['mtn-momo']";
  if (typeof mtn !== 'object' || mtn === null) throw new PrecheckConfigError(`${where} must be an object`);
  requireBaseUrl(where, mtn.baseUrl);
  requireHeaderCredential(`${where}.apiUser`, mtn.apiUser);
  if ((mtn.apiUser as string).includes(':')) throw new PrecheckConfigError(`${where}.apiUser cannot contain ':' (Basic authentication)`);
  requireHeaderCredential(`${where}.apiKey`, mtn.apiKey);
  const keys: unknown = mtn.subscriptionKeys;
  if (typeof keys !== 'object' || keys === null) {
    throw new PrecheckConfigError(`${where}.subscriptionKeys must be { collection?, disbursement? }`);
  }
  const { collection, disbursement } = keys as Record<string, unknown>;
  if (collection === undefined && disbursement === undefined) {
    throw new PrecheckConfigError(`${where}.subscriptionKeys needs a key for collection (debits), disbursement (credits), or both`);
  }
  if (collection !== undefined) requireHeaderCredential(`${where}.subscriptionKeys.collection`, collection);
  if (disbursement !== undefined) requireHeaderCredential(`${where}.subscriptionKeys.disbursement`, disbursement);
  if (typeof mtn.targetEnvironment !== 'string' || !TARGET_ENVIRONMENT.test(mtn.targetEnvironment)) {
    throw new PrecheckConfigError(`${where}.targetEnvironment must be a word such as sandbox or mtnbenin (letters, digits, _ and -)`);
  }
}

function readGsma(gsma: NonNullable<PrecheckOptions['providers']['gsma']>): void {
  const where = 'providers.gsma';
  if (typeof gsma !== 'object' || gsma === null) throw new PrecheckConfigError(`${where} must be an object`);
  requireBaseUrl(where, gsma.baseUrl);
  const auth: unknown = gsma.auth;
  if (typeof auth !== 'object' || auth === null || !('type' in auth)) {
    throw new PrecheckConfigError(`${where}.auth must be { type: 'basic', username, password } or { type: 'oauth2', tokenUrl, clientId, clientSecret }`);
  }
  if (auth.type === 'basic') {
    const { username, password } = auth as Record<string, unknown>;
    requireHeaderCredential(`${where}.auth.username`, username);
    if ((username as string).includes(':')) throw new PrecheckConfigError(`${where}.auth.username cannot contain ':' (Basic authentication)`);
    requireHeaderCredential(`${where}.auth.password`, password);
  } else if (auth.type === 'oauth2') {
    const { tokenUrl, clientId, clientSecret } = auth as Record<string, unknown>;
    requireUrl(`${where}.auth.tokenUrl`, tokenUrl);
    requireHeaderCredential(`${where}.auth.clientId`, clientId);
    if ((clientId as string).includes(':')) throw new PrecheckConfigError(`${where}.auth.clientId cannot contain ':' (Basic authentication)`);
    requireHeaderCredential(`${where}.auth.clientSecret`, clientSecret);
  } else {
    throw new PrecheckConfigError(`${where}.auth.type must be 'basic' or 'oauth2'`);
  }
  if (gsma.apiKey !== undefined) requireHeaderCredential(`${where}.apiKey`, gsma.apiKey);
  if (gsma.identifierType !== undefined && !(GSMA_IDENTIFIER_TYPES as readonly unknown[]).includes(gsma.identifierType)) {
    throw new PrecheckConfigError(`${where}.identifierType must be one of ${GSMA_IDENTIFIER_TYPES.join(', ')}`);
  }
}

/**
 * Every configured key, secret and password, and each Basic authentication pair as it travels (base64): none may
 * appear in anything the engine gives out. Also what keys a fleet's digests.
 */
function secretsOf(providers: PrecheckOptions['providers']): string[] {
  const { bmo, beep, gsma } = providers;
  const mtn = providers['mtn-momo'];
  const gsmaAuth = gsma?.auth;
  return [
    bmo?.apiKey,
    bmo?.apiSecret,
    beep?.password,
    mtn?.apiKey,
    mtn?.subscriptionKeys?.collection,
    mtn?.subscriptionKeys?.disbursement,
    mtn && basicCredentials(mtn.apiUser, mtn.apiKey),
    gsma?.apiKey,
    gsmaAuth?.type === 'basic' ? gsmaAuth.password : undefined,
    gsmaAuth?.type === 'basic' ? basicCredentials(gsmaAuth.username, gsmaAuth.password) : undefined,
    gsmaAuth?.type === 'oauth2' ? gsmaAuth.clientSecret : undefined,
    gsmaAuth?.type === 'oauth2' ? basicCredentials(gsmaAuth.clientId, gsmaAuth.clientSecret) : undefined,
  ].filter(isNonEmptyString);
}

/** Names that go with a secret (user names, API users, client ids): not secret alone, but cut out as well. */
function userNamesOf(providers: PrecheckOptions['providers']): string[] {
  const gsmaAuth = providers.gsma?.auth;
  return [
    providers.beep?.username,
    providers['mtn-momo']?.apiUser,
    gsmaAuth?.type === 'basic' ? gsmaAuth.username : gsmaAuth?.type === 'oauth2' ? gsmaAuth.clientId : undefined,
  ].filter(isNonEmptyString);
}

const NAME_CHECK_CHOICES: { [K in keyof NameCheckPolicy]: readonly NameCheckPolicy[K][] } = {
  onCloseMatch: ['confirm', 'proceed', 'abort'],
  onNoMatch: ['abort', 'confirm'],
  onNotPossible: ['proceed', 'confirm', 'abort'],
};

/** `nameCheck`: an object of known fields, each one of its choices; the defaults for the rest. */
function readNameCheck(value: unknown): NameCheckPolicy {
  if (value === undefined) return { ...DEFAULT_NAME_CHECK_POLICY };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PrecheckConfigError('nameCheck must be an object: { onCloseMatch?, onNoMatch?, onNotPossible? }');
  }
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(NAME_CHECK_CHOICES, key));
  if (unknown.length > 0) {
    throw new PrecheckConfigError(`nameCheck has no option ${unknown.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}: use onCloseMatch, onNoMatch, onNotPossible`);
  }
  const policy = { ...DEFAULT_NAME_CHECK_POLICY };
  for (const [key, choices] of Object.entries(NAME_CHECK_CHOICES) as [keyof NameCheckPolicy, readonly string[]][]) {
    const choice = given[key];
    if (choice === undefined) continue;
    if (typeof choice !== 'string' || !choices.includes(choice)) {
      throw new PrecheckConfigError(`nameCheck.${key} must be ${choices.map((c) => `'${c}'`).join(', ').replace(/, ([^,]+)$/, ' or $1')}`);
    }
    (policy as Record<string, string>)[key] = choice;
  }
  return policy;
}

/** Checks the options once, at start-up, and fills in the defaults. */
export function readOptions(options: PrecheckOptions): EngineConfig {
  if (typeof options !== 'object' || options === null || typeof options.providers !== 'object' || options.providers === null) {
    throw new PrecheckConfigError('options.providers is required');
  }
  const { bmo, beep } = options.providers;
  if (bmo) {
    requireBaseUrl('providers.bmo', bmo.baseUrl);
    requireHeaderCredential('providers.bmo.apiKey', bmo.apiKey);
    requireHeaderCredential('providers.bmo.apiSecret', bmo.apiSecret);
  }
  if (beep) {
    requireBaseUrl('providers.beep', beep.baseUrl);
    requireCredential('providers.beep.username', beep.username);
    requireCredential('providers.beep.password', beep.password);
    const path = beep.path ?? DEFAULT_BEEP_PATH;
    if (!/^\/[A-Za-z0-9._~/-]*$/.test(path) || path.includes('..')) {
      throw new PrecheckConfigError('providers.beep.path must be an absolute path of letters, digits and . _ ~ / -');
    }
  }
  const mtn = options.providers['mtn-momo'];
  if (mtn) readMtnMomo(mtn);
  const { gsma } = options.providers;
  if (gsma) readGsma(gsma);
  if (options.inspect !== undefined && typeof options.inspect !== 'function') {
    throw new PrecheckConfigError('inspect must be a function');
  }
  if (options.unverifiable !== undefined && options.unverifiable !== 'abort' && options.unverifiable !== 'proceed') {
    throw new PrecheckConfigError(`unverifiable must be 'abort' or 'proceed'`);
  }
  const transports = readTransports(options);
  return {
    timeoutMs: requireCount('http.timeoutMs', options.http?.timeoutMs, 10_000, 1),
    retries: requireCount('http.retries', options.http?.retries, 0, 0),
    backoffMs: requireCount('http.backoffMs', options.http?.backoffMs, 200, 0),
    unverifiable: options.unverifiable ?? 'abort',
    namesTimeoutMs: requireCount('namesTimeoutMs', options.namesTimeoutMs, 15 * 60_000, 1),
    confirmPayee: options.confirmPayee === true,
    confirmationTimeoutMs: requireCount('confirmationTimeoutMs', options.confirmationTimeoutMs, 15 * 60_000, 1),
    nameCheck: readNameCheck(options.nameCheck),
    secrets: secretsOf(options.providers),
    credentialForms: credentialForms([...secretsOf(options.providers), ...userNamesOf(options.providers), ...transportCredentials(transports)]),
    transports,
    deadlineMs: requireCount('deadlineMs', options.deadlineMs, 15_000, 1),
    storeTimeoutMs: requireCount('storeTimeoutMs', options.storeTimeoutMs, 100, 1),
    retentionMs: requireCount('retentionMs', options.retentionMs, 24 * 60 * 60_000, 1),
    snapshotKeys: readSnapshotKeys(options.snapshotKeys),
    guards: {
      cache: {
        ttlMs: requireCount('cache.ttlMs', options.cache?.ttlMs, 60_000, 0),
        notFoundTtlMs: requireCount('cache.notFoundTtlMs', options.cache?.notFoundTtlMs, 5_000, 0),
      },
      breaker:
        options.breaker === false
          ? false
          : {
              failureThreshold: requireCount('breaker.failureThreshold', options.breaker?.failureThreshold, 5, 1),
              cooldownMs: requireCount('breaker.cooldownMs', options.breaker?.cooldownMs, 30_000, 1),
            },
      singleFlight: options.singleFlight !== false,
      maxConcurrency: requireCount('maxConcurrency', options.maxConcurrency, 64, 1),
      maxQueue: requireCount('maxQueue', options.maxQueue, 1000, 0),
    },
  };
}
