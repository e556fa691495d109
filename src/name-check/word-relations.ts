import { areVariants } from './variants.js';

/** How a typed word may pair with a held word (step 2 of the policy). */
export type Relation = 'EQUAL' | 'VARIANT' | 'TYPO' | 'INITIAL';

/** Shorter words one letter apart are usually different names (Yaa/Yaw, Afua/Akua, Fall/Sall): no TYPO for them. */
export const TYPO_MIN_LETTERS = 5;

/** The relation of two folded words, the closest first; undefined when they may not pair. */
export function relationOf(typed: string, held: string): Relation | undefined {
  if (typed === held) return 'EQUAL';
  if (areVariants(typed, held)) return 'VARIANT';
  if (typed.length === 1 || held.length === 1) {
    return typed.length !== held.length && typed[0] === held[0] ? 'INITIAL' : undefined;
  }
  return Math.max(typed.length, held.length) >= TYPO_MIN_LETTERS && isOneEdit(typed, held) ? 'TYPO' : undefined;
}

/**
 * Optimal string alignment distance of exactly 1: one insertion, deletion, substitution, or swap of two neighbouring
 * letters ("mensha"/"mensah" is one edit here, two for plain Levenshtein). The words are known to differ.
 */
export function isOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA + restB <= 1) return true; // one insertion or deletion
  if (restA === 1 && restB === 1) return true; // one substitution
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
