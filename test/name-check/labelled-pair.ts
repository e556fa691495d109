import type { HeldPayeeName, PayeeNameOutcome } from '../../src/index.js';

export type Country = 'BJ' | 'GH' | 'CI' | 'NG' | 'SN' | 'ML' | 'BF';

/** A pair labelled from docs/name-check.md: `rule` is `<id>: <title> | <deciding words>`. */
export interface LabelledPair {
  typed: string;
  held: HeldPayeeName;
  expected: PayeeNameOutcome;
  rule: string;
  /** Where the names are common; absent for the schemes' own examples. */
  country?: Country;
}

/** Shorthand: a string is a provider's full name, a pair is its first and last name. */
export type Held = string | [first: string, last: string] | HeldPayeeName;

export const held = (value: Held): HeldPayeeName =>
  typeof value === 'string' ? { fullName: value } : Array.isArray(value) ? { firstName: value[0], lastName: value[1] } : value;

const OUTCOME = { M: 'match', B1: 'match', C: 'close-match', B2: 'close-match', X: 'no-match', P: 'not-possible' } as const;

/** A pair whose expected outcome follows from its rule id. */
export function pair(country: Country | undefined, typed: string, name: Held, rule: string): LabelledPair {
  const id = rule.slice(0, rule.indexOf(':'));
  const expected = OUTCOME[id as 'B1' | 'B2'] ?? OUTCOME[id[0] as 'M' | 'C' | 'X' | 'P'];
  return { typed, held: held(name), expected, rule, ...(country ? { country } : {}) };
}

export const ruleId = (rule: string) => rule.slice(0, rule.indexOf(':'));
