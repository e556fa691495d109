// N4: title and honorific words, dropped from both names. French, English, Hausa, Arabic (pilgrimage) and Yoruba use.
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mister', 'mme', 'madame', 'mlle', 'mademoiselle', 'monsieur',
  'dr', 'doctor', 'docteur', 'prof', 'professor', 'pr',
  'alhaji', 'alhaja', 'alh', 'hajia', 'hadja', 'hadji', 'elhadj', 'elhadji',
  'chief', 'rev', 'reverend', 'pastor', 'pasteur', 'mallam', 'malam', 'engr', 'barr', 'hon',
]);

/** "El Hadj" / "El Hadji" is one title written as two words. */
const AFTER_EL = new Set(['hadj', 'hadji']);

/**
 * N4: the positions of the words that are not titles. A leading single `m` is the French "M." (Monsieur) only when
 * at least two more words follow it.
 */
export function wordsKept(words: readonly string[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (TITLES.has(words[i])) continue;
    if (words[i] === 'el' && i + 1 < words.length && AFTER_EL.has(words[i + 1])) {
      i += 1;
      continue;
    }
    kept.push(i);
  }
  if (kept.length >= 3 && kept[0] === 0 && words[0] === 'm') kept.shift();
  return kept;
}
