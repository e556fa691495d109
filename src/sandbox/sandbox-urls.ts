import type { Sandbox } from './start-sandbox.js';

/** Each fake's root, by provider name (as `precheck serve --sandbox` reports them). */
export const sandboxUrls = (sandbox: Sandbox): Record<string, string> => ({
  bmo: sandbox.bmoUrl,
  beep: sandbox.beepUrl,
  'mtn-momo': sandbox.mtnUrl,
  gsma: sandbox.gsmaUrl,
  mojaloop: sandbox.mojaloopUrl,
});
