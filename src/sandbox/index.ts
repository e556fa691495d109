/** `precheck/sandbox`: fake B-MO, BEEP, MTN MoMo and GSMA servers for integrators' own tests (kept out of the engine's import). */
export { startSandbox } from './start-sandbox.js';
export type { Sandbox, SandboxOptions, SandboxSockets, SandboxTls } from './start-sandbox.js';
export { BEEP_TRIGGERS, BMO_TRIGGERS, SANDBOX_CREDENTIALS, SHORT_LIVED_EXPIRES_IN_S, SHORT_LIVED_TOKEN_USERS } from './fixtures.js';
export { MTN_TRIGGERS } from './mtn-momo-fixtures.js';
export { GSMA_TRIGGERS } from './gsma-fixtures.js';
export { GSMA_SANDBOX_PATHS } from './gsma-sandbox.js';
export { MTN_SANDBOX_MOUNT } from './mtn-momo-sandbox.js';
export type { RecordedRequest } from './sandbox-log.js';
export { beepRequest, bmoRequest, gsmaRequest, mtnRequest } from './requests.js';
