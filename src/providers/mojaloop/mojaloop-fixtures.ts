import type { Trigger } from '../../sandbox/fixtures.js';
import type { PartyBody } from './mojaloop-schemas.js';

/** The sandbox's FSPIOP `callbackTimeoutMs`. */
export const SANDBOX_CALLBACK_TIMEOUT_MS = 2500;
/**
 * How long the fake's switch waits before a late callback: past the window of the lookup that asked and of one asked
 * right after it (a callback is correlated by party alone, as FSPIOP has it).
 */
export const LATE_CALLBACK_MS = 6000;

/** FSP ids of the fake scheme: two payee FSPs (RS256, ES256) and the switch (ES256), each with its own key. */
export const SANDBOX_FSPS = { payer: 'precheckfsp', rsaPayee: 'greenbank', ecPayee: 'bluebank', switch: 'switch' } as const;

/**
 * What the fake answers for a party. `party`: found (the switch's callback `PUT /parties/…`, or the adapter's 200);
 * `error`: `errorInformation` (`PUT …/error`, or the adapter's error answer); `silent`: no callback ever (the adapter
 * times out: 504 `2004`); `late`: the callback after `LATE_CALLBACK_MS`; `forged`: a callback signed with a key the
 * scheme does not know (the adapter refuses it and times out).
 */
export type MojaloopScenario =
  | { kind: 'party'; party: Omit<PartyBody, 'partyIdInfo'> & { fspId: string; signer?: 'rsa' | 'ec' } }
  | { kind: 'error'; code: string; description: string }
  | { kind: 'silent' }
  | { kind: 'late' }
  | { kind: 'forged' };

const error = (code: string, description: string): MojaloopScenario => ({ kind: 'error', code, description });

/** Mojaloop triggers, by `{Type}/{ID}` (an MSISDN is the phone's digits). Any other party: 3204 party not found. */
export const MOJALOOP_TRIGGERS: readonly Trigger<MojaloopScenario>[] = [
  {
    value: 'MSISDN/233200000001',
    case: 'found: Ama Serwaa at greenbank, takes GHS and XOF (RS256)',
    answer: { kind: 'party', party: { fspId: 'greenbank', name: 'Ama Serwaa', personalInfo: { complexName: { firstName: 'Ama', lastName: 'Serwaa' } }, supportedCurrencies: ['GHS', 'XOF'], signer: 'rsa' } },
  },
  {
    value: 'MSISDN/233200000002',
    case: 'found: Kofi Mensah Boateng at bluebank, no currencies listed (ES256)',
    answer: { kind: 'party', party: { fspId: 'bluebank', personalInfo: { complexName: { firstName: 'Kofi', middleName: 'Mensah', lastName: 'Boateng' } }, signer: 'ec' } },
  },
  {
    value: 'BUSINESS/shoecompany',
    case: 'found: a business, name only (Shoe Company Ltd at bluebank)',
    answer: { kind: 'party', party: { fspId: 'bluebank', name: 'Shoe Company Ltd', signer: 'ec' } },
  },
  { value: 'MSISDN/233200003204', case: '3204 party not found', answer: error('3204', 'Party not found') },
  { value: 'MSISDN/233200003200', case: '3200 generic ID not found', answer: error('3200', 'Generic ID not found') },
  { value: 'MSISDN/233200003300', case: '3300 expired (the switch timed out)', answer: error('3300', 'Generic expired error') },
  { value: 'MSISDN/233200003201', case: '3201 destination FSP error', answer: error('3201', 'Destination FSP Error') },
  { value: 'MSISDN/233200002004', case: '2004 server timed out', answer: error('2004', 'Server timed out') },
  { value: 'MSISDN/233200001001', case: '1001 destination communication error', answer: error('1001', 'Destination communication error') },
  { value: 'MSISDN/233200003105', case: '3105 invalid signature', answer: error('3105', 'Invalid signature') },
  { value: 'MSISDN/233200005400', case: '5400 generic payee error (blocked)', answer: error('5400', 'Generic Payee error') },
  { value: 'MSISDN/233200005102', case: '3100 generic validation error (another code)', answer: error('3100', 'Generic validation error') },
  { value: 'MSISDN/233200000900', case: 'no callback (FSPIOP) / the adapter times out (SDK)', answer: { kind: 'silent' } },
  { value: 'MSISDN/233200000901', case: 'late callback, after callbackTimeoutMs (FSPIOP) / the adapter times out (SDK)', answer: { kind: 'late' } },
  { value: 'MSISDN/233200000666', case: 'callback signed with an unknown key (FSPIOP) / the adapter times out (SDK)', answer: { kind: 'forged' } },
];

export const MOJALOOP_OTHERWISE = '3204 party not found';
