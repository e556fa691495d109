import type { DecisionCase } from '../../sandbox/decision-case.js';
import { triggerCase } from '../../sandbox/decision-case.js';
import { gsmaRequest } from './gsma-sandbox-request.js';
import type { Intent, PrecheckRequest } from '../../core/request.js';
import { GSMA_TRIGGERS } from './gsma-fixtures.js';

/** A GSMA trigger is `type/identifier`: a phone for `msisdn`, an account number (and its settings) otherwise. */
const gsma = (trigger: string): Pick<DecisionCase, 'request' | 'variant'> => {
  const [type, identifier] = trigger.split('/');
  return type === 'msisdn'
    ? { request: (intent: Intent) => gsmaRequest(intent, identifier) }
    : { request: (intent: Intent): PrecheckRequest => ({ provider: 'gsma', intent, accountNumber: identifier }), variant: 'gsma-accountid' };
};

/** GSMA's rows of the decision table: every trigger, and the cases that need more than a trigger. */
export function gsmaDecisionCases(): DecisionCase[] {
  return [
    ...GSMA_TRIGGERS.map((t) => triggerCase('gsma', t, `gsma ${t.value}`, gsma(t.value))),
    { provider: 'gsma', answer: 'any other identifier: 404 identification (`msisdn/+233240009999`)', request: (intent) => gsmaRequest(intent, '+233240009999'), account: 'gsma +233240009999' },
    { provider: 'gsma', answer: 'Basic authentication, available (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), variant: 'gsma-basic', account: 'gsma msisdn/+233240000001' },
    { provider: 'gsma', answer: 'token refused: wrong client secret (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), wrongCredentials: true, account: 'gsma msisdn/+233240000001' },
    { provider: 'gsma', answer: '404 without an errorObject: a base URL path that leads nowhere (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), variant: 'wrong-base-path', account: 'gsma msisdn/+233240000001' },
  ];
}
