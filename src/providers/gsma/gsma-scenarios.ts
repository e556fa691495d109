import type { Scenario } from '../../sandbox/scenario.js';
import { gsmaRequest as gsma } from './gsma-sandbox-request.js';

/** GSMA's seed cases for the demo: every row of its mapping. */
export const GSMA_SCENARIOS: readonly Scenario[] = [
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
];
