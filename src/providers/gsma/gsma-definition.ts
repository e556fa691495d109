import type { ServiceIdentifier } from 'inversify';
import type { KyInstance } from 'ky';
import { defineProvider } from '../provider-definition.js';
import { basicCredentials } from '../shared/basic-credentials.js';
import { gsmaEnv } from './gsma-env.js';
import { GsmaProvider } from './gsma-provider.js';
import { gsmaSettingsSchema, type GsmaSettings } from './gsma-settings.js';

/** DI id of `providers.gsma`. */
export const GSMA_SETTINGS = Symbol.for('precheck.GsmaSettings') as ServiceIdentifier<GsmaSettings>;
/** The GSMA API under its `baseUrl`. */
export const GSMA_HTTP = Symbol.for('precheck.GsmaHttp') as ServiceIdentifier<KyInstance>;
/** GSMA's OAuth token endpoint: an absolute URL of its own, so a client without a prefix. */
export const GSMA_TOKEN_HTTP = Symbol.for('precheck.GsmaTokenHttp') as ServiceIdentifier<KyInstance>;

export const gsma = defineProvider({
  name: 'gsma',
  displayName: 'GSMA',
  summary: 'GSMA Mobile Money API: look-up by phone or another identifier.',
  settingsSchema: gsmaSettingsSchema,
  secrets: ({ apiKey, auth }) => [
    apiKey,
    ...(auth.type === 'basic'
      ? [auth.password, basicCredentials(auth.username, auth.password)]
      : [auth.clientSecret, basicCredentials(auth.clientId, auth.clientSecret)]),
  ],
  userNames: ({ auth }) => [auth.type === 'basic' ? auth.username : auth.clientId],
  create: (deps) => new GsmaProvider(deps.http, deps.absoluteHttp, deps.settings, deps),
  env: gsmaEnv,
  diTokens: { settings: GSMA_SETTINGS, http: GSMA_HTTP, absoluteHttp: GSMA_TOKEN_HTTP },
  sandbox: async () => (await import('./gsma-sandbox-side.js')).gsmaSandboxSide,
});
