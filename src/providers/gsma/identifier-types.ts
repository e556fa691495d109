/** GSMA Mobile Money API identifier types, as `/accounts/{identifierType}/{identifier}` takes them (spec 1.2). */
export const GSMA_IDENTIFIER_TYPES = [
  'accountid',
  'msisdn',
  'walletid',
  'linkref',
  'consumerno',
  'serviceprovider',
  'storeid',
  'accountcategory',
  'bankaccountno',
  'accountrank',
  'identityalias',
  'iban',
  'swiftbic',
  'sortcode',
  'organisationid',
  'bankname',
  'bankaccounttitle',
  'username',
  'emailaddress',
  'mandatereference',
] as const;

export type GsmaIdentifierType = (typeof GSMA_IDENTIFIER_TYPES)[number];
