import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSandboxSide } from '../../sandbox/sandbox-side.js';
import { mojaloopDecisionCases } from './mojaloop-decision-cases.js';
import { MOJALOOP_OTHERWISE, MOJALOOP_TRIGGERS, SANDBOX_CALLBACK_TIMEOUT_MS, SANDBOX_FSPS } from './mojaloop-fixtures.js';
import { createMojaloopHandler, MOJALOOP_SANDBOX_PATHS, mojaloopSandboxKeys, type MojaloopSandboxKeys } from './mojaloop-sandbox.js';
import { MOJALOOP_SCENARIOS } from './mojaloop-scenarios.js';
import type { MojaloopSettings } from './mojaloop-settings.js';

let keys: MojaloopSandboxKeys | undefined;
/** The fake scheme's signing keys (RS256 and ES256), made once per process: settings and variants name their public halves. */
const sandboxKeys = () => (keys ??= mojaloopSandboxKeys());

/**
 * Mojaloop FSPIOP against the switch fake: API 2.0, signatures verified with the fake scheme's keys, callbacks within
 * SANDBOX_CALLBACK_TIMEOUT_MS.
 */
const fspiopSettings = (url: string): MojaloopSettings => ({
  mode: 'fspiop',
  baseUrl: `${url}${MOJALOOP_SANDBOX_PATHS.switch}`,
  fspId: SANDBOX_FSPS.payer,
  apiVersion: '2.0',
  callbackTimeoutMs: SANDBOX_CALLBACK_TIMEOUT_MS,
  jws: { verify: true, keys: { ...sandboxKeys().publicPems } },
});

/** The public keys as PEM files, for PRECHECK_MOJALOOP_JWS_KEYS (`fspId=path,…`). */
function writeKeyFiles(settings: MojaloopSettings): string {
  const dir = mkdtempSync(join(tmpdir(), 'precheck-sandbox-jws-'));
  return Object.entries(settings.jws?.keys ?? {})
    .map(([fsp, pem]) => {
      const file = join(dir, `${fsp}.pem`);
      writeFileSync(file, pem);
      return `${fsp}=${file}`;
    })
    .join(',');
}

/**
 * Mojaloop's fake, as `precheck/sandbox` loads it (see mojaloop-definition.ts): one port, the SDK scheme adapter's
 * outbound API under `/sdk` (`sandbox.providers.mojaloop`) and an FSPIOP switch under `/switch`
 * (`sandbox.mojaloopFspiop`) that answers 202 and then sends signed callbacks to `callbackUrls.mojaloop`, or to the
 * engines `sandbox.attach(precheck)` was given. `sandbox.mojaloopCallbacks` lists the callbacks it sent.
 */
export const mojaloopSandboxSide = defineSandboxSide({
  credentials: {},
  handler: ({ log, callbacks, onClose }) => {
    const handler = createMojaloopHandler(log, sandboxKeys(), (path, headers, body) => callbacks.send(path, { method: 'PUT', headers, body }));
    onClose(handler.stop);
    return handler;
  },
  settings: (url): MojaloopSettings => ({ mode: 'sdk', baseUrl: `${url}${MOJALOOP_SANDBOX_PATHS.sdk}` }),
  extra: (url, { callbacks }) => ({ mojaloopFspiop: fspiopSettings(url), mojaloopCallbacks: callbacks.sent }),
  callbackReceiver: (engine) => async (request) => (engine.mojaloopCallback ? engine.mojaloopCallback(request) : new Response(null, { status: 404 })),
  // No credential: a scheme adapter trusts its network (mTLS, where the scheme wants it, is the transport's).
  wrongCredentials: (settings) => settings,
  variants: { 'mojaloop-fspiop': (url) => fspiopSettings(url) },
  servedAs: 'mojaloop-fspiop',
  describe: (sdk, url, callbacks) => {
    const fspiop = fspiopSettings(url);
    return [
      `Mojaloop SDK adapter  ${sdk.baseUrl}  (PRECHECK_MOJALOOP_MODE=sdk)`,
      `Mojaloop FSPIOP switch  ${fspiop.baseUrl}  fspId: ${fspiop.fspId}  apiVersion: ${fspiop.apiVersion}  callbacks to: ` +
        `${callbacks.url ?? '(none: pass --mojaloop-callback-url)'}\n  PRECHECK_MOJALOOP_JWS_KEYS=${writeKeyFiles(fspiop)}`,
    ];
  },
  triggers: { heading: 'Mojaloop, by party (Type/ID; an MSISDN is the phone without +), both modes', field: 'party', triggers: MOJALOOP_TRIGGERS, otherwise: MOJALOOP_OTHERWISE },
  decisionCases: mojaloopDecisionCases,
  scenarios: MOJALOOP_SCENARIOS,
});
