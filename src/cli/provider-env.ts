import { PrecheckConfigError } from '../engine/options/read-options.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import type { EnvReading } from '../providers/provider-definition.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import { readChoice } from './read-choice.js';

/** The provider variables, as `--help` lists them (check and serve). */
export const PROVIDER_ENV_HELP = `${BUILTIN_PROVIDERS.map((provider) => provider.env.help).join('\n')}
  A provider is configured by all of its variables, or by none: some but not all is a configuration error.`;

const are = (names: readonly string[]) => `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'}`;

/** How a provider reads its variables here: a refusal is a configuration error naming what to set. */
const reading = (env: NodeJS.ProcessEnv): EnvReading => ({
  /**
   * A provider's required variables, all set (non-empty) or none. Some but not all: a configuration error that names
   * what is missing, rather than a provider silently left out. `optional` variables count as "some".
   */
  allOrNone(required, optional = []) {
    const missing = required.filter((name) => !env[name]);
    if (missing.length === 0) return true;
    const present = [...required, ...optional].filter((name) => env[name]);
    if (present.length === 0) return false;
    throw new PrecheckConfigError(`${are(missing)} not set, while ${are(present)}: set all of ${required.join(', ')}, or none`);
  },
  choice: readChoice,
  refuse(message) {
    throw new PrecheckConfigError(message);
  },
});

/** Provider settings from the environment; a provider is configured when all its variables are set. */
export function providersFromEnv(env: NodeJS.ProcessEnv): PrecheckOptions['providers'] {
  const providers: Record<string, unknown> = {};
  for (const provider of BUILTIN_PROVIDERS) {
    const settings = provider.env.read(env, reading(env));
    if (settings) providers[provider.name] = settings;
  }
  return providers as PrecheckOptions['providers'];
}

/** Whether any provider is configured. */
export const anyProvider = (providers: PrecheckOptions['providers']) => Object.values(providers).some(Boolean);
