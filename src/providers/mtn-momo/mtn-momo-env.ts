import type { ProviderEnv } from '../provider-definition.js';
import type { MtnMomoSettings } from './mtn-momo-settings.js';

const VARIABLES = ['PRECHECK_MTN_BASE_URL', 'PRECHECK_MTN_API_USER', 'PRECHECK_MTN_API_KEY', 'PRECHECK_MTN_TARGET_ENVIRONMENT'] as const;
const KEYS = ['PRECHECK_MTN_COLLECTION_KEY', 'PRECHECK_MTN_DISBURSEMENT_KEY'] as const;

export const mtnMomoEnv: ProviderEnv<MtnMomoSettings> = {
  help: `  PRECHECK_MTN_BASE_URL, PRECHECK_MTN_API_USER, PRECHECK_MTN_API_KEY, PRECHECK_MTN_TARGET_ENVIRONMENT,
    and PRECHECK_MTN_COLLECTION_KEY (debits) and/or PRECHECK_MTN_DISBURSEMENT_KEY (credits)`,
  read(env, reading) {
    if (!reading.allOrNone(VARIABLES, KEYS)) return undefined;
    if (!env.PRECHECK_MTN_COLLECTION_KEY && !env.PRECHECK_MTN_DISBURSEMENT_KEY) {
      reading.refuse(`${KEYS.join(' and ')} are not set: set one or both (collection for debits, disbursement for credits)`);
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
  },
};
