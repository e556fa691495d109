import type { ServiceIdentifier } from 'inversify';
import type { KyInstance } from 'ky';
import { defineProvider } from '../provider-definition.js';
import { bmoEnv } from './bmo-env.js';
import { BmoProvider } from './bmo-provider.js';
import { bmoSettingsSchema, type BmoSettings } from './bmo-settings.js';

/** Public DI id of `providers.bmo`. */
export const BMO_SETTINGS = Symbol.for('precheck.BmoSettings') as ServiceIdentifier<BmoSettings>;
/** Public DI id of B-MO's ky client (over its own pool). */
export const BMO_HTTP = Symbol.for('precheck.BmoHttp') as ServiceIdentifier<KyInstance>;

export const bmo = defineProvider({
  name: 'bmo',
  displayName: 'B-MO',
  summary: 'B-MO (Benin mobile money): look-up by phone; a credit to an unknown number can create the account.',
  settingsSchema: bmoSettingsSchema,
  secrets: (settings) => [settings.apiKey, settings.apiSecret],
  userNames: () => [],
  create: (deps) => new BmoProvider(deps.http, deps.settings, deps),
  env: bmoEnv,
  diTokens: { settings: BMO_SETTINGS, http: BMO_HTTP },
  sandbox: async () => (await import('./bmo-sandbox-side.js')).bmoSandboxSide,
});
