import type { ServiceIdentifier } from 'inversify';
import type { KyInstance } from 'ky';
import { defineProvider } from '../provider-definition.js';
import { basicCredentials } from '../shared/basic-credentials.js';
import { mtnMomoEnv } from './mtn-momo-env.js';
import { MtnMomoProvider } from './mtn-momo-provider.js';
import { mtnMomoSettingsSchema, type MtnMomoSettings } from './mtn-momo-settings.js';

/** DI id of `providers['mtn-momo']`. */
export const MTN_MOMO_SETTINGS = Symbol.for('precheck.MtnMomoSettings') as ServiceIdentifier<MtnMomoSettings>;
/** DI id of MTN MoMo's ky client (over its own pool). */
export const MTN_MOMO_HTTP = Symbol.for('precheck.MtnMomoHttp') as ServiceIdentifier<KyInstance>;

export const mtnMomo = defineProvider({
  name: 'mtn-momo',
  displayName: 'MTN MoMo',
  summary: 'MTN MoMo Open API: look-up by phone, Disbursement product for a credit, Collection for a debit.',
  settingsSchema: mtnMomoSettingsSchema,
  secrets: (settings) => [
    settings.apiKey,
    settings.subscriptionKeys.collection,
    settings.subscriptionKeys.disbursement,
    basicCredentials(settings.apiUser, settings.apiKey),
  ],
  userNames: (settings) => [settings.apiUser],
  create: (deps) => new MtnMomoProvider(deps.http, deps.settings, deps),
  env: mtnMomoEnv,
  diTokens: { settings: MTN_MOMO_SETTINGS, http: MTN_MOMO_HTTP },
  sandbox: async () => (await import('./mtn-momo-sandbox-side.js')).mtnMomoSandboxSide,
});
