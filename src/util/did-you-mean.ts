/**
 * Edit distance between two words: insertions, deletions, substitutions and swaps of neighbours each count one
 * (optimal string alignment). Case differences count as edits too, except that they are preferred (see `closest`).
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** How far `word` is from `known`, or undefined when it is too far to be a slip: more than 2 edits, or all of it. */
export function slipDistance(word: string, known: string): number | undefined {
  if (word.toLowerCase() === known.toLowerCase()) return 0;
  const distance = editDistance(word.toLowerCase(), known.toLowerCase());
  return distance <= 2 && distance < Math.min(word.length, known.length) ? distance : undefined;
}

/** The known word `word` is most likely a slip of (edit distance ≤ 2, case ignored), if any. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = slipDistance(word, candidate);
    if (distance !== undefined && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}
