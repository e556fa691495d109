/** `precheck/sandbox`: fake B-MO, BEEP, MTN MoMo, GSMA and Mojaloop servers for integrators' own tests (kept out of the engine's import). */
export { startSandbox } from './start-sandbox.js';
export type { Sandbox, SandboxOptions, SandboxSockets, SandboxTls } from './start-sandbox.js';
export { BMO_TRIGGERS } from '../providers/bmo/bmo-fixtures.js';
export { BEEP_TRIGGERS } from '../providers/beep/beep-fixtures.js';
export { SANDBOX_CREDENTIALS, SHORT_LIVED_EXPIRES_IN_S, SHORT_LIVED_TOKEN_USERS } from './fixtures.js';
export { MTN_TRIGGERS } from '../providers/mtn-momo/mtn-momo-fixtures.js';
export { GSMA_TRIGGERS } from '../providers/gsma/gsma-fixtures.js';
export { GSMA_SANDBOX_PATHS } from '../providers/gsma/gsma-sandbox.js';
export { MTN_SANDBOX_MOUNT } from '../providers/mtn-momo/mtn-momo-sandbox.js';
export { MOJALOOP_TRIGGERS, LATE_CALLBACK_MS, SANDBOX_CALLBACK_TIMEOUT_MS, SANDBOX_FSPS } from '../providers/mojaloop/mojaloop-fixtures.js';
export { MOJALOOP_SANDBOX_PATHS } from '../providers/mojaloop/mojaloop-sandbox.js';
export { mojaloopRequest } from '../providers/mojaloop/mojaloop-decision-cases.js';
export type { RecordedRequest } from './sandbox-log.js';
export { beepRequest, bmoRequest, gsmaRequest, mtnRequest } from './requests.js';
