import { decide } from './decide.js';
import { tokenise } from './tokenise.js';
import { PAYEE_NAME_CODES as CODE, type HeldPayeeName, type PayeeNameMatch } from '../core/payee-name.js';

export type { HeldPayeeName, NameRule, PayeeNameCode, PayeeNameMatch, PayeeNameMatcher, PayeeNameOutcome } from '../core/payee-name.js';

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

/**
 * Whether a typed name has words left after normalisation (N1–N4): not empty, not only spaces, punctuation, digits
 * or titles. One without is what the matcher answers not-possible (P1); a request refuses it instead.
 */
export function hasNameWords(typed: string): boolean {
  return tokenise([typed]).words.length > 0;
}
