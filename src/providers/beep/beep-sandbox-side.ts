import { defineSandboxSide } from '../../sandbox/sandbox-side.js';
import { beepDecisionCases } from './beep-decision-cases.js';
import { BEEP_SANDBOX_CREDENTIALS, BEEP_TRIGGERS } from './beep-fixtures.js';
import { createBeepHandler } from './beep-sandbox.js';
import { BEEP_SCENARIOS } from './beep-scenarios.js';
import type { BeepSettings } from './beep-settings.js';

/** BEEP's fake, as `precheck/sandbox` loads it (see beep-definition.ts). */
export const beepSandboxSide = defineSandboxSide({
  legacyName: 'beep',
  credentials: BEEP_SANDBOX_CREDENTIALS,
  handler: ({ log }) => createBeepHandler(log),
  settings: (url): BeepSettings => ({ baseUrl: url, ...BEEP_SANDBOX_CREDENTIALS }),
  wrongCredentials: (settings) => ({ ...settings, password: 'wrong-password' }),
  describe: (settings) => [`BEEP  ${settings.baseUrl}/v1/global-api/payments  username: ${settings.username}  password: ${settings.password}`],
  triggers: { heading: 'BEEP, by account number', field: 'accountNumber', triggers: BEEP_TRIGGERS, otherwise: '306 invalid account' },
  decisionCases: beepDecisionCases,
  scenarios: BEEP_SCENARIOS,
});
