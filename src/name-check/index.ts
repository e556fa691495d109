import { decide } from './decide.js';
import type { HeldPayeeName, PayeeNameCode, PayeeNameMatch, PayeeNameOutcome } from './types.js';

export type { HeldPayeeName, NameRule, PayeeNameCode, PayeeNameMatch, PayeeNameOutcome } from './types.js';

const CODE: Record<PayeeNameOutcome, PayeeNameCode> = {
  match: 'MTCH',
  'close-match': 'CMTC',
  'no-match': 'NMTC',
  'not-possible': 'NOAP',
};

/**
 * Compares the name a payer typed with the name the provider holds, as EU Verification of Payee and UK Confirmation of
 * Payee answer it, following docs/name-check.md rule by rule. Pure and synchronous; never throws.
 *
 * @example
 * matchPayeeName('Kofi Mensha', { firstName: 'Kofi', lastName: 'Mensah' });
 * // → { result: 'close-match', code: 'CMTC', heldName: 'Kofi Mensah', reasons: ['C3 TYPO mensha~mensah'] }
 */
export function matchPayeeName(typed: string, held: HeldPayeeName): PayeeNameMatch {
  const decision = decide(typeof typed === 'string' ? typed : '', held ?? {});
  const answer: PayeeNameMatch = { result: decision.result, code: CODE[decision.result], reasons: decision.reasons };
  if (decision.result === 'close-match') answer.heldName = decision.heldName;
  return answer;
}
