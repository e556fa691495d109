import type { LookupTarget } from '../core/request.js';

/**
 * What identifies one provider answer: the provider, the account fields it is asked about and the provider's
 * `answerScope` when it has one (MTN's product). Not names or transaction id, nor the intent as such: B-MO's answer
 * about an account is the same for a credit and a debit; MTN's differs by product, and says so through its scope.
 */
export function lookupKey(target: LookupTarget, scope?: string): string {
  const extra = target.extra ? Object.entries(target.extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  const key = [target.provider, target.phone, target.accountNumber, target.serviceCode, target.countryCode, extra];
  // Unscoped keys are left as they were, so that instances of two releases still share B-MO's answers.
  return JSON.stringify(scope === undefined ? key : [...key, scope]);
}
