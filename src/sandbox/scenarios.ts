import type { DecisionStatus } from '../core/decision.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import type { PrecheckRequest } from '../core/request.js';
import { beepRequest, bmoRequest, gsmaRequest, mtnRequest } from './requests.js';
import type { ProviderVariant } from './wrong-credentials.js';
import { mojaloopRequest } from '../providers/mojaloop/mojaloop-decision-cases.js';

/** One seed case, as the demo runs it and the docs record it. */
export interface Scenario {
  provider: 'bmo' | 'beep' | 'mtn-momo' | 'gsma' | 'mojaloop';
  case: string;
  request: PrecheckRequest;
  /** Engine options on top of the sandbox's providers. */
  engine?: Partial<Pick<PrecheckOptions, 'unverifiable' | 'nameCheck'>>;
  /** The trigger never answers: only these checks are meant to reach the per-attempt timeout. */
  silent?: true;
  /** Which credentials the engine uses. */
  credentials?: 'valid' | 'wrong';
  /** Provider settings that need more than a trigger value (see `providerVariant`). */
  variant?: ProviderVariant;
  expect: { status: DecisionStatus; reason?: string };
}

const bmo = bmoRequest;
const beep = (intent: 'credit' | 'debit', accountNumber: string) => beepRequest(intent, accountNumber, { phone: '+233241234567' });

const names = { names: { firstName: 'Afi', lastName: 'Agbo' } };
/** The name-check accounts: B-MO Kofi Mensah (`…020`) and one without a name (`…021`); BEEP DIALLO Mamadou Aliou (`307002`). */
const kofi = (payeeName: string, extra: Partial<PrecheckRequest> = {}) => bmo('debit', '+2290197000020', { payeeName, ...extra });
const noName = (payeeName: string) => bmo('credit', '+2290197000021', { payeeName });
const diallo = (payeeName: string) => beepRequest('debit', '307002', { phone: '+233241234567', payeeName });

const mtn = mtnRequest;
const gsma = gsmaRequest;
const mojaloop = mojaloopRequest;
/** Mojaloop through the FSPIOP switch fake (its callbacks reach an engine attached to the sandbox). */
const fspiop = 'mojaloop-fspiop';

