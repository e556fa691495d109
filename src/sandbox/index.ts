/**
 * `precheck/sandbox`: a fake of every built-in provider, for integrators' own tests (kept out of the engine's
 * import). Each fake is its provider's sandbox side (src/providers/<name>/<name>-sandbox-side.ts), reached by name:
 * `sandbox.urls[name]`, `sandbox.providers[name]`, `sandbox.credentials[name]`, `startSandbox({ ports: { [name]: … } })`.
 */
export { startSandbox } from './start-sandbox.js';
export type { Sandbox, SandboxBase, SandboxOptions, SandboxSockets, SandboxTls } from './start-sandbox.js';
export type { SandboxProviderName } from './sandbox-sides.js';
export { SHORT_LIVED_EXPIRES_IN_S } from './trigger.js';
export * from './first-fakes.js';
import type { RecordedRequest as AnyRecordedRequest } from './sandbox-log.js';
import type { SandboxProviderName } from './sandbox-sides.js';
/** One request that reached a fake (method and path only). */
export type RecordedRequest = AnyRecordedRequest<SandboxProviderName>;
