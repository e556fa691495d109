import type { LookupTarget } from '../types/request.js';

/**
 * What identifies one provider answer: the provider and the account fields it is asked about. Not the intent, names
 * or transaction id: the provider's answer about the account does not depend on them.
 */
export function lookupKey(target: LookupTarget): string {
  const extra = target.extra ? Object.entries(target.extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
  return JSON.stringify([target.provider, target.phone, target.accountNumber, target.serviceCode, target.countryCode, extra]);
}
