import { defineSandboxSide } from '../../sandbox/sandbox-side.js';
import { mtnMomoDecisionCases } from './mtn-momo-decision-cases.js';
import { MTN_SANDBOX_CREDENTIALS, MTN_SHORT_LIVED_TOKEN_USER, MTN_TRIGGERS } from './mtn-momo-fixtures.js';
import { createMtnMomoHandler } from './mtn-momo-sandbox.js';
import { MTN_SCENARIOS } from './mtn-momo-scenarios.js';
import type { MtnMomoSettings } from './mtn-momo-settings.js';

/** MTN MoMo's fake, as `precheck/sandbox` loads it (see mtn-momo-definition.ts). Its older public names say `mtn`. */
export const mtnMomoSandboxSide = defineSandboxSide({
  legacyName: 'mtn',
  credentials: MTN_SANDBOX_CREDENTIALS,
  shortLivedToken: { user: MTN_SHORT_LIVED_TOKEN_USER, says: 'MTN apiUser' },
  handler: ({ log, tokens }) => createMtnMomoHandler(log, tokens),
  settings: (url): MtnMomoSettings => ({
    baseUrl: url,
    ...MTN_SANDBOX_CREDENTIALS,
    subscriptionKeys: { ...MTN_SANDBOX_CREDENTIALS.subscriptionKeys },
  }),
  wrongCredentials: (settings) => ({ ...settings, apiKey: 'wrong-mtn-api-key' }),
  variants: {
    'wrong-base-path': (url, settings) => ({ ...settings, baseUrl: `${url}/no-such-gateway` }),
    'collection-key-only': (_url, settings) => ({ ...settings, subscriptionKeys: { collection: settings.subscriptionKeys.collection } }),
  },
  describe: (mtn) => [
    `MTN   ${mtn.baseUrl}  apiUser: ${mtn.apiUser}  apiKey: ${mtn.apiKey}  targetEnvironment: ${mtn.targetEnvironment}` +
      `  collection key: ${mtn.subscriptionKeys.collection}  disbursement key: ${mtn.subscriptionKeys.disbursement}`,
  ],
  triggers: {
    heading: 'MTN MoMo, by phone number',
    field: 'phone',
    triggers: MTN_TRIGGERS,
    otherwise: 'active, basicuserinfo "Sand Box" (as MTN\'s sandbox)',
  },
  decisionCases: mtnMomoDecisionCases,
  scenarios: MTN_SCENARIOS,
});
