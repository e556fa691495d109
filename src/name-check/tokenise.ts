import { foldWord, rawWords } from './fold.js';
import { wordsKept } from './titles.js';

/** A name after step 1 (N1–N4): its words in written order. */
export interface NameWords {
  words: string[];
  /** Whether N4 dropped a title (rule M4). */
  titlesDropped: boolean;
}

/** A raw word folded, with whether it was written all in capitals (a family name in `FAMILY Given` records). */
interface Folded {
  word: string;
  capitals: boolean;
  part: number;
}

/** Steps N1–N4 on one or more parts of a name (first name, last name; or the text either side of a comma). */
export function tokenise(parts: readonly string[]): NameWords & { part: number[]; capitals: boolean[] } {
  const folded: Folded[] = [];
  parts.forEach((text, part) => {
    for (const raw of rawWords(text)) {
      const capitals = raw.length >= 2 && raw === raw.toUpperCase() && raw !== raw.toLowerCase();
      for (const word of foldWord(raw)) folded.push({ word, capitals, part });
    }
  });
  const kept = wordsKept(folded.map((entry) => entry.word)).map((index) => folded[index]);
  return {
    words: kept.map((entry) => entry.word),
    part: kept.map((entry) => entry.part),
    capitals: kept.map((entry) => entry.capitals),
    titlesDropped: kept.length !== folded.length,
  };
}
