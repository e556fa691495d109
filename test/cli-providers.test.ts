import * as assert from 'uvu/assert';
import { cli } from './support/run-cli.js';
import { sandboxSuite } from './support/sandbox-suite.js';
import type { Sandbox } from '../src/sandbox/index.js';

/** `precheck check --provider mtn-momo|gsma` configured from PRECHECK_MTN_* / PRECHECK_GSMA_*, against the sandbox. */
const cliProviders = sandboxSuite('CLI: MTN MoMo and GSMA from the environment');



function mtnEnv(sandbox: Sandbox): Record<string, string> {
  const mtn = sandbox.providers['mtn-momo'];
  return {
    PRECHECK_MTN_BASE_URL: mtn.baseUrl,
    PRECHECK_MTN_API_USER: mtn.apiUser,
    PRECHECK_MTN_API_KEY: mtn.apiKey,
    PRECHECK_MTN_TARGET_ENVIRONMENT: mtn.targetEnvironment,
    PRECHECK_MTN_COLLECTION_KEY: mtn.subscriptionKeys.collection!,
    PRECHECK_MTN_DISBURSEMENT_KEY: mtn.subscriptionKeys.disbursement!,
  };
}

function gsmaOauthEnv(sandbox: Sandbox): Record<string, string> {
  const { gsma } = sandbox.providers;
  if (gsma.auth.type !== 'oauth2') throw new Error('the sandbox GSMA uses OAuth');
  return {
    PRECHECK_GSMA_BASE_URL: gsma.baseUrl,
    PRECHECK_GSMA_TOKEN_URL: gsma.auth.tokenUrl,
    PRECHECK_GSMA_CLIENT_ID: gsma.auth.clientId,
    PRECHECK_GSMA_CLIENT_SECRET: gsma.auth.clientSecret,
    PRECHECK_GSMA_API_KEY: gsma.apiKey!,
  };
}

const check = (provider: string, intent: string, phone: string) => ['check', '--json', '--provider', provider, '--intent', intent, '--phone', phone];
/** Without --json: a configuration error goes to stderr. */
const plain = (provider: string) => ['check', '--provider', provider, '--intent', 'debit', '--phone', '+233240000001'];

cliProviders('PRECHECK_MTN_*: a debit to an active holder proceeds (exit 0); MTN NotActive aborts (exit 4)', async ({ sandbox }) => {
  const found = await cli(mtnEnv(sandbox), ...check('mtn-momo', 'debit', '+2290196000001'));
  assert.is(found.code, 0, found.stdout + found.stderr);
  assert.is(JSON.parse(found.stdout).account.fullName, 'Adjoa Mensah');
  const inactive = await cli(mtnEnv(sandbox), ...check('mtn-momo', 'credit', '+46733123451'));
  assert.is(inactive.code, 4);
  assert.is(JSON.parse(inactive.stdout).reason, 'account-not-found');
});

cliProviders('PRECHECK_GSMA_* (OAuth) and (Basic): an unavailable account aborts account-inactive (exit 4)', async ({ sandbox }) => {
  const oauth = await cli(gsmaOauthEnv(sandbox), ...check('gsma', 'debit', '+233240000005'));
  assert.is(oauth.code, 4, oauth.stdout + oauth.stderr);
  assert.is(JSON.parse(oauth.stdout).reason, 'account-inactive');
  const { gsmaBasic } = sandbox;
  if (gsmaBasic.auth.type !== 'basic') throw new Error('gsmaBasic uses Basic');
  const basic = await cli(
    {
      PRECHECK_GSMA_BASE_URL: gsmaBasic.baseUrl,
      PRECHECK_GSMA_USERNAME: gsmaBasic.auth.username,
      PRECHECK_GSMA_PASSWORD: gsmaBasic.auth.password,
      PRECHECK_GSMA_API_KEY: gsmaBasic.apiKey!,
    },
    ...check('gsma', 'credit', '+233240000001'),
  );
  assert.is(basic.code, 0, basic.stdout + basic.stderr);
});

cliProviders('a partial MTN or GSMA environment exits 2 and names what is missing, never a secret', async ({ sandbox }) => {
  const { PRECHECK_MTN_API_KEY: _key, ...withoutKey } = mtnEnv(sandbox);
  const mtn = await cli(withoutKey, ...plain('mtn-momo'));
  assert.is(mtn.code, 2, mtn.stdout + mtn.stderr);
  assert.match(mtn.stderr, 'PRECHECK_MTN_API_KEY');
  assert.not.match(mtn.stderr, 'sandbox-mtn-collection-key');

  const { PRECHECK_MTN_COLLECTION_KEY: _c, PRECHECK_MTN_DISBURSEMENT_KEY: _d, ...withoutProductKeys } = mtnEnv(sandbox);
  const noProduct = await cli(withoutProductKeys, ...plain('mtn-momo'));
  assert.is(noProduct.code, 2);
  assert.match(noProduct.stderr, 'PRECHECK_MTN_COLLECTION_KEY and PRECHECK_MTN_DISBURSEMENT_KEY');

  const { PRECHECK_GSMA_CLIENT_SECRET: _s, ...withoutSecret } = gsmaOauthEnv(sandbox);
  const gsma = await cli(withoutSecret, ...plain('gsma'));
  assert.is(gsma.code, 2);
  assert.match(gsma.stderr, 'PRECHECK_GSMA_CLIENT_SECRET');
  assert.not.match(gsma.stderr, 'sandbox-gsma-client-secret');

  const both = await cli({ ...gsmaOauthEnv(sandbox), PRECHECK_GSMA_USERNAME: 'someone' }, ...plain('gsma'));
  assert.is(both.code, 2);
  assert.match(both.stderr, 'not both');
});

cliProviders('check --help documents the MTN and GSMA variables', async () => {
  const help = await cli({}, 'check', '--help');
  for (const name of ['mtn-momo|gsma', 'PRECHECK_MTN_BASE_URL', 'PRECHECK_MTN_DISBURSEMENT_KEY', 'PRECHECK_GSMA_TOKEN_URL', 'PRECHECK_GSMA_IDENTIFIER_TYPE']) {
    assert.match(help.stdout, name);
  }
});

cliProviders.run();
