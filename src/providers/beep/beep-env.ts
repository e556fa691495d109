import type { ProviderEnv } from '../provider-definition.js';
import type { BeepSettings } from './beep-settings.js';

const VARIABLES = ['PRECHECK_BEEP_BASE_URL', 'PRECHECK_BEEP_USERNAME', 'PRECHECK_BEEP_PASSWORD'] as const;

export const beepEnv: ProviderEnv<BeepSettings> = {
  help: '  PRECHECK_BEEP_BASE_URL, PRECHECK_BEEP_USERNAME, PRECHECK_BEEP_PASSWORD, PRECHECK_BEEP_PATH (optional)',
  read(env, reading) {
    if (!reading.allOrNone(VARIABLES, ['PRECHECK_BEEP_PATH'])) return undefined;
    return {
      baseUrl: env.PRECHECK_BEEP_BASE_URL!,
      username: env.PRECHECK_BEEP_USERNAME!,
      password: env.PRECHECK_BEEP_PASSWORD!,
      ...(env.PRECHECK_BEEP_PATH && { path: env.PRECHECK_BEEP_PATH }),
    };
  },
};
