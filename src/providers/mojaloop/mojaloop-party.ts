import type { LookupTarget } from '../../core/request.js';
import { PARTY_ID_TYPES, type PartyIdType } from '../../core/party-id-type.js';

/** The party a lookup asks about: FSPIOP's `{Type}/{ID}[/{SubId}]`. */
export interface Party {
  type: PartyIdType;
  id: string;
  subId?: string;
}

/**
 * The request's party: `partyIdType` + `partyIdentifier` (+ `partySubIdOrType`), or `phone` as an MSISDN (its
 * digits, without `+`). A string when the request names none, or both ways at once.
 */
export function partyOf(target: LookupTarget): Party | string {
  const { partyIdType, partyIdentifier, partySubIdOrType, phone } = target;
  const byId = partyIdType !== undefined || partyIdentifier !== undefined || partySubIdOrType !== undefined;
  if (byId && phone !== undefined) return 'give either phone or partyIdType with partyIdentifier, not both';
  if (!byId) {
    if (phone === undefined) return 'Mojaloop needs phone, or partyIdType with partyIdentifier';
    return { type: 'MSISDN', id: phone.replace(/^\+/, '') };
  }
  if (partyIdType === undefined || partyIdentifier === undefined) {
    return `partyIdType and partyIdentifier go together (partyIdType one of ${PARTY_ID_TYPES.join(', ')})`;
  }
  if (partyIdType === 'MSISDN' && !/^[0-9]{4,15}$/.test(partyIdentifier)) {
    return 'an MSISDN partyIdentifier is the international number\'s digits without + (4 to 15 digits)';
  }
  return { type: partyIdType, id: partyIdentifier, ...(partySubIdOrType !== undefined && { subId: partySubIdOrType }) };
}

const segments = (party: Party) => [party.type, party.id, ...(party.subId === undefined ? [] : [party.subId])];

/** `parties/{Type}/{ID}[/{SubId}]`, each segment percent-encoded. */
export const partyPath = (party: Party): string => ['parties', ...segments(party)].map(encodeURIComponent).join('/');

/** The relay key of a party: Type/ID/SubId, each percent-encoded (an id with `/` cannot pass for a sub-id). */
export const partyKey = (party: Party): string => `mojaloop:${segments(party).map(encodeURIComponent).join('/')}`;
