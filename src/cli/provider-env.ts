import { PrecheckConfigError } from '../options/read-options.js';
import { GSMA_IDENTIFIER_TYPES } from '../providers/gsma/identifier-types.js';
import type { PrecheckOptions } from '../types/options.js';
import { readChoice } from './read-choice.js';

/** The provider variables, as `--help` lists them (check and serve). */
export const PROVIDER_ENV_HELP = `  PRECHECK_BMO_BASE_URL, PRECHECK_BMO_API_KEY, PRECHECK_BMO_API_SECRET
  PRECHECK_BEEP_BASE_URL, PRECHECK_BEEP_USERNAME, PRECHECK_BEEP_PASSWORD, PRECHECK_BEEP_PATH (optional)
  PRECHECK_MTN_BASE_URL, PRECHECK_MTN_API_USER, PRECHECK_MTN_API_KEY, PRECHECK_MTN_TARGET_ENVIRONMENT,
    and PRECHECK_MTN_COLLECTION_KEY (debits) and/or PRECHECK_MTN_DISBURSEMENT_KEY (credits)
  PRECHECK_GSMA_BASE_URL with PRECHECK_GSMA_USERNAME, PRECHECK_GSMA_PASSWORD (Basic)
    or PRECHECK_GSMA_TOKEN_URL, PRECHECK_GSMA_CLIENT_ID, PRECHECK_GSMA_CLIENT_SECRET (OAuth 2.0);
    PRECHECK_GSMA_API_KEY, PRECHECK_GSMA_IDENTIFIER_TYPE (default msisdn) optional
  A provider is configured by all of its variables, or by none: some but not all is a configuration error.`;

const BMO_VARIABLES = ['PRECHECK_BMO_BASE_URL', 'PRECHECK_BMO_API_KEY', 'PRECHECK_BMO_API_SECRET'] as const;
const BEEP_VARIABLES = ['PRECHECK_BEEP_BASE_URL', 'PRECHECK_BEEP_USERNAME', 'PRECHECK_BEEP_PASSWORD'] as const;
const MTN_VARIABLES = ['PRECHECK_MTN_BASE_URL', 'PRECHECK_MTN_API_USER', 'PRECHECK_MTN_API_KEY', 'PRECHECK_MTN_TARGET_ENVIRONMENT'] as const;
const MTN_KEYS = ['PRECHECK_MTN_COLLECTION_KEY', 'PRECHECK_MTN_DISBURSEMENT_KEY'] as const;
const GSMA_BASIC = ['PRECHECK_GSMA_USERNAME', 'PRECHECK_GSMA_PASSWORD'] as const;
const GSMA_OAUTH = ['PRECHECK_GSMA_TOKEN_URL', 'PRECHECK_GSMA_CLIENT_ID', 'PRECHECK_GSMA_CLIENT_SECRET'] as const;
const GSMA_OPTIONAL = ['PRECHECK_GSMA_API_KEY', 'PRECHECK_GSMA_IDENTIFIER_TYPE'] as const;

const are = (names: readonly string[]) => `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'}`;

/**
 * A provider's required variables, all set (non-empty) or none. Some but not all: a configuration error that names
 * what is missing, rather than a provider silently left out. `optional` variables count as "some".
 */
function requiredVariables(env: NodeJS.ProcessEnv, required: readonly string[], optional: readonly string[] = []): boolean {
  const missing = required.filter((name) => !env[name]);
  if (missing.length === 0) return true;
  const present = [...required, ...optional].filter((name) => env[name]);
  if (present.length === 0) return false;
  throw new PrecheckConfigError(`${are(missing)} not set, while ${are(present)}: set all of ${required.join(', ')}, or none`);
}

