import type { LookupOutcome, ProviderStatus } from '../../core/account-provider.js';
import type { Account } from '../../core/decision.js';
import { cleanText } from '../../core/clean-text.js';
import { addHolderName } from '../shared/holder-name.js';
import type { ErrorInformation, PartyBody } from './mojaloop-schemas.js';

/** Codes that say "this party does not exist": 3204 party not found, 3200 generic id not found. */
const NOT_FOUND = new Set(['3204', '3200']);
/** Codes that say "not now": 1001 destination unreachable, 2004 server timed out, 3300 expired, 3201 destination FSP error. */
const TRY_AGAIN = new Set(['1001', '2004', '3300', '3201']);
/** 3105: the switch (or the payee FSP) could not verify a signature. Never a proceed; asking again may pass. */
const INVALID_SIGNATURE = '3105';

/** The party found: its names (cleaned, bounded), its FSP, the currencies it takes when it says. */
export function foundParty(party: PartyBody, account: Account, credentials: readonly string[]): LookupOutcome {
  const fspId = cleanText(party.partyIdInfo.fspId, 32, credentials);
  if (fspId) account.fspId = fspId;
  const complex = party.personalInfo?.complexName;
  const parts = [complex?.firstName, complex?.middleName, complex?.lastName].filter((part) => part !== undefined);
  const fullName = parts.length > 0 ? parts.join(' ') : party.name;
  addHolderName(account, { firstName: complex?.firstName, lastName: complex?.lastName, fullName }, credentials);
  return {
    kind: 'found',
    account,
    ...(party.supportedCurrencies && { supportedCurrencies: [...party.supportedCurrencies] }),
    providerStatus: { code: 'found' },
  };
}

/** An `errorInformation`, by its code (docs/mojaloop.md's table). */
export function errorOutcome(error: ErrorInformation, credentials: readonly string[]): LookupOutcome {
  const { errorCode } = error;
  const description = cleanText(error.errorDescription, 200, credentials);
  const providerStatus: ProviderStatus = { code: errorCode, ...(description && { description }) };
  if (NOT_FOUND.has(errorCode)) return { kind: 'not-found', providerStatus };
  if (TRY_AGAIN.has(errorCode)) return { kind: 'unavailable', reason: 'provider-unavailable', providerStatus };
  if (errorCode === INVALID_SIGNATURE) {
    return {
      kind: 'unavailable',
      reason: 'provider-unavailable',
      providerStatus: { code: errorCode, description: cleanText(`invalid signature: a signature was refused on the way${description ? ` (${description})` : ''}`, 200, credentials)! },
    };
  }
  const code = Number(errorCode);
  if (code >= 5400 && code <= 5499) return { kind: 'inactive', providerStatus };
  return { kind: 'unexpected', detail: `error ${errorCode}`, providerStatus };
}

/** No callback within `callbackTimeoutMs`: try again (never "not found": the party may well exist). */
export const NO_CALLBACK: LookupOutcome = {
  kind: 'unavailable',
  reason: 'provider-unavailable',
  providerStatus: { code: 'no-callback', description: 'no callback came from the switch within callbackTimeoutMs' },
};

/** The relay could not hold the lookup open (its store did not answer): the request is not sent, since no callback could reach it. */
export const NO_RELAY: LookupOutcome = {
  kind: 'unavailable',
  reason: 'provider-unavailable',
  providerStatus: { code: 'no-relay', description: 'the callback relay could not hold the lookup open; nothing was sent' },
};
