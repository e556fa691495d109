import type { DecisionCase } from '../../sandbox/decision-case.js';
import { triggerCase } from '../../sandbox/decision-case.js';
import { bmoRequest } from './bmo-sandbox-request.js';
import type { Intent, PrecheckRequest } from '../../core/request.js';
import { BMO_TRIGGERS } from './bmo-fixtures.js';

const bmo = (phone: string, extra: Partial<PrecheckRequest> = {}) => (intent: Intent) => bmoRequest(intent, phone, extra);

/** The name check under the default policy: typed name and the name-check account it is checked against. */
const NAME_CHECK_CASES = [
  ['Kofi Mensah', '+2290197000020'],
  ['Kofi Mensha', '+2290197000020'],
  ['Yaw Mensah', '+2290197000020'],
  ['Kofi Mensah', '+2290197000021'],
] as const;

/** B-MO's rows of the decision table: every trigger, and the cases that need more than a trigger. */
export function bmoDecisionCases(): DecisionCase[] {
  return [
    ...BMO_TRIGGERS.map((t) => triggerCase('bmo', t, t.value, { request: bmo(t.value) })),
    {
      provider: 'bmo',
      answer: 'customer not found, names given (`+2290197000404`)',
      request: bmo('+2290197000404', { names: { firstName: 'Afi', lastName: 'Agbo' } }),
      account: '+2290197000404',
    },
    ...NAME_CHECK_CASES.map(
      ([payeeName, phone]): DecisionCase => ({
        provider: 'bmo',
        answer: `found, payeeName "${payeeName}" (\`${phone}\`)`,
        request: bmo(phone, { payeeName }),
        account: phone,
      }),
    ),
    { provider: 'bmo', answer: '401 wrong credentials (`+2290197000001`)', request: bmo('+2290197000001'), wrongCredentials: true, account: '+2290197000001' },
    { provider: 'bmo', answer: 'phone with path characters (`+2290197000001/../admin`)', request: bmo('+2290197000001/../admin'), account: 'invalid' },
  ];
}
