import { defineSandboxSide } from '../../sandbox/sandbox-side.js';
import { gsmaDecisionCases } from './gsma-decision-cases.js';
import { GSMA_SANDBOX_CREDENTIALS, GSMA_SHORT_LIVED_TOKEN_USER, GSMA_TRIGGERS } from './gsma-fixtures.js';
import { createGsmaHandler, GSMA_SANDBOX_PATHS } from './gsma-sandbox.js';
import { GSMA_SCENARIOS } from './gsma-scenarios.js';
import type { GsmaSettings } from './gsma-settings.js';

const { apiKey, basic, oauth2 } = GSMA_SANDBOX_CREDENTIALS;

/** GSMA with Basic authentication on every request (the simulator's development level), on its own path. */
const basicSettings = (url: string): GsmaSettings => ({ baseUrl: `${url}${GSMA_SANDBOX_PATHS.basic}`, auth: { ...basic }, apiKey });

/** GSMA's fake, as `precheck/sandbox` loads it (see gsma-definition.ts): OAuth 2.0 tokens, and Basic on another path. */
export const gsmaSandboxSide = defineSandboxSide({
  legacyName: 'gsma',
  credentials: GSMA_SANDBOX_CREDENTIALS,
  shortLivedToken: { user: GSMA_SHORT_LIVED_TOKEN_USER, says: 'GSMA client' },
  handler: ({ log, tokens }) => createGsmaHandler(log, tokens),
  settings: (url): GsmaSettings => ({
    baseUrl: `${url}${GSMA_SANDBOX_PATHS.oauth2}`,
    auth: { type: 'oauth2', tokenUrl: `${url}${GSMA_SANDBOX_PATHS.token}`, ...oauth2 },
    apiKey,
  }),
  extra: (url) => ({ gsmaBasic: basicSettings(url) }),
  wrongCredentials: (gsma) => ({
    ...gsma,
    auth: gsma.auth.type === 'oauth2' ? { ...gsma.auth, clientSecret: 'wrong-client-secret' } : { ...gsma.auth, password: 'wrong-password' },
  }),
  variants: {
    'wrong-base-path': (url, settings) => ({ ...settings, baseUrl: `${url}/simulator/v9/mm` }),
    'gsma-basic': (url) => basicSettings(url),
    'gsma-accountid': (_url, settings) => ({ ...settings, identifierType: 'accountid' as const }),
  },
  describe: (gsma, url) => [
    `GSMA  ${basicSettings(url).baseUrl}  Basic ${basic.username} / ${basic.password}  X-API-Key: ${gsma.apiKey}`,
    `GSMA  ${gsma.baseUrl}  OAuth 2.0: ${gsma.auth.type === 'oauth2' ? gsma.auth.tokenUrl : ''}  client ${oauth2.clientId} / ${oauth2.clientSecret}`,
  ],
  triggers: { heading: 'GSMA, by identifier (type/value)', field: 'identifier', triggers: GSMA_TRIGGERS, otherwise: '404 identification/identifierError' },
  decisionCases: gsmaDecisionCases,
  scenarios: GSMA_SCENARIOS,
});
