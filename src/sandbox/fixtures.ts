import type { Fault } from './faults.js';

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

/** A behaviour the sandbox answers with for a trigger value. */
export type Scenario =
  | { kind: 'identity'; body: Record<string, string> }
  | { kind: 'status'; status: number }
  | { kind: 'wrong-shape' }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'flaky'; failures: number; then: Record<string, string> };

export interface Trigger<T> {
  value: string;
  case: string;
  answer: T;
}

/** B-MO triggers, by full phone number. Any other possible number: 404, the customer does not exist. */
export const BMO_TRIGGERS: readonly Trigger<Scenario>[] = [
  { value: '+2290197000001', case: 'customer found', answer: { kind: 'identity', body: { phone: '+2290197000001', firstname: 'Ama', lastname: 'Koffi' } } },
  { value: '+2290197000002', case: 'found, camelCase fields', answer: { kind: 'identity', body: { phoneNumber: '+2290197000002', firstName: 'Kossi', lastName: 'Adjovi' } } },
  { value: '+2290197000003', case: 'found, one name field', answer: { kind: 'identity', body: { phone: '+2290197000003', name: 'Sènami Houngbédji' } } },
  { value: '+2290197000404', case: 'customer not found', answer: { kind: 'status', status: 404 } },
  { value: '+2290197000403', case: 'forbidden', answer: { kind: 'status', status: 403 } },
  { value: '+2290197000429', case: 'rate limited', answer: { kind: 'fault', fault: 'rate-limited' } },
  { value: '+2290197000500', case: 'server error', answer: { kind: 'fault', fault: 'html-500' } },
  { value: '+2290197000502', case: 'bad gateway', answer: { kind: 'fault', fault: 'bad-gateway' } },
  { value: '+2290197000503', case: 'unavailable, Retry-After', answer: { kind: 'fault', fault: 'unavailable' } },
  { value: '+2290197000200', case: '200 HTML page', answer: { kind: 'fault', fault: 'html-200' } },
  { value: '+2290197000201', case: '200 truncated JSON', answer: { kind: 'fault', fault: 'truncated-json' } },
  { value: '+2290197000202', case: '200 JSON, wrong shape', answer: { kind: 'wrong-shape' } },
  { value: '+2290197000900', case: 'never answers', answer: { kind: 'fault', fault: 'hang' } },
  { value: '+2290197000901', case: 'connection reset', answer: { kind: 'fault', fault: 'reset' } },
  { value: '+2290197000902', case: 'body drips', answer: { kind: 'fault', fault: 'drip' } },
  { value: '+2290197000903', case: 'gzip,gzip bomb (2.5 KB → 1 GiB)', answer: { kind: 'fault', fault: 'gzip-bomb' } },
  { value: '+2290197000904', case: 'br bomb (203 B → 256 MiB)', answer: { kind: 'fault', fault: 'brotli-bomb' } },
  { value: '+2290197000905', case: '503, gzip,gzip bomb', answer: { kind: 'fault', fault: 'gzip-bomb-503' } },
  // Payee name check: Kofi Mensah (first and last name) matches "Kofi Mensah" or "MENSAH Kofi", is a close match to
  // "Kofi Mensha" (typo) or "Koffi Mensah" (variant), no match to "Yaw Mensah" or "Kofi"; …021 holds no name at all.
  { value: '+2290197000020', case: 'found, held name Kofi Mensah (name check)', answer: { kind: 'identity', body: { phone: '+2290197000020', firstname: 'Kofi', lastname: 'Mensah' } } },
  { value: '+2290197000021', case: 'found, no name held (name check: not possible)', answer: { kind: 'identity', body: { phone: '+2290197000021' } } },
  { value: '+2290197000911', case: 'fails once (500), then found', answer: { kind: 'flaky', failures: 1, then: { phone: '+2290197000911', firstname: 'Edem', lastname: 'Kpodo' } } },
  { value: '+2290197000912', case: 'fails twice (500), then found', answer: { kind: 'flaky', failures: 2, then: { phone: '+2290197000912', firstname: 'Yao', lastname: 'Dossou' } } },
];

