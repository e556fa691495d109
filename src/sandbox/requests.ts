import type { Intent, PrecheckRequest } from '../core/request.js';

/** A B-MO pre-check for a sandbox phone number. */
export const bmoRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'bmo',
  intent,
  phone,
  ...extra,
});

/** A BEEP pre-check for a sandbox account number (Ghana, service GH-DSTV). */
export const beepRequest = (intent: Intent, accountNumber: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'beep',
  intent,
  countryCode: 'GH',
  serviceCode: 'GH-DSTV',
  accountNumber,
  ...extra,
});

/** An MTN MoMo pre-check for a sandbox phone number. */
export const mtnRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'mtn-momo',
  intent,
  phone,
  ...extra,
});

/** A GSMA pre-check for a sandbox phone number (`msisdn`). */
export const gsmaRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'gsma',
  intent,
  phone,
  ...extra,
});
