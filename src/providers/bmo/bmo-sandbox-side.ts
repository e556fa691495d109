import { defineSandboxSide } from '../../sandbox/sandbox-side.js';
import { bmoDecisionCases } from './bmo-decision-cases.js';
import { BMO_SANDBOX_CREDENTIALS, BMO_TRIGGERS } from './bmo-fixtures.js';
import { createBmoHandler } from './bmo-sandbox.js';
import { BMO_SCENARIOS } from './bmo-scenarios.js';
import type { BmoSettings } from './bmo-settings.js';

/** B-MO's fake, as `precheck/sandbox` loads it (see bmo-definition.ts). */
export const bmoSandboxSide = defineSandboxSide({
  legacyName: 'bmo',
  credentials: BMO_SANDBOX_CREDENTIALS,
  handler: ({ log }) => createBmoHandler(log),
  settings: (url): BmoSettings => ({ baseUrl: url, ...BMO_SANDBOX_CREDENTIALS }),
  wrongCredentials: (settings) => ({ ...settings, apiSecret: 'wrong-secret' }),
  describe: (settings) => [`B-MO  ${settings.baseUrl}  X-Auth-ApiKey: ${settings.apiKey}  X-Auth-ApiSecret: ${settings.apiSecret}`],
  triggers: { heading: 'B-MO, by phone number', field: 'phone', triggers: BMO_TRIGGERS, otherwise: '404 customer not found (a credit with names creates it)' },
  decisionCases: bmoDecisionCases,
  scenarios: BMO_SCENARIOS,
});
