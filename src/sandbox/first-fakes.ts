import { BEEP_SANDBOX_CREDENTIALS } from '../providers/beep/beep-fixtures.js';
import { BMO_SANDBOX_CREDENTIALS } from '../providers/bmo/bmo-fixtures.js';
import { GSMA_SANDBOX_CREDENTIALS, GSMA_SHORT_LIVED_TOKEN_USER } from '../providers/gsma/gsma-fixtures.js';
import { MTN_SANDBOX_CREDENTIALS, MTN_SHORT_LIVED_TOKEN_USER } from '../providers/mtn-momo/mtn-momo-fixtures.js';

/*
 * The four first fakes' own public names, kept as they were before the sandbox iterated the providers' sandbox
 * sides. A new fake adds nothing here: its values are reached by name (`sandbox.urls[name]`,
 * `sandbox.credentials[name]`, `ports[name]`, `--<name>-port`).
 */
export { BMO_TRIGGERS } from '../providers/bmo/bmo-fixtures.js';
export { BEEP_TRIGGERS } from '../providers/beep/beep-fixtures.js';
export { MTN_TRIGGERS } from '../providers/mtn-momo/mtn-momo-fixtures.js';
export { GSMA_TRIGGERS } from '../providers/gsma/gsma-fixtures.js';
export { GSMA_SANDBOX_PATHS } from '../providers/gsma/gsma-sandbox.js';
export { MTN_SANDBOX_MOUNT } from '../providers/mtn-momo/mtn-momo-sandbox.js';
export { bmoRequest } from '../providers/bmo/bmo-sandbox-request.js';
export { beepRequest } from '../providers/beep/beep-sandbox-request.js';
export { mtnRequest } from '../providers/mtn-momo/mtn-momo-sandbox-request.js';
export { gsmaRequest } from '../providers/gsma/gsma-sandbox-request.js';

/**
 * The four first fakes' credentials, under the public name they had (each fake's own live in its folder). Every
 * fake's, a new one's too: `sandbox.credentials[name]`.
 */
export const SANDBOX_CREDENTIALS = {
  bmo: BMO_SANDBOX_CREDENTIALS,
  beep: BEEP_SANDBOX_CREDENTIALS,
  'mtn-momo': MTN_SANDBOX_CREDENTIALS,
  gsma: GSMA_SANDBOX_CREDENTIALS,
} as const;

/**
 * Token triggers, under their public name: an MTN API user (with the sandbox API key) or a GSMA OAuth client id (with
 * the sandbox client secret) whose tokens say `expires_in: 601`, so that the engine keeps them one second (it renews
 * 10 minutes early).
 */
export const SHORT_LIVED_TOKEN_USERS = { 'mtn-momo': MTN_SHORT_LIVED_TOKEN_USER, gsma: GSMA_SHORT_LIVED_TOKEN_USER } as const;
