import type { Scenario } from '../../sandbox/scenario.js';
import { mojaloopRequest as mojaloop } from './mojaloop-decision-cases.js';

/** Mojaloop through the FSPIOP switch fake (its callbacks reach an engine attached to the sandbox). */
const fspiop = 'mojaloop-fspiop';

/** Mojaloop's seed cases for the demo: the SDK adapter's answers, and the switch's callbacks (signed, late, forged). */
export const MOJALOOP_SCENARIOS: readonly Scenario[] = [
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
