import type { ProviderEnv } from '../provider-definition.js';
import type { BmoSettings } from './bmo-settings.js';

const VARIABLES = ['PRECHECK_BMO_BASE_URL', 'PRECHECK_BMO_API_KEY', 'PRECHECK_BMO_API_SECRET'] as const;

export const bmoEnv: ProviderEnv<BmoSettings> = {
  help: '  PRECHECK_BMO_BASE_URL, PRECHECK_BMO_API_KEY, PRECHECK_BMO_API_SECRET',
  read(env, reading) {
    if (!reading.allOrNone(VARIABLES)) return undefined;
    return { baseUrl: env.PRECHECK_BMO_BASE_URL!, apiKey: env.PRECHECK_BMO_API_KEY!, apiSecret: env.PRECHECK_BMO_API_SECRET! };
  },
};
