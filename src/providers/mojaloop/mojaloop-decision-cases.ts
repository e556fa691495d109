import type { DecisionCase } from '../../sandbox/decision-case.js';
import { triggerCase } from '../../sandbox/decision-case.js';
import type { Intent, PrecheckRequest } from '../../core/request.js';
import type { PartyIdType } from '../../core/party-id-type.js';
import { MOJALOOP_TRIGGERS } from './mojaloop-fixtures.js';

/** A request for a trigger `{Type}/{ID}`: an MSISDN as the phone, any other type by `partyIdType` / `partyIdentifier`. */
export const mojaloopRequest = (intent: Intent, trigger: string, extra: Partial<PrecheckRequest> = {}): PrecheckRequest => {
  const [type, id] = trigger.split('/');
  return type === 'MSISDN'
    ? { provider: 'mojaloop', intent, phone: `+${id}`, ...extra }
    : { provider: 'mojaloop', intent, partyIdType: type as PartyIdType, partyIdentifier: id, ...extra };
};

/** Mojaloop's rows of the decision table: every trigger through the SDK adapter, then through the FSPIOP switch. */
export function mojaloopDecisionCases(): DecisionCase[] {
  const modes = [
    { label: 'SDK', variant: undefined },
    { label: 'FSPIOP', variant: 'mojaloop-fspiop' as const },
  ];
  return modes.flatMap(({ label, variant }) => [
    ...MOJALOOP_TRIGGERS.map((t) => {
      const row = triggerCase('mojaloop', t, `mojaloop ${label} ${t.value}`, { request: (intent) => mojaloopRequest(intent, t.value), ...(variant && { variant }) });
      return { ...row, answer: `${label}: ${row.answer}` };
    }),
    {
      provider: 'mojaloop',
      answer: `${label}: any other party: 3204 (\`MSISDN/233209999999\`)`,
      request: (intent: Intent) => mojaloopRequest(intent, 'MSISDN/233209999999'),
      ...(variant && { variant }),
      account: `mojaloop ${label} MSISDN/233209999999`,
    },
    {
      provider: 'mojaloop',
      answer: `${label}: found, the request's currency EUR not among the party's (\`MSISDN/233200000001\`)`,
      request: (intent: Intent) => mojaloopRequest(intent, 'MSISDN/233200000001', { currency: 'EUR' }),
      ...(variant && { variant }),
      account: `mojaloop ${label} MSISDN/233200000001`,
    },
  ]);
}
