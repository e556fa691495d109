import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, PrecheckConfigError, type GsmaSettings, type MtnMomoSettings } from '../src/index.js';

/** MTN MoMo and GSMA settings are checked at start-up: a PrecheckConfigError naming the setting, never the secret. */
const MTN: MtnMomoSettings = {
  baseUrl: 'http://127.0.0.1:9',
  apiUser: 'user-0001',
  apiKey: 'mtn-key-0001',
  subscriptionKeys: { collection: 'collection-0001' },
  targetEnvironment: 'mtnbenin',
};
const GSMA: GsmaSettings = { baseUrl: 'http://127.0.0.1:9/v1.2/mm', auth: { type: 'oauth2', tokenUrl: 'http://127.0.0.1:9/token', clientId: 'client', clientSecret: 'gsma-secret-0001' } };

function refuses(providers: object, setting: string, secret?: string) {
  try {
    createPrecheck({ providers } as never).close();
  } catch (error) {
    assert.instance(error, PrecheckConfigError);
    assert.match((error as Error).message, setting);
    if (secret) assert.not.match((error as Error).message, secret);
    return;
  }
  assert.unreachable(`${setting}: accepted`);
}

test('valid MTN MoMo and GSMA settings start', () => {
  createPrecheck({ providers: { 'mtn-momo': MTN, gsma: GSMA } }).close();
  createPrecheck({ providers: { gsma: { ...GSMA, auth: { type: 'basic', username: 'u', password: 'p-0001' }, apiKey: 'k', identifierType: 'accountid' } } }).close();
});

test('MTN MoMo: every setting is checked', () => {
  refuses({ 'mtn-momo': { ...MTN, baseUrl: 'http://u:mtn-pw@127.0.0.1:9' } }, "providers['mtn-momo'].baseUrl", 'mtn-pw');
  refuses({ 'mtn-momo': { ...MTN, apiKey: 'ключ-0001' } }, "providers['mtn-momo'].apiKey", 'ключ');
  refuses({ 'mtn-momo': { ...MTN, apiUser: 'a:b' } }, "providers['mtn-momo'].apiUser");
  refuses({ 'mtn-momo': { ...MTN, subscriptionKeys: {} } }, 'subscriptionKeys needs a key');
  refuses({ 'mtn-momo': { ...MTN, subscriptionKeys: { disbursement: 'bad\nkey-0001' } } }, 'subscriptionKeys.disbursement', 'key-0001');
  refuses({ 'mtn-momo': { ...MTN, targetEnvironment: 'mtn benin' } }, 'targetEnvironment');
});

test('GSMA: every setting is checked', () => {
  refuses({ gsma: { ...GSMA, baseUrl: 'http://127.0.0.1:9/mm?x=1' } }, 'providers.gsma.baseUrl');
  refuses({ gsma: { ...GSMA, auth: { type: 'digest' } } }, "auth.type must be 'basic' or 'oauth2'");
  refuses({ gsma: { ...GSMA, auth: { ...GSMA.auth, tokenUrl: 'http://id:gsma-pw@127.0.0.1:9/token' } } }, 'providers.gsma.auth.tokenUrl', 'gsma-pw');
  refuses({ gsma: { ...GSMA, auth: { ...GSMA.auth, clientSecret: '' } } }, 'providers.gsma.auth.clientSecret');
  refuses({ gsma: { ...GSMA, auth: { type: 'basic', username: 'u', password: 'pw\u0000-0001' } } }, 'providers.gsma.auth.password', 'pw');
  refuses({ gsma: { ...GSMA, identifierType: 'phone' } }, 'identifierType must be one of');
  refuses({ gsma: { ...GSMA, apiKey: ' gsma-key-0001' } }, 'providers.gsma.apiKey', 'gsma-key-0001');
});

test.run();
