import type { Fault } from '../../sandbox/faults.js';
import type { Trigger } from '../../sandbox/trigger.js';

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

/** Credentials the BEEP fake accepts: the ones BEEP publishes for its own sandbox. */
export const BEEP_SANDBOX_CREDENTIALS = { username: 'sandboxuser', password: 'sandboxpassword!' } as const;
