/**
 * The four answers of a payee name check, as EU Verification of Payee and UK Confirmation of Payee give them, each
 * with its EPC VoP code: MTCH, CMTC (close match), NMTC (no match), NOAP (not possible).
 */
export const PAYEE_NAME_CODES = { match: 'MTCH', 'close-match': 'CMTC', 'no-match': 'NMTC', 'not-possible': 'NOAP' } as const;

/** The four answers of a payee name check. */
export type PayeeNameOutcome = keyof typeof PAYEE_NAME_CODES;

/** The EPC VoP code of each outcome. */
export type PayeeNameCode = (typeof PAYEE_NAME_CODES)[PayeeNameOutcome];

/** As long as a held full name may be (B-MO's first and last names, 100 characters each, and a space). */
export const MAX_HELD_NAME_LENGTH = 201;

/** The name the provider holds for the account: `firstName` + `lastName` when it gives them, else `fullName`. */
export interface HeldPayeeName {
  firstName?: string;
  lastName?: string;
  fullName?: string;
}

export interface PayeeNameMatch {
  result: PayeeNameOutcome;
  code: PayeeNameCode;
  /** The name the provider holds, only on a close match (the payer checks it); never on any other outcome. */
  heldName?: string;
  /**
   * The rule that decided and the words that decided it, e.g. `C3 TYPO mensha~mensah`, for logs and support.
   * On a no-match or not-possible they name typed words only: a held name must not leak through them.
   */
  reasons: string[];
}

/**
 * What the engine calls to compare names (`NAME_MATCHER`): `matchPayeeName` unless an operator binds its own. Pure and
 * synchronous. An answer that is not one of the four, or a throw, counts as not-possible.
 */
export type PayeeNameMatcher = (typed: string, held: HeldPayeeName) => PayeeNameMatch;

/** The rule ids of docs/name-check.md (policy: M1–M5, C1–C6, X1–X9, B1–B2, P1–P2). */
export type NameRule =
  | 'M1' | 'M2' | 'M3' | 'M4' | 'M5'
  | 'C1' | 'C2' | 'C3' | 'C4' | 'C6'
  | 'X1' | 'X2' | 'X3' | 'X4' | 'X5' | 'X6' | 'X7' | 'X9'
  | 'B1' | 'B2'
  | 'P1' | 'P2';
