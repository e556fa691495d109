import type { LookupOutcome, ProviderStatus } from './lookup-outcome.js';
import type { LookupTarget } from './request.js';

export type { LookupOutcome, ProviderStatus };

export type RequestField = 'phone' | 'accountNumber' | 'serviceCode' | 'countryCode';

/**
 * One provider's account lookup. Register an implementation under a name (see `createPrecheck`'s `register`)
 * and the same machine drives it.
 */
export interface AccountProvider {
  /** For messages, e.g. `B-MO`. */
  readonly displayName: string;
  /** Whether a credit to an unknown account may proceed, the provider creating the account from the names. */
  readonly createsAccounts: boolean;
  /** Fields a request must carry for this provider; a request without one is refused before any I/O. */
  readonly requiredFields: readonly RequestField[];
  /**
   * Asks the provider about the account. Must resolve (not reject) for every provider answer and transport failure,
   * and stop when `signal` aborts.
   */
  lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome>;
  /**
   * Why this provider, as configured, cannot serve `target` (e.g. no credential for the product it needs), or
   * `undefined`. Asked before any I/O: a reason refuses the request (`invalid-request`) and is its message.
   */
  refusal?(target: LookupTarget): string | undefined;
  /**
   * What the answer depends on besides the account fields, when the provider answers a credit and a debit on
   * different products (MTN: Disbursement and Collection, each with its own key). Answers of different scopes are
   * never shared: the answer cache and the single flight key on it, in the process and in the fleet. Leave it out
   * when the answer is about the account alone (B-MO, BEEP): a credit and a debit then share one answer.
   */
  answerScope?(target: LookupTarget): string;
}

