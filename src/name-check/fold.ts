import anyAscii from 'any-ascii';

// Steps N1–N3 of the policy: what is removed here never counts as a difference.

/** N'Guessan, N'Diaye, M'Baye: the nasal prefix is part of its word (N6 would join it anyway; X6 must see one word). */
const NASAL_PREFIX = /(^|[^\p{L}\p{M}])([nm])['’ʼ‘`´]\s*(?=\p{L})/giu;
const NOT_A_LETTER = /[^\p{L}\p{M}]+/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII_NASAL_PREFIX = /(^|[^A-Za-z])([nm])['`]\s*(?=[A-Za-z])/gi;
const NOT_AN_ASCII_LETTER = /[^A-Za-z]+/;
const COMBINING_MARK = /\p{M}/gu;
const NOT_ASCII = /[^\x00-\x7f]/;
const NOT_A_TO_Z = /[^a-z]+/;

/** The words of a name as written (N1's NFKC, case kept): every non-letter separates words (N3). */
export function rawWords(name: string): string[] {
  if (PRINTABLE_ASCII.test(name)) {
    return name.replace(ASCII_NASAL_PREFIX, '$1$2').split(NOT_AN_ASCII_LETTER).filter((word) => word !== '');
  }
  return name.normalize('NFKC').replace(NASAL_PREFIX, '$1$2').split(NOT_A_LETTER).filter((word) => word !== '');
}

/**
 * N1 (lower case) and N2 (fold to a–z: accents and tone marks dropped; the African Reference Alphabet letters
 * ɔ ɛ ɖ ƒ ʋ ŋ ɣ, and œ æ ß, transliterated by any-ascii) on one raw word; a–z words out (usually one).
 * Non-letters were cut out before, so a symbol or emoji is never transliterated into a word.
 */
export function foldWord(raw: string): string[] {
  if (PRINTABLE_ASCII.test(raw)) return [raw.toLowerCase()]; // rawWords gives no empty word
  const stripped = raw.toLowerCase().normalize('NFD').replace(COMBINING_MARK, '');
  if (!NOT_ASCII.test(stripped)) return stripped === '' ? [] : [stripped];
  return anyAscii(stripped).toLowerCase().split(NOT_A_TO_Z).filter((word) => word !== '');
}

/** N1 + N2 only, separators kept: two names equal here differ by case or accents alone (rule M2). */
export function foldCase(name: string): string {
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase().trim();
  const stripped = name.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARK, '').trim();
  return NOT_ASCII.test(stripped) ? anyAscii(stripped).toLowerCase() : stripped;
}
