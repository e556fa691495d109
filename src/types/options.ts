import type { GsmaIdentifierType } from '../providers/gsma/identifier-types.js';
import type { TransportSettings } from '../transport/transport-settings.js';

export interface BmoSettings {
  /** e.g. `https://svc.test.bestcash.me` */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** This provider's connection pool, proxy and TLS; each field replaces the engine-wide `http` one. */
  http?: TransportSettings;
}

export interface BeepSettings {
  baseUrl: string;
  username: string;
  password: string;
  /** Default `/v1/global-api/payments`. */
  path?: string;
  /** This provider's connection pool, proxy and TLS; each field replaces the engine-wide `http` one. */
  http?: TransportSettings;
}

/** MTN MoMo Open API products a look-up asks: Disbursement for a credit, Collection for a debit. */
export type MtnProduct = 'collection' | 'disbursement';

export interface MtnMomoSettings {
  /** e.g. `https://proxy.momoapi.mtn.com` (production) or `https://sandbox.momodeveloper.mtn.com`; may carry a path. */
  baseUrl: string;
  /** The API user (a UUID): the user name of the token request's Basic authentication. */
  apiUser: string;
  apiKey: string;
  /**
   * `Ocp-Apim-Subscription-Key` per product. A credit needs `disbursement`, a debit `collection`: a check whose
   * product has no key is refused (`invalid-request`) before any request.
   */
  subscriptionKeys: { collection?: string; disbursement?: string };
  /** `X-Target-Environment`: `sandbox`, or `mtn` + the country (`mtnbenin`, `mtnghana`, `mtnuganda`, …). */
  targetEnvironment: string;
  /** This provider's connection pool, proxy and TLS; each field replaces the engine-wide `http` one. */
  http?: TransportSettings;
}

export type GsmaAuth =
  /** `Authorization: Basic` on every request (the GSMA simulator's development level). */
  | { type: 'basic'; username: string; password: string }
  /** OAuth 2.0 client credentials: a token from `tokenUrl`, then `Authorization: Bearer` on every request. */
  | { type: 'oauth2'; tokenUrl: string; clientId: string; clientSecret: string };

export interface GsmaSettings {
  /** Everything before `/accounts/…`, e.g. `https://sandbox.mobilemoneyapi.io/simulator/v1.2/passthrough/mm`. */
  baseUrl: string;
  auth: GsmaAuth;
  /** `X-API-Key`, when the provider authenticates clients by API key too. */
  apiKey?: string;
  /** Default `msisdn` (the request's `phone`); any other type identifies the account by the request's `accountNumber`. */
  identifierType?: GsmaIdentifierType;
  /** This provider's connection pool (its token endpoint's too), proxy and TLS; each field replaces the engine-wide `http` one. */
  http?: TransportSettings;
}

/** How requests are bounded and retried, and (`TransportSettings`) the engine-wide connection pool, proxy and TLS. */
export interface HttpSettings extends TransportSettings {
  /** Bound on one attempt: connect, headers and body. Default 10000. */
  timeoutMs?: number;
  /** How many times a transient failure (network, timeout, 429, 5xx, BEEP 174) is retried. Default 0. */
  retries?: number;
  /** First back-off between attempts (doubled each time, full jitter), unless the provider sent `Retry-After`. Default 200. */
  backoffMs?: number;
}

import type { InspectionEvent } from 'xstate';
import type { CheckStore } from '../store/check-store.js';
import type { Decision } from './decision.js';
import type { AccountProvider } from '../providers/account-provider.js';
import type { NameCheckPolicy } from './request.js';

