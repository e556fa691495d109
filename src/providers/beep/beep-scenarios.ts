import type { Scenario } from '../../sandbox/scenario.js';
import { beepRequest } from './beep-sandbox-request.js';

const beep = (intent: 'credit' | 'debit', accountNumber: string) => beepRequest(intent, accountNumber, { phone: '+233241234567' });
/** The name-check account: DIALLO Mamadou Aliou (`307002`). */
const diallo = (payeeName: string) => beepRequest('debit', '307002', { phone: '+233241234567', payeeName });

/** BEEP's seed cases for the demo: every case of its document, the transport failures around them, and the name check. */
export const BEEP_SCENARIOS: readonly Scenario[] = [
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
  { provider: 'beep', case: 'name check: match ("Mamadou Aliou Diallo")', request: diallo('Mamadou Aliou Diallo'), expect: { status: 'proceed' } },
  { provider: 'beep', case: 'name check: close match ("Mamadou Diallo")', request: diallo('Mamadou Diallo'), expect: { status: 'needs-confirmation' } },
  { provider: 'beep', case: 'name check: no match ("Ousmane Diallo")', request: diallo('Ousmane Diallo'), expect: { status: 'abort', reason: 'name-mismatch' } },
  { provider: 'beep', case: 'missing serviceCode', request: { provider: 'beep', intent: 'credit', countryCode: 'GH', accountNumber: '307001' }, expect: { status: 'abort', reason: 'invalid-request' } },
];
