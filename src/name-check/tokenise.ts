import { foldWord, rawWords } from './fold.js';
import { wordsKept } from './titles.js';

/** A name after step 1 (N1–N4): its words in written order. */
export interface NameWords {
  words: string[];
  /** Whether N4 dropped a title (rule M4). */
  titlesDropped: boolean;
}

/** Steps N1–N4 on one or more parts of a name (first name, last name; or the text either side of a comma). */
export function tokenise(parts: readonly string[]): NameWords & { part: number[]; capitals: boolean[] } {
  const words: string[] = [];
  const part: number[] = [];
  const capitals: boolean[] = [];
  parts.forEach((text, index) => {
    for (const raw of rawWords(text)) {
      // Written all in capitals: a family name in `FAMILY Given` records.
      const upper = raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
      for (const word of foldWord(raw)) {
        words.push(word);
        part.push(index);
        capitals.push(upper);
      }
    }
  });
  const kept = wordsKept(words);
  if (kept.length === words.length) return { words, part, capitals, titlesDropped: false };
  return {
    words: kept.map((i) => words[i]),
    part: kept.map((i) => part[i]),
    capitals: kept.map((i) => capitals[i]),
    titlesDropped: true,
  };
}
