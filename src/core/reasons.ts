import * as v from 'valibot';

/**
 * Why a check aborts, stated once: the `AbortReason` type, the snapshot schema, the service's body schemas and its
 * OpenAPI document all read this list.
 */
export const ABORT_REASONS = [
  'account-not-found',
  /** The account exists but cannot take transactions (GSMA `unavailable`): not the same news as "no such account". */
  'account-inactive',
  'auth-failed',
  'service-not-configured',
  'validation-unavailable',
  'invalid-request',
  'unexpected-response',
  'names-required',
  'payee-rejected',
  'confirmation-timeout',
  'cancelled',
  /**
   * The payee name check stopped the payment: the name the payer typed does not match the held name, or — under an
   * `abort` policy — is only close to it, or could not be checked. `nameCheck.result` says which.
   */
  'name-mismatch',
  /**
   * `resume()` / `status()`: no such check (unknown, malformed, purged, a snapshot this engine cannot read, or a stored
   * record it cannot use).
   */
  'check-not-found',
  /** The request's `currency` is not among the currencies the account takes, as the provider lists them. */
  'currency-not-supported',
] as const;

/** Why a check answers "try again later", stated once (as `ABORT_REASONS`). */
export const RETRY_REASONS = [
  'provider-unavailable',
  'timeout',
  'rate-limited',
  /**
   * `resume()`: the store did not answer in time (or another resume still holds the check); nothing changed, nor will
   * later: resume again later. `check()`: the check paused but the store did not keep it; check again later.
   */
  'store-unavailable',
] as const;

/** See `ABORT_REASONS`: `name-mismatch` (the payee name check), `check-not-found` (`resume()` / `status()`), … */
export type AbortReason = (typeof ABORT_REASONS)[number];

/** See `RETRY_REASONS`: `store-unavailable` means the store did not answer in time. */
export type RetryReason = (typeof RETRY_REASONS)[number];

export const abortReasonSchema = v.picklist(ABORT_REASONS);
export const retryReasonSchema = v.picklist(RETRY_REASONS);
