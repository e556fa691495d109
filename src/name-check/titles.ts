// N4: title and honorific words, dropped from both names. French, English, Hausa, Arabic (pilgrimage) and Yoruba use.
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mister', 'mme', 'madame', 'mlle', 'mademoiselle', 'monsieur',
  'dr', 'doctor', 'docteur', 'prof', 'professor', 'pr',
  'alhaji', 'alhaja', 'alh', 'hajia', 'hadja', 'hadji', 'elhadj', 'elhadji',
  'chief', 'rev', 'reverend', 'pastor', 'pasteur', 'mallam', 'malam', 'engr', 'barr', 'hon',
]);

/** "El Hadj" / "El Hadji" is one title written as two words. */
const TWO_WORD_TITLES = new Set(['el hadj', 'el hadji']);

/**
 * N4: the positions of the words that are not titles. A leading single `m` is the French "M." (Monsieur) only when
 * at least two more words follow it.
 */
export function wordsKept(words: readonly string[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (TITLES.has(words[i])) continue;
    if (i + 1 < words.length && TWO_WORD_TITLES.has(`${words[i]} ${words[i + 1]}`)) {
      i += 1;
      continue;
    }
    kept.push(i);
  }
  if (kept.length >= 3 && kept[0] === 0 && words[0] === 'm') kept.shift();
  return kept;
}
