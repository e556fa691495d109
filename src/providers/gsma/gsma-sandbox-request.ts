import type { Intent, PrecheckRequest } from '../../core/request.js';

/** A GSMA pre-check for a sandbox phone number (`msisdn`). */
export const gsmaRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'gsma',
  intent,
  phone,
  ...extra,
});
