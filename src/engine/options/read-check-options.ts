import type { InspectionEvent } from 'xstate';
import type { CheckOptions } from './precheck-options.js';

export type CheckOptionsReading =
  | { valid: true; signal?: AbortSignal; inspect?: (event: InspectionEvent) => void }
  | { valid: false; message: string };

/**
 * `check()`'s second argument, read once and checked: `undefined` or `null` (no options), or an object whose
 * `signal` is an `AbortSignal` and whose `inspect` is a function, each optional. Never throws.
 */
export function readCheckOptions(options: unknown): CheckOptionsReading {
  if (options === undefined || options === null) return { valid: true };
  if (typeof options !== 'object') return { valid: false, message: 'invalid check options: expected an object { signal, inspect }' };
  let signal: unknown;
  let inspect: unknown;
  try {
    ({ signal, inspect } = options as CheckOptions);
  } catch {
    return { valid: false, message: 'invalid check options: they could not be read (a property threw when read)' };
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    return { valid: false, message: 'invalid check options: signal must be an AbortSignal' };
  }
  if (inspect !== undefined && typeof inspect !== 'function') {
    return { valid: false, message: 'invalid check options: inspect must be a function' };
  }
  return { valid: true, signal, inspect: inspect as ((event: InspectionEvent) => void) | undefined };
}
