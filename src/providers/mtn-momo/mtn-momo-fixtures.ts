import type { Fault } from '../../sandbox/faults.js';
import type { Trigger } from '../../sandbox/trigger.js';

/** A holder's name as `basicuserinfo` gives it (OIDC-style fields, as MTN's sandbox answers). */
export type MtnUserInfo = Record<string, string>;

/** What the MTN fake answers for a number: on `active`, and (when active) on `basicuserinfo`. */
export type MtnScenario =
  | { kind: 'active'; info: MtnUserInfo | { status: number; code?: string } | 'html' }
  | { kind: 'inactive' }
  | { kind: 'error'; status: number; code?: string; retryAfter?: number }
  | { kind: 'wrong-shape' }
  | { kind: 'fault'; fault: Fault }
  /** Refuses every token (401), however fresh. */
  | { kind: 'token-refused' }
  /** Refuses (401) tokens issued before the number was first asked; one issued since (the engine's renewal) works. */
  | { kind: 'token-revoked'; info: MtnUserInfo }
  | { kind: 'flaky'; failures: number; info: MtnUserInfo }
  /** A 400 whose message quotes the request's credentials (a careless gateway). */
  | { kind: 'echo' };

/** MTN's own sandbox person, answered by `basicuserinfo` for any other number (as MTN's sandbox does). */
export const MTN_SANDBOX_PERSON: MtnUserInfo = {
  sub: '0',
  name: 'Sand Box',
  given_name: 'Sand',
  family_name: 'Box',
  birthdate: '1976-08-13',
  locale: 'sv_SE',
  gender: 'MALE',
};

/** MTN's 500 and 503 words, as its sandbox answers them. */
export const MTN_MESSAGES: Record<string, string> = {
  RESOURCE_NOT_FOUND: 'Requested resource was not found.',
  NOT_ALLOWED: 'Authorization failed. Insufficient permissions.',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'Access to target environment is forbidden.',
  INTERNAL_PROCESSING_ERROR: 'An internal error occurred while processing.',
  SERVICE_UNAVAILABLE: 'Service temporarily unavailable, try again later.',
  INVALID_CURRENCY: 'Currency not supported.',
};

/**
 * MTN MoMo triggers, by phone (E.164; MTN is asked with the digits). The six `+4673312345x` are MTN's own published
 * sandbox numbers for "validate account holder", answering as MTN's sandbox does, so that tests written against MTN's
 * sandbox mean the same here. Any other number: active, and `basicuserinfo` gives MTN's "Sand Box" person.
 */
export const MTN_TRIGGERS: readonly Trigger<MtnScenario>[] = [
  { value: '+46733123450', case: 'MTN NotFound: 404 RESOURCE_NOT_FOUND', answer: { kind: 'error', status: 404, code: 'RESOURCE_NOT_FOUND' } },
  { value: '+46733123451', case: 'MTN NotActive: 200 result false', answer: { kind: 'inactive' } },
  { value: '+46733123452', case: 'MTN NotAllowed: 500 NOT_ALLOWED', answer: { kind: 'error', status: 500, code: 'NOT_ALLOWED' } },
  { value: '+46733123453', case: 'MTN NotAllowedTargetEnvironment: 500', answer: { kind: 'error', status: 500, code: 'NOT_ALLOWED_TARGET_ENVIRONMENT' } },
  { value: '+46733123454', case: 'MTN InternalProcessingError: 500', answer: { kind: 'error', status: 500, code: 'INTERNAL_PROCESSING_ERROR' } },
  { value: '+46733123455', case: 'MTN ServiceUnavailable: 503', answer: { kind: 'error', status: 503, code: 'SERVICE_UNAVAILABLE' } },
  { value: '+2290196000001', case: 'active, named', answer: { kind: 'active', info: { sub: '1', name: 'Adjoa Mensah', given_name: 'Adjoa', family_name: 'Mensah' } } },
  { value: '+2290196000002', case: 'active, given and family names only', answer: { kind: 'active', info: { given_name: 'Kofi', family_name: 'Owusu' } } },
  { value: '+2290196000003', case: 'active, basicuserinfo 500', answer: { kind: 'active', info: { status: 500, code: 'INTERNAL_PROCESSING_ERROR' } } },
  { value: '+2290196000004', case: 'active, basicuserinfo without a name', answer: { kind: 'active', info: { birthdate: '1990-01-01' } } },
  { value: '+2290196000404', case: 'not registered: 200 result false', answer: { kind: 'inactive' } },
  { value: '+2290196000400', case: '400 bad request', answer: { kind: 'error', status: 400 } },
  { value: '+2290196000401', case: '401 whatever the token', answer: { kind: 'token-refused' } },
  { value: '+2290196000402', case: 'token revoked (401), a renewed one works', answer: { kind: 'token-revoked', info: { name: 'Esi Boateng', given_name: 'Esi', family_name: 'Boateng' } } },
  { value: '+2290196000403', case: '403 forbidden IP', answer: { kind: 'error', status: 403 } },
  { value: '+2290196000429', case: '429 rate limited', answer: { kind: 'error', status: 429, retryAfter: 1 } },
  { value: '+2290196000501', case: '500 INVALID_CURRENCY', answer: { kind: 'error', status: 500, code: 'INVALID_CURRENCY' } },
  { value: '+2290196000502', case: 'gateway error page (502)', answer: { kind: 'fault', fault: 'bad-gateway' } },
  { value: '+2290196000200', case: '200 HTML page', answer: { kind: 'fault', fault: 'html-200' } },
  { value: '+2290196000201', case: '200 JSON, wrong shape', answer: { kind: 'wrong-shape' } },
  { value: '+2290196000900', case: 'never answers', answer: { kind: 'fault', fault: 'hang' } },
  { value: '+2290196000901', case: 'connection reset', answer: { kind: 'fault', fault: 'reset' } },
  { value: '+2290196000911', case: 'fails once (500), then active', answer: { kind: 'flaky', failures: 1, info: { name: 'Yaw Asante', given_name: 'Yaw', family_name: 'Asante' } } },
  { value: '+2290196000777', case: '400 quoting our credentials', answer: { kind: 'echo' } },
];

/** Credentials the MTN MoMo fake accepts. */
export const MTN_SANDBOX_CREDENTIALS = {
  apiUser: '7c1f0a52-3d4e-4b8a-9f61-2e5d8c9b0a17',
  apiKey: 'sandbox-mtn-api-key',
  subscriptionKeys: { collection: 'sandbox-mtn-collection-key', disbursement: 'sandbox-mtn-disbursement-key' },
  targetEnvironment: 'sandbox',
} as const;

/** An API user (with the sandbox API key) whose tokens say `expires_in: 601` (SHORT_LIVED_EXPIRES_IN_S). */
export const MTN_SHORT_LIVED_TOKEN_USER = 'e0b9d4c3-5a1f-4c2e-8d7b-6f3a2b1c0d99';
