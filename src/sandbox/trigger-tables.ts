import { BEEP_TRIGGERS } from '../providers/beep/beep-fixtures.js';
import { BMO_TRIGGERS } from '../providers/bmo/bmo-fixtures.js';
import { GSMA_TRIGGERS } from '../providers/gsma/gsma-fixtures.js';
import { MTN_TRIGGERS } from '../providers/mtn-momo/mtn-momo-fixtures.js';
import { MOJALOOP_OTHERWISE, MOJALOOP_TRIGGERS } from '../providers/mojaloop/mojaloop-fixtures.js';

/** One fake's trigger values, as the docs list them. */
export interface TriggerTable {
  /** The section's heading, e.g. `B-MO, by phone number`. */
  heading: string;
  /** The request field the values go in. */
  field: string;
  triggers: readonly { value: string; case: string }[];
  /** What any other value gets. */
  otherwise: string;
}

/** Every fake's trigger values, in the order the docs list them. */
export const TRIGGER_TABLES: readonly TriggerTable[] = [
  { heading: 'B-MO, by phone number', field: 'phone', triggers: BMO_TRIGGERS, otherwise: '404 customer not found (a credit with names creates it)' },
  { heading: 'BEEP, by account number', field: 'accountNumber', triggers: BEEP_TRIGGERS, otherwise: '306 invalid account' },
  { heading: 'MTN MoMo, by phone number', field: 'phone', triggers: MTN_TRIGGERS, otherwise: 'active, basicuserinfo "Sand Box" (as MTN\'s sandbox)' },
  { heading: 'GSMA, by identifier (type/value)', field: 'identifier', triggers: GSMA_TRIGGERS, otherwise: '404 identification/identifierError' },
  { heading: 'Mojaloop, by party (Type/ID; an MSISDN is the phone without +), both modes', field: 'party', triggers: MOJALOOP_TRIGGERS, otherwise: MOJALOOP_OTHERWISE },
];