/** Every case of the provider documents, and the transport failures around them. */
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
  { provider: 'bmo', case: 'no answer in time', request: bmo('debit', '+2290197000900'), silent: true, expect: { status: 'retry', reason: 'timeout' } },
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
  // MTN MoMo and GSMA: every row of their mapping.
  { provider: 'mtn-momo', case: 'active, named (basicuserinfo)', request: mtn('credit', '+2290196000001'), expect: { status: 'proceed' } },
  { provider: 'mtn-momo', case: 'active, basicuserinfo fails: no names', request: mtn('debit', '+2290196000003'), expect: { status: 'proceed' } },
  { provider: 'mtn-momo', case: 'MTN sandbox NotActive: result false', request: mtn('credit', '+46733123451'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'mtn-momo', case: 'MTN sandbox NotFound: 404', request: mtn('debit', '+46733123450'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'mtn-momo', case: 'token refused (wrong API key)', request: mtn('debit', '+2290196000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'mtn-momo', case: '401 after one token renewal', request: mtn('credit', '+2290196000401'), expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'mtn-momo', case: '403', request: mtn('debit', '+2290196000403'), expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'mtn-momo', case: 'MTN sandbox NotAllowedTargetEnvironment: 500', request: mtn('debit', '+46733123453'), expect: { status: 'abort', reason: 'service-not-configured' } },
  { provider: 'mtn-momo', case: 'MTN sandbox NotAllowed: 500', request: mtn('credit', '+46733123452'), expect: { status: 'abort', reason: 'service-not-configured' } },
  { provider: 'mtn-momo', case: '404 without an MTN body (wrong base URL)', request: mtn('debit', '+2290196000001'), variant: 'wrong-base-path', expect: { status: 'abort', reason: 'service-not-configured' } },
  { provider: 'mtn-momo', case: '429 rate limited', request: mtn('debit', '+2290196000429'), expect: { status: 'retry', reason: 'rate-limited' } },
  { provider: 'mtn-momo', case: 'MTN sandbox InternalProcessingError: 500', request: mtn('debit', '+46733123454'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mtn-momo', case: 'MTN sandbox ServiceUnavailable: 503', request: mtn('credit', '+46733123455'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mtn-momo', case: 'connection reset', request: mtn('debit', '+2290196000901'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mtn-momo', case: '400 bad request', request: mtn('debit', '+2290196000400'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'mtn-momo', case: '200 JSON, wrong shape', request: mtn('credit', '+2290196000201'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'mtn-momo', case: 'no answer in time', request: mtn('debit', '+2290196000900'), silent: true, expect: { status: 'retry', reason: 'timeout' } },
  { provider: 'mtn-momo', case: 'credit without a disbursement key', request: mtn('credit', '+2290196000001'), variant: 'collection-key-only', expect: { status: 'abort', reason: 'invalid-request' } },
  { provider: 'gsma', case: 'available, named (accountname)', request: gsma('credit', '+233240000001'), expect: { status: 'proceed' } },
  { provider: 'gsma', case: 'GSMA simulator: available (Basic auth)', request: gsma('debit', '+44012345678'), variant: 'gsma-basic', expect: { status: 'proceed' } },
  { provider: 'gsma', case: 'unregistered', request: gsma('credit', '+233240000004'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'gsma', case: '404 identification/identifierError', request: gsma('debit', '+233240000404'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'gsma', case: 'unavailable', request: gsma('credit', '+233240000005'), expect: { status: 'abort', reason: 'account-inactive' } },
  { provider: 'gsma', case: '400 businessRule/incorrectState', request: gsma('debit', '+233240000406'), expect: { status: 'abort', reason: 'account-inactive' } },
  { provider: 'gsma', case: 'token refused (wrong client secret)', request: gsma('debit', '+233240000001'), credentials: 'wrong', expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'gsma', case: '401 authorisation after one token renewal', request: gsma('credit', '+233240000401'), expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'gsma', case: '403', request: gsma('debit', '+233240000403'), expect: { status: 'abort', reason: 'auth-failed' } },
  { provider: 'gsma', case: '404 without an errorObject (wrong base URL)', request: gsma('debit', '+233240000001'), variant: 'wrong-base-path', expect: { status: 'abort', reason: 'service-not-configured' } },
  { provider: 'gsma', case: '400 businessRule/rateLimitError', request: gsma('debit', '+233240000407'), expect: { status: 'retry', reason: 'rate-limited' } },
  { provider: 'gsma', case: '429 rate limited', request: gsma('credit', '+233240000429'), expect: { status: 'retry', reason: 'rate-limited' } },
  { provider: 'gsma', case: '500 internal', request: gsma('debit', '+233240000500'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'gsma', case: '503 serviceUnavailable', request: gsma('credit', '+233240000503'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'gsma', case: '400 validation/formatError', request: gsma('debit', '+233240000400'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'gsma', case: '200 accountStatus outside the enum', request: gsma('credit', '+233240000201'), expect: { status: 'abort', reason: 'unexpected-response' } },
  { provider: 'gsma', case: 'no answer in time', request: gsma('debit', '+233240000900'), silent: true, expect: { status: 'retry', reason: 'timeout' } },
  { provider: 'mojaloop', case: 'SDK: party found', request: mojaloop('credit', 'MSISDN/233200000001'), expect: { status: 'proceed' } },
  { provider: 'mojaloop', case: 'SDK: 3204 party not found', request: mojaloop('credit', 'MSISDN/233200003204'), expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'mojaloop', case: 'SDK: 5400 payee error', request: mojaloop('debit', 'MSISDN/233200005400'), expect: { status: 'abort', reason: 'account-inactive' } },
  { provider: 'mojaloop', case: 'SDK: the adapter timed out (504 2004)', request: mojaloop('debit', 'MSISDN/233200000900'), expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mojaloop', case: 'SDK: currency not among the party\'s', request: mojaloop('debit', 'MSISDN/233200000001', { currency: 'EUR' }), expect: { status: 'abort', reason: 'currency-not-supported' } },
  { provider: 'mojaloop', case: 'FSPIOP: party found (signed callback)', request: mojaloop('debit', 'MSISDN/233200000002'), variant: fspiop, expect: { status: 'proceed' } },
  { provider: 'mojaloop', case: 'FSPIOP: a business, name only', request: mojaloop('credit', 'BUSINESS/shoecompany'), variant: fspiop, expect: { status: 'proceed' } },
  { provider: 'mojaloop', case: 'FSPIOP: 3204 party not found', request: mojaloop('debit', 'MSISDN/233200003204'), variant: fspiop, expect: { status: 'abort', reason: 'account-not-found' } },
  { provider: 'mojaloop', case: 'FSPIOP: 3300 expired', request: mojaloop('credit', 'MSISDN/233200003300'), variant: fspiop, expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mojaloop', case: 'FSPIOP: no callback', request: mojaloop('credit', 'MSISDN/233200000900'), variant: fspiop, expect: { status: 'retry', reason: 'provider-unavailable' } },
  { provider: 'mojaloop', case: 'FSPIOP: callback with a forged signature', request: mojaloop('debit', 'MSISDN/233200000666'), variant: fspiop, expect: { status: 'retry', reason: 'provider-unavailable' } },
];
