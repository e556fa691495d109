import type { ServiceIdentifier } from 'inversify';
import type { KyInstance } from 'ky';
import { defineProvider } from '../provider-definition.js';
import { beepEnv } from './beep-env.js';
import { BeepProvider } from './beep-provider.js';
import { beepSettingsSchema, type BeepSettings } from './beep-settings.js';

/** Public DI id of `providers.beep`. */
export const BEEP_SETTINGS = Symbol.for('precheck.BeepSettings') as ServiceIdentifier<BeepSettings>;
/** Public DI id of BEEP's ky client (over its own pool). */
export const BEEP_HTTP = Symbol.for('precheck.BeepHttp') as ServiceIdentifier<KyInstance>;

export const beep = defineProvider({
  name: 'beep',
  displayName: 'BEEP',
  summary: 'BEEP (bill payments): validation by country, service code and account number.',
  settingsSchema: beepSettingsSchema,
  secrets: (settings) => [settings.password],
  userNames: (settings) => [settings.username],
  create: (deps) => new BeepProvider(deps.http, deps.settings, deps),
  env: beepEnv,
  diTokens: { settings: BEEP_SETTINGS, http: BEEP_HTTP },
  sandbox: async () => (await import('./beep-sandbox-side.js')).beepSandboxSide,
});