function mtnFromEnv(env: NodeJS.ProcessEnv): PrecheckOptions['providers']['mtn-momo'] {
  if (!requiredVariables(env, MTN_VARIABLES, MTN_KEYS)) return undefined;
  if (!env.PRECHECK_MTN_COLLECTION_KEY && !env.PRECHECK_MTN_DISBURSEMENT_KEY) {
    throw new PrecheckConfigError(`${MTN_KEYS.join(' and ')} are not set: set one or both (collection for debits, disbursement for credits)`);
  }
  return {
    baseUrl: env.PRECHECK_MTN_BASE_URL!,
    apiUser: env.PRECHECK_MTN_API_USER!,
    apiKey: env.PRECHECK_MTN_API_KEY!,
    targetEnvironment: env.PRECHECK_MTN_TARGET_ENVIRONMENT!,
    subscriptionKeys: {
      ...(env.PRECHECK_MTN_COLLECTION_KEY && { collection: env.PRECHECK_MTN_COLLECTION_KEY }),
      ...(env.PRECHECK_MTN_DISBURSEMENT_KEY && { disbursement: env.PRECHECK_MTN_DISBURSEMENT_KEY }),
    },
  };
}

function gsmaFromEnv(env: NodeJS.ProcessEnv): PrecheckOptions['providers']['gsma'] {
  const any = (names: readonly string[]) => names.some((name) => env[name]);
  if (!any(['PRECHECK_GSMA_BASE_URL', ...GSMA_BASIC, ...GSMA_OAUTH, ...GSMA_OPTIONAL])) return undefined;
  if (any(GSMA_BASIC) && any(GSMA_OAUTH)) {
    throw new PrecheckConfigError(`set either ${GSMA_BASIC.join(', ')} (Basic) or ${GSMA_OAUTH.join(', ')} (OAuth 2.0), not both`);
  }
  const authVariables = any(GSMA_OAUTH) ? GSMA_OAUTH : GSMA_BASIC;
  if (!any(authVariables)) {
    throw new PrecheckConfigError(`${GSMA_BASIC.join(', ')} (Basic) or ${GSMA_OAUTH.join(', ')} (OAuth 2.0) are not set, while PRECHECK_GSMA_* variables are`);
  }
  requiredVariables(env, ['PRECHECK_GSMA_BASE_URL', ...authVariables], GSMA_OPTIONAL);
  return {
    baseUrl: env.PRECHECK_GSMA_BASE_URL!,
    auth:
      authVariables === GSMA_OAUTH
        ? { type: 'oauth2', tokenUrl: env.PRECHECK_GSMA_TOKEN_URL!, clientId: env.PRECHECK_GSMA_CLIENT_ID!, clientSecret: env.PRECHECK_GSMA_CLIENT_SECRET! }
        : { type: 'basic', username: env.PRECHECK_GSMA_USERNAME!, password: env.PRECHECK_GSMA_PASSWORD! },
    ...(env.PRECHECK_GSMA_API_KEY && { apiKey: env.PRECHECK_GSMA_API_KEY }),
    ...(env.PRECHECK_GSMA_IDENTIFIER_TYPE && {
      identifierType: readChoice('PRECHECK_GSMA_IDENTIFIER_TYPE', env.PRECHECK_GSMA_IDENTIFIER_TYPE, GSMA_IDENTIFIER_TYPES),
    }),
  };
}

/** Provider settings from the environment; a provider is configured when all its variables are set. */
export function providersFromEnv(env: NodeJS.ProcessEnv): PrecheckOptions['providers'] {
  const providers: PrecheckOptions['providers'] = {};
  if (requiredVariables(env, BMO_VARIABLES)) {
    providers.bmo = { baseUrl: env.PRECHECK_BMO_BASE_URL!, apiKey: env.PRECHECK_BMO_API_KEY!, apiSecret: env.PRECHECK_BMO_API_SECRET! };
  }
  if (requiredVariables(env, BEEP_VARIABLES, ['PRECHECK_BEEP_PATH'])) {
    providers.beep = {
      baseUrl: env.PRECHECK_BEEP_BASE_URL!,
      username: env.PRECHECK_BEEP_USERNAME!,
      password: env.PRECHECK_BEEP_PASSWORD!,
      ...(env.PRECHECK_BEEP_PATH && { path: env.PRECHECK_BEEP_PATH }),
    };
  }
  const mtn = mtnFromEnv(env);
  if (mtn) providers['mtn-momo'] = mtn;
  const gsma = gsmaFromEnv(env);
  if (gsma) providers.gsma = gsma;
  return providers;
}

/** Whether any provider is configured. */
export const anyProvider = (providers: PrecheckOptions['providers']) => Object.values(providers).some(Boolean);
