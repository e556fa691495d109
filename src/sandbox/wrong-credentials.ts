import type { Sandbox } from './start-sandbox.js';

/** The sandbox's providers with a wrong secret each: every provider refuses them (401, BEEP 132, token refused). */
export function withWrongCredentials(providers: Sandbox['providers']): Sandbox['providers'] {
  const { bmo, beep, gsma, mojaloop } = providers;
  const mtn = providers['mtn-momo'];
  return {
    bmo: { ...bmo, apiSecret: 'wrong-secret' },
    beep: { ...beep, password: 'wrong-password' },
    'mtn-momo': { ...mtn, apiKey: 'wrong-mtn-api-key' },
    gsma: { ...gsma, auth: gsma.auth.type === 'oauth2' ? { ...gsma.auth, clientSecret: 'wrong-client-secret' } : { ...gsma.auth, password: 'wrong-password' } },
    // No credential: a scheme adapter trusts its network (mTLS, where the scheme wants it, is the transport's).
    mojaloop,
  };
}

/** Settings that need more than a trigger value: a base URL whose path leads nowhere, a product without a key. */
export function providerVariant(sandbox: Sandbox, variant: ProviderVariant): Partial<Sandbox['providers']> {
  const mtn = sandbox.providers['mtn-momo'];
  switch (variant) {
    case 'wrong-base-path':
      return { 'mtn-momo': { ...mtn, baseUrl: `${sandbox.mtnUrl}/no-such-gateway` }, gsma: { ...sandbox.providers.gsma, baseUrl: `${sandbox.gsmaUrl}/simulator/v9/mm` } };
    case 'collection-key-only':
      return { 'mtn-momo': { ...mtn, subscriptionKeys: { collection: mtn.subscriptionKeys.collection } } };
    case 'gsma-basic':
      return { gsma: sandbox.gsmaBasic };
    case 'gsma-accountid':
      return { gsma: { ...sandbox.providers.gsma, identifierType: 'accountid' } };
    case 'mojaloop-fspiop':
      return { mojaloop: sandbox.mojaloopFspiop };
  }
}

export const PROVIDER_VARIANTS = ['wrong-base-path', 'collection-key-only', 'gsma-basic', 'gsma-accountid', 'mojaloop-fspiop'] as const;

export type ProviderVariant = (typeof PROVIDER_VARIANTS)[number];
