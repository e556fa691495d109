import { UsageError } from './usage-error.js';

/**
 * `--flag N` as an integer: plain decimal digits only (no sign, exponent, hex, fraction or spaces), from `min` to
 * `max`. `Number()` would read `3e9` as 3000000000 and `0x10` as 16. Undefined when the flag is absent.
 */
export function readInteger(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (plain decimal digits)`);
  }
  return value;
}
