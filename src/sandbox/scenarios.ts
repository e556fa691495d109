import type { DecisionStatus } from '../types/decision.js';
import type { PrecheckOptions } from '../types/options.js';
import type { PrecheckRequest } from '../types/request.js';
import { beepRequest, bmoRequest } from './requests.js';

/** One seed case, as the demo runs it and the docs record it. */
export interface Scenario {
  provider: 'bmo' | 'beep';
  case: string;
  request: PrecheckRequest;
  /** Engine options on top of the sandbox's providers. */
  engine?: Partial<Pick<PrecheckOptions, 'unverifiable' | 'nameCheck'>>;
  /** Which credentials the engine uses. */
  credentials?: 'valid' | 'wrong';
  expect: { status: DecisionStatus; reason?: string };
}

const bmo = bmoRequest;
const beep = (intent: 'credit' | 'debit', accountNumber: string) => beepRequest(intent, accountNumber, { phone: '+233241234567' });

const names = { names: { firstName: 'Afi', lastName: 'Agbo' } };
/** The name-check accounts: B-MO Kofi Mensah (`…020`) and one without a name (`…021`); BEEP DIALLO Mamadou Aliou (`307002`). */
const kofi = (payeeName: string, extra: Partial<PrecheckRequest> = {}) => bmo('debit', '+2290197000020', { payeeName, ...extra });
const noName = (payeeName: string) => bmo('credit', '+2290197000021', { payeeName });
const diallo = (payeeName: string) => beepRequest('debit', '307002', { phone: '+233241234567', payeeName });

/** Every case of the two provider documents, and the transport failures around them. */
export const SCENARIOS: readonly Scenario[] = [
  { provider: 'bmo', case: '200 customer found', request: bmo('credit', '+2290197000001'), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '200 customer found', request: bmo('debit', '+2290197000001'), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '404 not found, names given', request: bmo('credit', '+2290197000404', names), expect: { status: 'proceed' } },
  { provider: 'bmo', case: '404 not found, no names', request: bmo('credit', '+2290197000404'), expect: { status: 'needs-names' } },
  { provider: 'bmo', case: '404 not found', request: bmo('debit', '+2290197000404'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'bmo', case: '401 bad credentials', request: bmo('credit', '+2290197000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'bmo', case: '401 bad credentials', request: bmo('debit', '+2290197000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'bmo', case: '503 unavailable', request: bmo('debit', '+2290197000503'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'bmo', case: '429 rate limited', request: bmo('credit', '+2290197000429'), expect: { status: 'retry', reason: 'rate-limited' } },
  { provider: 'bmo', case: 'no answer in time', request: bmo('debit', '+2290197000900'), expect: { status: 'retry', reason: 'timeout' } },
  { provider: 'bmo', case: '200 HTML page', request: bmo('credit', '+2290197000200'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'bmo', case: 'phone with path characters', request: bmo('debit', '+2290197000001/../admin'), expect: { status: 'abort', reason: 'invalid-request' } },
  { provider: 'beep', case: '307 account valid', request: beep('credit', '307001'), expect: { status: 'proceed' } },
  { provider: 'beep', case: '307 account valid', request: beep('debit', '307001'), expect: { status: 'proceed' } },
  { provider: 'beep', case: '308 bill available', request: beep('debit', '308001'), expect: { status: 'proceed' } },
  { provider: 'beep', case: '200 profile action ok', request: beep('credit', '200001'), expect: { status: 'proceed' } },
  { provider: 'beep', case: '306 invalid account', request: beep('credit', '306001'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'beep', case: '306 invalid account', request: beep('debit', '306001'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'beep', case: '301 validation not set up', request: beep('credit', '301001'), expect: { status: 'abort', reason: 'validation-unavailable' } },
  { provider: 'beep', case: "301, unverifiable: 'proceed'", request: beep('credit', '301001'), engine: { unverifiable: 'proceed' }, expect: { status: 'proceed' } },
  { provider: 'beep', case: '167 service not configured', request: beep('debit', '167001'), expect: { status: 'abort', reason: 'service-not-configured' } },
  { provider: 'beep', case: 'auth 132 bad credentials', request: beep('credit', '307001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'beep', case: 'auth 174 generic failure', request: beep('debit', '174001'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'beep', case: 'unknown result code 999', request: beep('credit', '999001'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'beep', case: '502 gateway error page', request: beep('debit', '502001'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  // Payee name check: each answer, under the default policy and under each other choice (engine option or per request).
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
  { provider: 'beep', case: 'name check: match ("Mamadou Aliou Diallo")', request: diallo('Mamadou Aliou Diallo'), expect: { status: 'proceed' } },
  { provider: 'beep', case: 'name check: close match ("Mamadou Diallo")', request: diallo('Mamadou Diallo'), expect: { status: 'needs-confirmation' } },
  { provider: 'beep', case: 'name check: no match ("Ousmane Diallo")', request: diallo('Ousmane Diallo'), expect: { status: 'abort', reason: 'name-mismatch' } },
  { provider: 'beep', case: 'missing serviceCode', request: { provider: 'beep', intent: 'credit', countryCode: 'GH', accountNumber: '307001' }, expect: { status: 'abort', reason: 'invalid-request' } },
];
