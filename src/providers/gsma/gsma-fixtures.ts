import type { Fault } from '../../sandbox/faults.js';
import type { Trigger } from '../../sandbox/trigger.js';

/** `subjectName`, as `accountname` gives it. */
export type GsmaName = Record<string, string>;

/** An `errorObject`: category and code as the provider spells them, and which description field it uses. */
export interface GsmaErrorAnswer {
  status: number;
  category: string;
  code: string;
  description: string;
  /** The 1.1.2 / 1.2 specs' spelling, `errordescription`, rather than the simulator's `errorDescription`. */
  specSpelling?: boolean;
  retryAfter?: number;
}

/** What the GSMA fake answers for an identifier: on `status`, and (when available) on `accountname`. */
export type GsmaScenario =
  | { kind: 'status'; accountStatus: string; subStatus?: string; name?: GsmaName | GsmaErrorAnswer | 'none' }
  | { kind: 'error'; error: GsmaErrorAnswer }
  | { kind: 'status-code'; status: number }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'wrong-shape' }
  /** OAuth: refuses every token (401 `authorisation`), however fresh. Basic: refuses the credentials. */
  | { kind: 'token-refused' }
  /** OAuth: refuses (401) tokens issued before the identifier was first asked; a renewed one works. Basic: available. */
  | { kind: 'token-revoked'; name: GsmaName }
  | { kind: 'flaky'; failures: number; name: GsmaName }
  /** A 400 whose description quotes the request's credentials (a careless gateway). */
  | { kind: 'echo' };

const identifierError = (extra: Partial<GsmaErrorAnswer> = {}): GsmaErrorAnswer => ({
  status: 404,
  category: 'identification',
  code: 'identifierError',
  description: 'Account does not exist',
  ...extra,
});

/**
 * GSMA triggers, by `{identifierType}/{identifier}` (msisdn as `+` and digits). `msisdn/+44012345678` and
 * `accountid/2000` are the GSMA simulator's own name look-up values. Any other identifier: 404
 * `identification/identifierError`, as the simulator answers for an unknown account.
 */
export const GSMA_TRIGGERS: readonly Trigger<GsmaScenario>[] = [
  { value: 'msisdn/+44012345678', case: 'GSMA simulator: available, Jeff Jimmer', answer: { kind: 'status', accountStatus: 'available', subStatus: 'approved', name: { title: 'Mr', firstName: 'Jeff', middleName: 'James', lastName: 'Jimmer', fullName: 'Jeff Jimmer' } } },
  { value: 'accountid/2000', case: 'GSMA simulator: available (accountid)', answer: { kind: 'status', accountStatus: 'available', name: { firstName: 'John', lastName: 'Doe', fullName: 'John Alan Doe' } } },
  { value: 'msisdn/+233240000001', case: 'available, named', answer: { kind: 'status', accountStatus: 'available', subStatus: 'approved', name: { firstName: 'Ama', lastName: 'Serwaa', fullName: 'Ama Serwaa' } } },
  { value: 'msisdn/+233240000002', case: 'available, accountname without a name', answer: { kind: 'status', accountStatus: 'available', name: 'none' } },
  { value: 'msisdn/+233240000003', case: 'available, accountname 500', answer: { kind: 'status', accountStatus: 'available', name: { status: 500, category: 'internal', code: 'genericError', description: 'Internal error' } } },
  { value: 'msisdn/+233240000004', case: 'unregistered', answer: { kind: 'status', accountStatus: 'unregistered' } },
  { value: 'msisdn/+233240000005', case: 'unavailable (suspended)', answer: { kind: 'status', accountStatus: 'unavailable', subStatus: 'suspended' } },
  { value: 'msisdn/+233240000404', case: '404 identification/identifierError', answer: { kind: 'error', error: identifierError() } },
  { value: 'msisdn/+233240000405', case: '404 Identification/IdentifierError, errordescription', answer: { kind: 'error', error: identifierError({ category: 'Identification', code: 'IdentifierError', specSpelling: true }) } },
  { value: 'msisdn/+233240000406', case: '400 businessRule/incorrectState', answer: { kind: 'error', error: { status: 400, category: 'businessRule', code: 'incorrectState', description: 'The account is in a state that does not permit the requested service' } } },
  { value: 'msisdn/+233240000407', case: '400 businessRule/rateLimitError, Retry-After', answer: { kind: 'error', error: { status: 400, category: 'businessRule', code: 'rateLimitError', description: 'Too many requests', retryAfter: 1 } } },
  { value: 'msisdn/+233240000408', case: '400 businessRule/genericError', answer: { kind: 'error', error: { status: 400, category: 'businessRule', code: 'genericError', description: 'Business rule violated' } } },
  { value: 'msisdn/+233240000400', case: '400 validation/formatError', answer: { kind: 'error', error: { status: 400, category: 'validation', code: 'formatError', description: 'Identifier format is invalid' } } },
  { value: 'msisdn/+233240000401', case: '401 authorisation whatever the token', answer: { kind: 'token-refused' } },
  { value: 'msisdn/+233240000402', case: 'token revoked (401), a renewed one works', answer: { kind: 'token-revoked', name: { fullName: 'Kwesi Appiah' } } },
  { value: 'msisdn/+233240000403', case: '403 from the gateway', answer: { kind: 'status-code', status: 403 } },
  { value: 'msisdn/+233240000429', case: '429 rate limited', answer: { kind: 'fault', fault: 'rate-limited' } },
  { value: 'msisdn/+233240000500', case: '500 internal/genericError', answer: { kind: 'error', error: { status: 500, category: 'internal', code: 'genericError', description: 'Internal error' } } },
  { value: 'msisdn/+233240000503', case: '503 serviceUnavailable', answer: { kind: 'error', error: { status: 503, category: 'serviceUnavailable', code: 'genericError', description: 'Service unavailable', retryAfter: 1 } } },
  { value: 'msisdn/+233240000200', case: '200 HTML page', answer: { kind: 'fault', fault: 'html-200' } },
  { value: 'msisdn/+233240000201', case: '200 accountStatus outside the enum', answer: { kind: 'wrong-shape' } },
  { value: 'msisdn/+233240000900', case: 'never answers', answer: { kind: 'fault', fault: 'hang' } },
  { value: 'msisdn/+233240000901', case: 'connection reset', answer: { kind: 'fault', fault: 'reset' } },
  { value: 'msisdn/+233240000911', case: 'fails once (500), then available', answer: { kind: 'flaky', failures: 1, name: { firstName: 'Kojo', lastName: 'Antwi', fullName: 'Kojo Antwi' } } },
  { value: 'msisdn/+233240000777', case: '400 quoting our credentials', answer: { kind: 'echo' } },
];

/** Credentials the GSMA fake accepts. */
export const GSMA_SANDBOX_CREDENTIALS = {
  apiKey: 'sandbox-gsma-api-key',
  basic: { type: 'basic', username: 'sandbox-gsma-user', password: 'sandbox-gsma-password' },
  oauth2: { clientId: 'sandbox-gsma-client', clientSecret: 'sandbox-gsma-client-secret' },
} as const;

/** An OAuth client id (with the sandbox client secret) whose tokens say `expires_in: 601` (SHORT_LIVED_EXPIRES_IN_S). */
export const GSMA_SHORT_LIVED_TOKEN_USER = 'sandbox-gsma-short-lived-client';
