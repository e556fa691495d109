import type { Scenario } from '../../sandbox/scenario.js';
import { mtnRequest as mtn } from './mtn-momo-sandbox-request.js';

/** MTN MoMo's seed cases for the demo: every row of its mapping. */
export const MTN_SCENARIOS: readonly Scenario[] = [
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
];
