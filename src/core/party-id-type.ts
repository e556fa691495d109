/** FSPIOP's party id types (`PartyIdType`), as a request's `partyIdType` takes them. */
export const PARTY_ID_TYPES = ['MSISDN', 'EMAIL', 'PERSONAL_ID', 'BUSINESS', 'DEVICE', 'ACCOUNT_ID', 'IBAN', 'ALIAS'] as const;

export type PartyIdType = (typeof PARTY_ID_TYPES)[number];