export interface PrecheckOptions {
  providers: {
    bmo?: BmoSettings;
    beep?: BeepSettings;
    'mtn-momo'?: MtnMomoSettings;
    gsma?: GsmaSettings;
  };
  http?: HttpSettings;
  /** BEEP 301 (validation not set up for the service): abort (default) or proceed unverified. */
  unverifiable?: 'abort' | 'proceed';
  /** How long an actor waits in `awaitingNames` before abort `names-required`. Default 15 minutes. */
  namesTimeoutMs?: number;
  /** After a found lookup, wait for the payer to confirm the account name (`awaitingConfirmation`). Default false. */
  confirmPayee?: boolean;
  /** How long an actor waits in `awaitingConfirmation` before abort `confirmation-timeout`. Default 15 minutes. */
  confirmationTimeoutMs?: number;
  /**
   * What a check with `payeeName` does after each answer of the name check (a request's own `nameCheck` wins, field by
   * field). Default `{ onCloseMatch: 'confirm', onNoMatch: 'abort', onNotPossible: 'confirm' }`.
   */
  nameCheck?: Partial<NameCheckPolicy>;
  /** Bound on a whole check, retries and waits included; past it: retry `timeout`. Default 15000. */
  deadlineMs?: number;
  /**
   * Per provider endpoint: after `failureThreshold` consecutive transient failures, checks answer retry
   * `provider-unavailable` at once, without a request, for `cooldownMs`; then one probe decides. `false` disables.
   * Default `{ failureThreshold: 5, cooldownMs: 30000 }`.
   */
  breaker?: { failureThreshold?: number; cooldownMs?: number } | false;
  /**
   * How long answers that are facts about an account are reused: found (`ttlMs`, default 60000) and not found
   * (`notFoundTtlMs`, default 5000). 0 disables. Auth failures, transient failures and timeouts are never kept.
   */
  cache?: { ttlMs?: number; notFoundTtlMs?: number };
  /** Identical concurrent lookups (same provider and account) share one request. Default true. */
  singleFlight?: boolean;
  /** Requests in flight per provider. Default 64. */
  maxConcurrency?: number;
  /** Checks waiting for a slot per provider (their wait counts against the deadline); beyond, retry at once. Default 1000. */
  maxQueue?: number;
  /** Receives XState inspection events of every check (for live visualisers such as Stately Inspector). */
  inspect?: (event: InspectionEvent) => void;
  /** Your own providers, by the name requests use. The same machine drives them. */
  customProviders?: Record<string, AccountProvider>;
  /**
   * Where paused checks live, addressed by `checkId`: `memoryStore()` (the default, one process) or `redisStore()`
   * from `precheck/redis` (a fleet: any instance resumes any check, exactly once; answers and outages shared). A store
   * you pass stays yours: the engine's `close()` leaves it open (other engines may share it).
   */
  store?: CheckStore;
  /** Bound on every store call; past it the store counts as unavailable (sharing is lost, not correctness). Default 100. */
  storeTimeoutMs?: number;
  /** How long a decided check (its decision, for idempotent resumes and `status()`) is kept. Default 24 h. */
  retentionMs?: number;
  /**
   * Secrets for signing persisted checks (HMAC-SHA-256). The first signs; every one verifies (rotation). With keys,
   * `restore()` and `resume()` refuse unsigned or altered snapshots.
   */
  snapshotKeys?: string[];
}

/** What `resume()` takes: the answer a paused check waits for, or CANCEL. */
export type ResumeEvent =
  | { type: 'NAMES'; firstName: string; lastName: string }
  | { type: 'CONFIRM' }
  | { type: 'REJECT' }
  | { type: 'CANCEL' };

/** What `status()` answers for a known check. `expiresAt`: ISO 8601, when the wait ends. */
export type CheckStatus =
  | { checkId: string; state: 'paused'; waitingFor: 'names' | 'confirmation'; expiresAt: string }
  | { checkId: string; state: 'decided'; decision: Decision }
  /** The store did not answer in time: the check's state is not known right now (it is not lost). */
  | { checkId: string; state: 'unavailable'; reason: 'store-unavailable' };

export interface CheckOptions {
  /** Aborting it ends the check with abort `cancelled`. */
  signal?: AbortSignal;
  /** Inspection events of this check (defaults to the engine's `inspect`). */
  inspect?: (event: InspectionEvent) => void;
}
