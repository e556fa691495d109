import type { DecisionCase } from '../../sandbox/decision-case.js';
import { triggerCase } from '../../sandbox/decision-case.js';
import { mtnRequest } from './mtn-momo-sandbox-request.js';
import type { Intent } from '../../core/request.js';
import { MTN_TRIGGERS } from './mtn-momo-fixtures.js';

const mtn = (phone: string) => (intent: Intent) => mtnRequest(intent, phone);

/** MTN MoMo's rows of the decision table: every trigger, and the cases that need more than a trigger. */
export function mtnMomoDecisionCases(): DecisionCase[] {
  return [
    ...MTN_TRIGGERS.map((t) => triggerCase('mtn-momo', t, `mtn ${t.value}`, { request: mtn(t.value) })),
    { provider: 'mtn-momo', answer: 'any other number: active, "Sand Box" (`+256772123456`)', request: mtn('+256772123456'), account: 'mtn +256772123456' },
    { provider: 'mtn-momo', answer: 'token refused: wrong API key (`+2290196000001`)', request: mtn('+2290196000001'), wrongCredentials: true, account: 'mtn +2290196000001' },
    { provider: 'mtn-momo', answer: '404 without an MTN body: a base URL path that leads nowhere (`+2290196000001`)', request: mtn('+2290196000001'), variant: 'wrong-base-path', account: 'mtn +2290196000001' },
    { provider: 'mtn-momo', answer: 'only a collection key configured (`+2290196000001`)', request: mtn('+2290196000001'), variant: 'collection-key-only', account: 'mtn +2290196000001' },
  ];
}
