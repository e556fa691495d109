import { tokenise, type NameWords } from './tokenise.js';
import type { HeldPayeeName } from '../core/payee-name.js';

/** The held name after step 1, with the word(s) that must be paired as its family name. */
export interface HeldWords extends NameWords {
  /**
   * Positions in `words` of the family name. With `lastName`, a comma, or capitals the family name is known and this
   * holds its longest word. Otherwise the family name may be the first word (francophone `FAMILY Given`) or the last
   * (anglophone `Given FAMILY`), and both must be paired.
   */
  family: number[];
  /** The held name as the provider wrote it (spaces collapsed): shown on a close match only. */
  display: string;
}

/**
 * How the family name is found:
 * 1. `lastName` given (and not only a title): its words;
 * 2. a full name with a comma (`MENSAH, Kofi`): the words before the comma;
 * 3. a full name mixing capitals and lower case (`KONAN Kouassi Jean`, `Kofi MENSAH`): the words in capitals;
 * 4. otherwise (all capitals, or all lower case): unknown — its first and its last word both count as family names.
 */
export function heldWords(held: HeldPayeeName): HeldWords {
  const first = text(held.firstName);
  const last = text(held.lastName);
  if (last !== '') {
    const name = tokenise([first, last]);
    const family = positions(name.words.length, (i) => name.part[i] === 1);
    if (family.length > 0) return { ...name, family: [longest(name.words, family)], display: `${first} ${last}`.trim() };
  }
  const full = text(held.fullName) || (first && last ? `${first} ${last}` : first || last);
  const comma = full.indexOf(',');
  if (comma > 0) {
    const name = tokenise([full.slice(0, comma), full.slice(comma + 1)]);
    const family = positions(name.words.length, (i) => name.part[i] === 0);
    if (family.length > 0 && family.length < name.words.length) return { ...name, family: [longest(name.words, family)], display: full };
  }
  const name = tokenise([full]);
  const capitals = positions(name.words.length, (i) => name.capitals[i]);
  if (capitals.length > 0 && capitals.length < name.words.length) {
    const lower = positions(name.words.length, (i) => !name.capitals[i] && name.words[i].length >= 2);
    if (lower.length > 0) return { ...name, family: [longest(name.words, capitals)], display: full };
  }
  const long = positions(name.words.length, (i) => name.words[i].length >= 2);
  const ends = long.length === 0 ? [] : long.length === 1 ? long : [long[0], long[long.length - 1]];
  return { ...name, family: ends, display: full };
}

function positions(count: number, keep: (index: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) if (keep(i)) out.push(i);
  return out;
}

const SPACES = /\s{2,}|[\t\n\r\f\v]/;
const text = (value: unknown) => (typeof value !== 'string' ? '' : SPACES.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim());

/** The family name's longest word (the last of equals): "De Souza" → souza, "N'Guessan" → nguessan. */
function longest(words: readonly string[], positions: readonly number[]): number {
  return positions.reduce((best, index) => (words[index].length >= words[best].length ? index : best));
}
