import type { Intent, PrecheckRequest } from '../../core/request.js';

/** A BEEP pre-check for a sandbox account number (Ghana, service GH-DSTV). */
export const beepRequest = (intent: Intent, accountNumber: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'beep',
  intent,
  countryCode: 'GH',
  serviceCode: 'GH-DSTV',
  accountNumber,
  ...extra,
});
