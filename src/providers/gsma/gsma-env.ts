import type { ProviderEnv } from '../provider-definition.js';
import type { GsmaSettings } from './gsma-settings.js';
import { GSMA_IDENTIFIER_TYPES } from './identifier-types.js';

const BASIC = ['PRECHECK_GSMA_USERNAME', 'PRECHECK_GSMA_PASSWORD'] as const;
const OAUTH = ['PRECHECK_GSMA_TOKEN_URL', 'PRECHECK_GSMA_CLIENT_ID', 'PRECHECK_GSMA_CLIENT_SECRET'] as const;
const OPTIONAL = ['PRECHECK_GSMA_API_KEY', 'PRECHECK_GSMA_IDENTIFIER_TYPE'] as const;

export const gsmaEnv: ProviderEnv<GsmaSettings> = {
  help: `  PRECHECK_GSMA_BASE_URL with PRECHECK_GSMA_USERNAME, PRECHECK_GSMA_PASSWORD (Basic)
    or PRECHECK_GSMA_TOKEN_URL, PRECHECK_GSMA_CLIENT_ID, PRECHECK_GSMA_CLIENT_SECRET (OAuth 2.0);
    PRECHECK_GSMA_API_KEY, PRECHECK_GSMA_IDENTIFIER_TYPE (default msisdn) optional`,
  read(env, reading) {
    const any = (names: readonly string[]) => names.some((name) => env[name]);
    if (!any(['PRECHECK_GSMA_BASE_URL', ...BASIC, ...OAUTH, ...OPTIONAL])) return undefined;
    if (any(BASIC) && any(OAUTH)) {
      reading.refuse(`set either ${BASIC.join(', ')} (Basic) or ${OAUTH.join(', ')} (OAuth 2.0), not both`);
    }
    const authVariables = any(OAUTH) ? OAUTH : BASIC;
    if (!any(authVariables)) {
      reading.refuse(`${BASIC.join(', ')} (Basic) or ${OAUTH.join(', ')} (OAuth 2.0) are not set, while PRECHECK_GSMA_* variables are`);
    }
    reading.allOrNone(['PRECHECK_GSMA_BASE_URL', ...authVariables], OPTIONAL);
    return {
      baseUrl: env.PRECHECK_GSMA_BASE_URL!,
      auth:
        authVariables === OAUTH
          ? { type: 'oauth2', tokenUrl: env.PRECHECK_GSMA_TOKEN_URL!, clientId: env.PRECHECK_GSMA_CLIENT_ID!, clientSecret: env.PRECHECK_GSMA_CLIENT_SECRET! }
          : { type: 'basic', username: env.PRECHECK_GSMA_USERNAME!, password: env.PRECHECK_GSMA_PASSWORD! },
      ...(env.PRECHECK_GSMA_API_KEY && { apiKey: env.PRECHECK_GSMA_API_KEY }),
      ...(env.PRECHECK_GSMA_IDENTIFIER_TYPE && {
        identifierType: reading.choice('PRECHECK_GSMA_IDENTIFIER_TYPE', env.PRECHECK_GSMA_IDENTIFIER_TYPE, GSMA_IDENTIFIER_TYPES),
      }),
    };
  },
};
