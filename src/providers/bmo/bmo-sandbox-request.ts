import type { Intent, PrecheckRequest } from '../../core/request.js';

/** A B-MO pre-check for a sandbox phone number. */
export const bmoRequest = (intent: Intent, phone: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => ({
  provider: 'bmo',
  intent,
  phone,
  ...extra,
});
