/** `precheck/sandbox`: fake B-MO and BEEP servers for integrators' own tests (kept out of the engine's import). */
export { startSandbox } from './start-sandbox.js';
export type { Sandbox, SandboxOptions } from './start-sandbox.js';
export { BEEP_TRIGGERS, BMO_TRIGGERS, SANDBOX_CREDENTIALS } from './fixtures.js';
export type { RecordedRequest } from './sandbox-log.js';
export { beepRequest, bmoRequest } from './requests.js';
