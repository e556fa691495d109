import type { PrecheckRequest } from '../../core/request.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { bmoRequest as bmo } from './bmo-sandbox-request.js';

const names = { names: { firstName: 'Afi', lastName: 'Agbo' } };
/** The name-check accounts: Kofi Mensah (`…020`) and one without a name (`…021`). */
const kofi = (payeeName: string, extra: Partial<PrecheckRequest> = {}) => bmo('debit', '+2290197000020', { payeeName, ...extra });
const noName = (payeeName: string) => bmo('credit', '+2290197000021', { payeeName });

/** B-MO's seed cases for the demo: every case of its document, the transport failures around them, and the name check. */
export const BMO_SCENARIOS: readonly Scenario[] = [
  { provider: 'bmo', case: '200 customer found', request: bmo('credit', '+2290197000001'), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '200 customer found', request: bmo('debit', '+2290197000001'), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '404 not found, names given', request: bmo('credit', '+2290197000404', names), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '404 not found, no names', request: bmo('credit', '+2290197000404'), expect: { status: 'needs-names' } },
  { provider: 'bmo', case: '404 not found', request: bmo('debit', '+2290197000404'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'bmo', case: '401 bad credentials', request: bmo('credit', '+2290197000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'bmo', case: '401 bad credentials', request: bmo('debit', '+2290197000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'bmo', case: '503 unavailable', request: bmo('debit', '+2290197000503'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'bmo', case: '429 rate limited', request: bmo('credit', '+2290197000429'), expect: { status: 'retry', reason: 'rate-limited' } },
  { provider: 'bmo', case: 'no answer in time', request: bmo('debit', '+2290197000900'), silent: true, expect: { status: 'retry', reason: 'timeout' } },
  { provider: 'bmo', case: '200 HTML page', request: bmo('credit', '+2290197000200'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'bmo', case: 'phone with path characters', request: bmo('debit', '+2290197000001/../admin'), expect: { status: 'abort', reason: 'invalid-request' } },
  { provider: 'bmo', case: 'name check: match ("MENSAH Kofi")', request: kofi('MENSAH Kofi'), expect: { status: 'proceed' } },
  { provider: 'bmo', case: 'name check: match, confirmPayee', request: kofi('Kofi Mensah', { confirmPayee: true }), expect: { status: 'needs-confirmation' } },
  { provider: 'bmo', case: 'name check: close match ("Kofi Mensha")', request: kofi('Kofi Mensha'), expect: { status: 'needs-confirmation' } },
  { provider: 'bmo', case: "name check: close match, onCloseMatch: 'proceed'", request: kofi('Koffi Mensah'), engine: { nameCheck: { onCloseMatch: 'proceed' } }, expect: { status: 'proceed' } },
  { provider: 'bmo', case: "name check: close match, onCloseMatch: 'abort' (request)", request: kofi('Koffi Mensah', { nameCheck: { onCloseMatch: 'abort' } }), expect: { status: 'abort', reason: 'name-mismatch' } },
  { provider: 'bmo', case: 'name check: no match ("Yaw Mensah")', request: kofi('Yaw Mensah'), expect: { status: 'abort', reason: 'name-mismatch' } },
  { provider: 'bmo', case: "name check: no match, onNoMatch: 'confirm'", request: kofi('Kofi'), engine: { nameCheck: { onNoMatch: 'confirm' } }, expect: { status: 'needs-confirmation' } },
  { provider: 'bmo', case: 'name check: not possible (no name held)', request: noName('Kofi Mensah'), expect: { status: 'needs-confirmation' } },
  { provider: 'bmo', case: "name check: not possible, onNotPossible: 'proceed'", request: noName('Kofi Mensah'), engine: { nameCheck: { onNotPossible: 'proceed' } }, expect: { status: 'proceed' } },
  { provider: 'bmo', case: "name check: not possible, onNotPossible: 'abort'", request: noName('Kofi Mensah'), engine: { nameCheck: { onNotPossible: 'abort' } }, expect: { status: 'abort', reason: 'name-mismatch' } },
  { provider: 'bmo', case: 'name check: payeeName with no letters', request: kofi('Mr. 123'), expect: { status: 'abort', reason: 'invalid-request' } },
];
