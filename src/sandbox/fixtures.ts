/** Credentials the sandbox accepts. BEEP's are the ones BEEP publishes for its own sandbox. */
export const SANDBOX_CREDENTIALS = {
  bmo: { apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' },
  beep: { username: 'sandboxuser', password: 'sandboxpassword!' },
  'mtn-momo': {
    apiUser: '7c1f0a52-3d4e-4b8a-9f61-2e5d8c9b0a17',
    apiKey: 'sandbox-mtn-api-key',
    subscriptionKeys: { collection: 'sandbox-mtn-collection-key', disbursement: 'sandbox-mtn-disbursement-key' },
    targetEnvironment: 'sandbox',
  },
  gsma: {
    apiKey: 'sandbox-gsma-api-key',
    basic: { type: 'basic', username: 'sandbox-gsma-user', password: 'sandbox-gsma-password' },
    oauth2: { clientId: 'sandbox-gsma-client', clientSecret: 'sandbox-gsma-client-secret' },
  },
} as const;

/**
 * Token triggers: an MTN API user (with the sandbox API key) or a GSMA OAuth client id (with the sandbox client
 * secret) whose tokens say `expires_in: 601`, so that the engine keeps them one second (it renews 10 minutes early).
 */
export const SHORT_LIVED_TOKEN_USERS = {
  'mtn-momo': 'e0b9d4c3-5a1f-4c2e-8d7b-6f3a2b1c0d99',
  gsma: 'sandbox-gsma-short-lived-client',
} as const;
export const SHORT_LIVED_EXPIRES_IN_S = 601;

export interface Trigger<T> {
  value: string;
  case: string;
  answer: T;
}

export function findTrigger<T>(triggers: readonly Trigger<T>[], value: string): Trigger<T> | undefined {
  return triggers.find((trigger) => trigger.value === value);
}
