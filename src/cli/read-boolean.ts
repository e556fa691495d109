import { refusal } from './usage-error.js';

/**
 * A yes-or-no from a flag (`--confirm-payee=false`) or a `PRECHECK_*` variable: `true`, `false`, `1` or `0`, in any
 * case, and nothing else: `yes` or `on` must not switch a safety feature off (or on) by a guess. Undefined when absent.
 */
export function readBoolean(name: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const word = text.toLowerCase();
  if (word === 'true' || word === '1') return true;
  if (word === 'false' || word === '0') return false;
  throw refusal(name, `${name} must be true, false, 1 or 0 (any case), not "${text}"`);
}
