import type { Fault } from '../../sandbox/faults.js';
import type { Trigger } from '../../sandbox/trigger.js';

/** A behaviour the sandbox answers with for a trigger value. */
export type Scenario =
  | { kind: 'identity'; body: Record<string, string> }
  | { kind: 'status'; status: number }
  | { kind: 'wrong-shape' }
  | { kind: 'fault'; fault: Fault }
  | { kind: 'flaky'; failures: number; then: Record<string, string> };

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

/** Credentials the B-MO fake accepts. */
export const BMO_SANDBOX_CREDENTIALS = { apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' } as const;
