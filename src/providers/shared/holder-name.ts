import type { Account } from '../../core/decision.js';
import { cleanText } from '../../core/clean-text.js';

/**
 * Adds the account holder's names, as a provider's name look-up gave them, to `account`: cleaned, bounded, the full
 * name made from the parts when the provider gives none. Answers false (and changes nothing) when there is no name.
 */
export function addHolderName(
  account: Account,
  given: { firstName: unknown; lastName: unknown; fullName: unknown },
  credentials: readonly string[],
): boolean {
  const text = (value: unknown) => cleanText(value, 100, credentials);
  const firstName = text(given.firstName);
  const lastName = text(given.lastName);
  const fullName = text(given.fullName) ?? ([firstName, lastName].filter(Boolean).join(' ') || undefined);
  if (!fullName) return false;
  if (firstName) account.firstName = firstName;
  if (lastName) account.lastName = lastName;
  account.fullName = fullName;
  return true;
}
