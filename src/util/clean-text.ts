// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A string from outside, made safe to keep and show: NFC, no control characters, trimmed, bounded. */
export function cleanText(value: unknown, maxLength = 200): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).normalize('NFC').replace(CONTROL_CHARACTERS, '').trim().slice(0, maxLength);
  return text === '' ? undefined : text;
}

export function hasControlCharacters(value: string): boolean {
  return new RegExp(CONTROL_CHARACTERS.source).test(value);
}
