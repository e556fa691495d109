import { redact, REDACTED } from './redact.js';

/** C0 and C1 controls, and the line and paragraph separators. */
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;
/** Invisible format characters (category Cf): bidi overrides and isolates, zero-width spaces and joiners, BOM. */
const FORMAT_CHARACTERS = /\p{Cf}/u;
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * A string from outside, made safe to keep and show: no credential, NFC, no control or format characters, trimmed,
 * bounded. `credentials` are the forms to take out (see `credentialForms`): they are searched for in the raw text and
 * again after each step that could join one back together, all before the cut, so that no cut leaves part of one.
 */
export function cleanText(value: unknown, maxLength = 200, credentials: readonly string[] = []): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  let text = redact(String(value), credentials);
  text = redact(text.normalize('NFC'), credentials);
  text = redact(text.replace(INVISIBLE_CHARACTERS, ''), credentials);
  // A credential written with compatibility characters (full-width, ligatures) cannot be cut out: drop the text.
  const compatible = text.normalize('NFKC');
  if (redact(compatible, credentials) !== compatible) text = REDACTED;
  text = text.trim().slice(0, maxLength);
  return text === '' ? undefined : text;
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

export function hasFormatCharacters(value: string): boolean {
  return FORMAT_CHARACTERS.test(value);
}
