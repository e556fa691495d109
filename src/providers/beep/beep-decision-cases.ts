import type { DecisionCase } from '../../sandbox/decision-case.js';
import { triggerCase } from '../../sandbox/decision-case.js';
import { beepRequest } from './beep-sandbox-request.js';
import type { Intent } from '../../core/request.js';
import { BEEP_TRIGGERS } from './beep-fixtures.js';

const beep = (accountNumber: string) => (intent: Intent) => beepRequest(intent, accountNumber);

/** The name check under the default policy: typed name and the name-check account it is checked against. */
const NAME_CHECK_CASES = [
  ['Mamadou Aliou Diallo', '307002'],
  ['Mamadou Diallo', '307002'],
  ['Ousmane Diallo', '307002'],
  ['Kofi Mensah', '307003'],
] as const;

/** BEEP's rows of the decision table: every trigger, and the cases that need more than a trigger. */
export function beepDecisionCases(): DecisionCase[] {
  return [
    ...BEEP_TRIGGERS.map((t) => triggerCase('beep', t, t.value, { request: beep(t.value) })),
    {
      provider: 'beep',
      answer: "validation not set up (301) (`301001`, unverifiable: 'proceed')",
      request: beep('301001'),
      engine: { unverifiable: 'proceed' },
      account: '301001',
    },
    ...NAME_CHECK_CASES.map(
      ([payeeName, accountNumber]): DecisionCase => ({
        provider: 'beep',
        answer: `account valid (307), payeeName "${payeeName}" (\`${accountNumber}\`)`,
        request: (intent) => beepRequest(intent, accountNumber, { payeeName }),
        account: accountNumber,
      }),
    ),
    { provider: 'beep', answer: 'auth 132 wrong credentials (`307001`)', request: beep('307001'), wrongCredentials: true, account: '307001' },
    {
      provider: 'beep',
      answer: 'missing serviceCode (`307001`)',
      request: (intent) => ({ provider: 'beep', intent, countryCode: 'GH', accountNumber: '307001' }),
      account: 'invalid',
    },
  ];
}