/** A BEEP answer the sandbox gives: auth code, then result code (when authenticated). */
export type BeepScenario =
  | { kind: 'result'; authStatusCode: number; statusCode?: number; customerName?: string; extra?: string; active?: 'yes' | 'no' }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'wrong-shape' }
  | { kind: 'flaky'; failures: number; customerName: string };

/** BEEP triggers, by account number. Any other account number: 306, invalid account. */
export const BEEP_TRIGGERS: readonly Trigger<BeepScenario>[] = [
  { value: '307001', case: 'account valid (307)', answer: { kind: 'result', authStatusCode: 131, statusCode: 307, customerName: 'Kwame Mensah' } },
  { value: '308001', case: 'bill available (308)', answer: { kind: 'result', authStatusCode: 131, statusCode: 308, customerName: 'Akosua Boateng', extra: '{"amountDue":"120.00","dueDate":"2026-12-01"}' } },
  { value: '200001', case: 'profile action ok (200)', answer: { kind: 'result', authStatusCode: 131, statusCode: 200, customerName: 'Yaw Owusu' } },
  // Payee name check: a francophone record, FAMILY Given; "Mamadou Aliou Diallo" matches, "Mamadou Diallo" is a close
  // match (middle name missing), "Ousmane Diallo" no match; 307003 is valid and holds no name.
  { value: '307002', case: 'account valid (307), held name DIALLO Mamadou Aliou (name check)', answer: { kind: 'result', authStatusCode: 131, statusCode: 307, customerName: 'DIALLO Mamadou Aliou' } },
  { value: '307003', case: 'account valid (307), no name held (name check: not possible)', answer: { kind: 'result', authStatusCode: 131, statusCode: 307, active: 'yes' } },
  { value: '306001', case: 'invalid account (306)', answer: { kind: 'result', authStatusCode: 131, statusCode: 306 } },
  { value: '301001', case: 'validation not set up (301)', answer: { kind: 'result', authStatusCode: 131, statusCode: 301 } },
  { value: '167001', case: 'service not configured (167)', answer: { kind: 'result', authStatusCode: 131, statusCode: 167 } },
  { value: '999001', case: 'unknown result code (999)', answer: { kind: 'result', authStatusCode: 131, statusCode: 999 } },
  { value: '174001', case: 'generic auth failure (174)', answer: { kind: 'result', authStatusCode: 174 } },
  { value: '175001', case: 'unknown auth code (175)', answer: { kind: 'result', authStatusCode: 175 } },
  { value: '200900', case: '200 HTML page', answer: { kind: 'fault', fault: 'html-200' } },
  { value: '200901', case: '200 JSON, wrong shape', answer: { kind: 'wrong-shape' } },
  { value: '200902', case: '200 truncated JSON', answer: { kind: 'fault', fault: 'truncated-json' } },
  { value: '500001', case: 'server error', answer: { kind: 'fault', fault: 'html-500' } },
  { value: '502001', case: 'gateway error page', answer: { kind: 'fault', fault: 'bad-gateway' } },
  { value: '503001', case: 'unavailable, Retry-After', answer: { kind: 'fault', fault: 'unavailable' } },
  { value: '429001', case: 'rate limited', answer: { kind: 'fault', fault: 'rate-limited' } },
  { value: '900001', case: 'never answers', answer: { kind: 'fault', fault: 'hang' } },
  { value: '901001', case: 'connection reset', answer: { kind: 'fault', fault: 'reset' } },
  { value: '902001', case: 'body drips', answer: { kind: 'fault', fault: 'drip' } },
  { value: '903001', case: 'gzip,gzip bomb (2.5 KB → 1 GiB)', answer: { kind: 'fault', fault: 'gzip-bomb' } },
  { value: '904001', case: 'br bomb (203 B → 256 MiB)', answer: { kind: 'fault', fault: 'brotli-bomb' } },
  { value: '905001', case: '503, gzip,gzip bomb', answer: { kind: 'fault', fault: 'gzip-bomb-503' } },
  { value: '110002', case: 'fails twice (500), then valid', answer: { kind: 'flaky', failures: 2, customerName: 'Esi Asante' } },
];

export function findTrigger<T>(triggers: readonly Trigger<T>[], value: string): Trigger<T> | undefined {
  return triggers.find((trigger) => trigger.value === value);
}
