import type * as v from 'valibot';
import type { InspectionEvent } from 'xstate';
import type { httpSettingsSchema } from '../../transport/transport-schema.js';
import type { precheckOptionsSchema } from './options-schema.js';
import type { Decision } from '../../core/decision.js';

/*
 * The option types are inferred from the options schema (src/engine/options/options-schema.ts), which also checks them at
 * start-up and generates docs/configuration.md: one place states each option, its default and what it does.
 */

/**
 * `createPrecheck`'s options. Every key is known or refused (`PrecheckConfigError` naming its path): see
 * docs/configuration.md for each option, its default and what it does.
 *
 * @example
 * { providers: { bmo: { baseUrl: 'https://svc.test.bestcash.me', apiKey, apiSecret } }, http: { timeoutMs: 5000, retries: 2 } }
 */
export type PrecheckOptions = v.InferInput<typeof precheckOptionsSchema>;

/** The engine-wide `http`: attempts bounded and retried, and every provider's connection pool, proxy and TLS. */
export type HttpSettings = v.InferInput<typeof httpSettingsSchema>;

/** What `resume()` takes: the answer a paused check waits for, or CANCEL. */
export type ResumeEvent =
  | { type: 'NAMES'; firstName: string; lastName: string }
  | { type: 'CONFIRM' }
  | { type: 'REJECT' }
  | { type: 'CANCEL' };

/** What `status()` answers for a known check. `expiresAt`: ISO 8601, when the wait ends. */
export type CheckStatus =
  | { checkId: string; state: 'paused'; waitingFor: 'names' | 'confirmation'; expiresAt: string }
  | { checkId: string; state: 'decided'; decision: Decision }
  /** The store did not answer in time: the check's state is not known right now (it is not lost). */
  | { checkId: string; state: 'unavailable'; reason: 'store-unavailable' };

export interface CheckOptions {
  /** Aborting it ends the check with abort `cancelled`. */
  signal?: AbortSignal;
  /** Inspection events of this check (defaults to the engine's `inspect`). */
  inspect?: (event: InspectionEvent) => void;
}
