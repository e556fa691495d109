import type { ProviderEnv } from '../provider-definition.js';
import { MOJALOOP_API_VERSIONS, MOJALOOP_MODES, type MojaloopSettings } from './mojaloop-settings.js';

const REQUIRED = ['PRECHECK_MOJALOOP_MODE', 'PRECHECK_MOJALOOP_BASE_URL'] as const;
const OPTIONAL = [
  'PRECHECK_MOJALOOP_FSP_ID',
  'PRECHECK_MOJALOOP_DESTINATION',
  'PRECHECK_MOJALOOP_API_VERSION',
  'PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS',
  'PRECHECK_MOJALOOP_JWS_KEYS',
] as const;

export const mojaloopEnv: ProviderEnv<MojaloopSettings> = {
  help: `  PRECHECK_MOJALOOP_MODE (sdk or fspiop), PRECHECK_MOJALOOP_BASE_URL;
    with fspiop: PRECHECK_MOJALOOP_FSP_ID, and optional PRECHECK_MOJALOOP_DESTINATION, PRECHECK_MOJALOOP_API_VERSION
    (1.1 or 2.0), PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS, PRECHECK_MOJALOOP_JWS_KEYS (fspId=PEM file path, comma
    separated: callbacks' signatures are then verified)`,
  read(env, reading) {
    if (!reading.allOrNone(REQUIRED, OPTIONAL)) return undefined;
    const mode = reading.choice('PRECHECK_MOJALOOP_MODE', env.PRECHECK_MOJALOOP_MODE, MOJALOOP_MODES)!;
    const timeout = env.PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS;
    if (timeout !== undefined && !/^[1-9][0-9]{0,9}$/.test(timeout)) {
      reading.refuse('PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS must be a whole number of milliseconds, e.g. 8000');
    }
    return {
      mode,
      baseUrl: env.PRECHECK_MOJALOOP_BASE_URL!,
      ...(env.PRECHECK_MOJALOOP_FSP_ID && { fspId: env.PRECHECK_MOJALOOP_FSP_ID }),
      ...(env.PRECHECK_MOJALOOP_DESTINATION && { destination: env.PRECHECK_MOJALOOP_DESTINATION }),
      ...(env.PRECHECK_MOJALOOP_API_VERSION && {
        apiVersion: reading.choice('PRECHECK_MOJALOOP_API_VERSION', env.PRECHECK_MOJALOOP_API_VERSION, MOJALOOP_API_VERSIONS),
      }),
      ...(timeout && { callbackTimeoutMs: Number(timeout) }),
      ...(env.PRECHECK_MOJALOOP_JWS_KEYS && { jws: { verify: true, keys: jwsKeys(env.PRECHECK_MOJALOOP_JWS_KEYS, reading.refuse) } }),
    };
  },
};

/** `fsp1=/keys/fsp1.pem,switch=/keys/switch.pem`. */
function jwsKeys(text: string, refuse: (message: string) => never): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) refuse('PRECHECK_MOJALOOP_JWS_KEYS must be fspId=path pairs, comma separated, e.g. payeefsp=/keys/payeefsp.pem');
    keys[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return keys;
}
