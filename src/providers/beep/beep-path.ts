/** The path BEEP's payments API answers on, unless `providers.beep.path` says otherwise. */
export const DEFAULT_BEEP_PATH = '/v1/global-api/payments';
