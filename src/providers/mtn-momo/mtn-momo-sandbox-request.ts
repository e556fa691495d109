import type { Intent, PrecheckRequest } from '../../core/request.js';

/** An MTN MoMo pre-check for a sandbox phone number. */
export const mtnRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'mtn-momo',
  intent,
  phone,
  ...extra,
});
