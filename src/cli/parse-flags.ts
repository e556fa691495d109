import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readBoolean } from './read-boolean.js';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true }>>['values'];

/**
 * `parseArgs`, strictly and with the CLI's rules: an unknown flag, a missing value or a stray argument is a
 * `UsageError`; a boolean flag is given bare (`--confirm-payee`) or with a value read as the variables' booleans are
 * (`--confirm-payee=false`).
 */
export function parseFlags<const O extends Options>({ args, options }: { args: string[]; options: O }): { values: Values<O> } {
  const given: Record<string, boolean> = {};
  const rest = args.filter((arg) => {
    const match = /^--([^=]+)=(.*)$/s.exec(arg);
    if (!match || options[match[1]]?.type !== 'boolean') return true;
    given[match[1]] = readBoolean(`--${match[1]}`, match[2])!;
    return false;
  });
  try {
    const { values } = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
    return { values: { ...values, ...given } as Values<O> };
  } catch (error) {
    // node:util's own words (ERR_PARSE_ARGS_*): they name the flag and say what is wrong with it.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
