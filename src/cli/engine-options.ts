import { optionRange } from '../engine/options/option-range.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import { readBoolean } from './read-boolean.js';
import { readChoice } from './read-choice.js';
import { readInteger } from './read-integer.js';
import { TRANSPORT_FLAGS, TRANSPORT_FLAGS_HELP, transportSettingsFrom } from './transport-flags.js';

/**
 * Engine options a command takes as flags, each also from the environment as `PRECHECK_` + the flag in upper snake
 * case (`--timeout-ms` ↔ `PRECHECK_TIMEOUT_MS`). A flag wins over the environment.
 */
export const ENGINE_FLAGS = {
  'timeout-ms': { type: 'string' },
  retries: { type: 'string' },
  'backoff-ms': { type: 'string' },
  'deadline-ms': { type: 'string' },
  'names-timeout-ms': { type: 'string' },
  'confirmation-timeout-ms': { type: 'string' },
  unverifiable: { type: 'string' },
  'confirm-payee': { type: 'boolean' },
  ...TRANSPORT_FLAGS,
} as const;

export const ENGINE_FLAGS_HELP = `  --timeout-ms N  --retries N  --backoff-ms N  --deadline-ms N
  --names-timeout-ms N  --confirmation-timeout-ms N  --unverifiable abort|proceed  --confirm-payee[=true|false]
                  engine options; each also as PRECHECK_TIMEOUT_MS, PRECHECK_RETRIES, … (a flag wins); a yes-or-no
                  (--confirm-payee=…, PRECHECK_CONFIRM_PAYEE) is true, false, 1 or 0, in any case
${TRANSPORT_FLAGS_HELP}`;

/** Each numeric flag's option: its range is the option's own (`optionRange`), so that a usage error says the engine's. */
const OPTION_OF = {
  'timeout-ms': ['http', 'timeoutMs'],
  retries: ['http', 'retries'],
  'backoff-ms': ['http', 'backoffMs'],
  'deadline-ms': ['deadlineMs'],
  'names-timeout-ms': ['namesTimeoutMs'],
  'confirmation-timeout-ms': ['confirmationTimeoutMs'],
} as const satisfies Partial<Record<keyof typeof ENGINE_FLAGS, readonly string[]>>;

type EngineFlagValues = { [K in keyof typeof ENGINE_FLAGS]?: (typeof ENGINE_FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

const envName = (flag: string) => `PRECHECK_${flag.toUpperCase().replaceAll('-', '_')}`;

/** The engine options the flags and `PRECHECK_*` variables give (providers and store excluded). */
export function engineOptionsFrom(values: EngineFlagValues, env: NodeJS.ProcessEnv): Omit<PrecheckOptions, 'providers'> {
  const read = (flag: Exclude<keyof typeof ENGINE_FLAGS, 'confirm-payee' | keyof typeof TRANSPORT_FLAGS>) => values[flag] ?? env[envName(flag)];
  const number = (flag: keyof typeof OPTION_OF) => {
    const { min, max } = optionRange(OPTION_OF[flag]);
    return readInteger(`--${flag} (${envName(flag)})`, read(flag) || undefined, min, max);
  };
  // Each value is refused by the name of what gave it: the flag, or its variable.
  const source = (flag: keyof typeof ENGINE_FLAGS) => (values[flag] !== undefined ? `--${flag}` : envName(flag));
  const unverifiable = readChoice(source('unverifiable'), read('unverifiable') || undefined, ['abort', 'proceed'] as const);
  const confirmPayee = values['confirm-payee'] ?? readBoolean('PRECHECK_CONFIRM_PAYEE', env.PRECHECK_CONFIRM_PAYEE || undefined);
  const http = { timeoutMs: number('timeout-ms'), retries: number('retries'), backoffMs: number('backoff-ms'), ...transportSettingsFrom(values, env) };
  const options: Omit<PrecheckOptions, 'providers'> = {
    http: Object.fromEntries(Object.entries(http).filter(([, value]) => value !== undefined)),
    deadlineMs: number('deadline-ms'),
    namesTimeoutMs: number('names-timeout-ms'),
    confirmationTimeoutMs: number('confirmation-timeout-ms'),
    unverifiable,
    confirmPayee: confirmPayee || undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
