import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from './support/run-cli.js';
import { createPrecheck, PrecheckConfigError, type PrecheckOptions } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';

/** Issue 10, finding 7: configuration mistakes are refused at start-up, not turned into an endless "unavailable". */



const refusesAtStartUp = (options: PrecheckOptions, secret: string, what: string) => {
  try {
    createPrecheck(options).close();
  } catch (error) {
    assert.instance(error, PrecheckConfigError, what);
    assert.not.ok((error as Error).message.includes(secret), `${what}: the message quotes the credential`);
    return;
  }
  assert.unreachable(`${what}: accepted`);
};

test('a base URL with any user info is refused at start-up, whichever provider, without quoting it', () => {
  for (const baseUrl of ['http://:pw-0001@127.0.0.1:9', 'http://user@127.0.0.1:9', 'https://user:pw-0001@example.test', 'http://@127.0.0.1:9']) {
    refusesAtStartUp({ providers: { bmo: { baseUrl, apiKey: 'key-0001', apiSecret: 'secret-0001' } } }, 'pw-0001', `bmo ${baseUrl}`);
    refusesAtStartUp({ providers: { beep: { baseUrl, username: 'user', password: 'password-0001' } } }, 'pw-0001', `beep ${baseUrl}`);
  }
});

test('B-MO credentials that cannot travel in an HTTP header are refused at start-up, without quoting them', () => {
  for (const apiKey of ['key-€-0001', 'ключ-0001', 'key-0001\r\nX-Injected: 1', 'key\u0000-0001', ' key-0001', 'key-0001 ', 'key\t0001', 'key\u0085-0001', 'key\u00a0-0001']) {
    refusesAtStartUp({ providers: { bmo: { baseUrl: 'http://127.0.0.1:9', apiKey, apiSecret: 'secret-0001' } } }, apiKey, JSON.stringify(apiKey));
    refusesAtStartUp({ providers: { bmo: { baseUrl: 'http://127.0.0.1:9', apiKey: 'key-0001', apiSecret: apiKey } } }, apiKey, JSON.stringify(apiKey));
  }
});

test('header-safe credentials (visible ASCII and Latin-1, inner spaces) reach the provider: auth-failed, not unavailable', async () => {
  const sandbox = await startSandbox();
  try {
    for (const apiKey of ['clé-Latin-1', 'key with inner spaces', '!~key~!']) {
      const precheck = createPrecheck({ providers: { bmo: { ...sandbox.providers.bmo, apiKey } }, breaker: false });
      const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
      assert.equal([decision.status, 'reason' in decision ? decision.reason : undefined], ['abort', 'auth-failed'], apiKey);
      await precheck.close();
    }
  } finally {
    await sandbox.close();
  }
});

test('BEEP credentials travel in the JSON body: a tab or a decomposed accent is accepted', () => {
  for (const password of ['pass\tword-0001', 'cafe\u0301-0001']) {
    createPrecheck({ providers: { beep: { baseUrl: 'http://127.0.0.1:9', username: 'user', password } } }).close();
  }
});

test('a number option names its range', () => {
  refusesAtStartUp({ providers: {}, http: { timeoutMs: 3e9 } }, '-', 'timeoutMs 3e9');
  assert.throws(() => createPrecheck({ providers: {}, http: { timeoutMs: 3e9 } }), /from 1 to 2147483647/);
});

// The command line

const BEEP_ENV = { PRECHECK_BEEP_BASE_URL: 'http://127.0.0.1:9', PRECHECK_BEEP_USERNAME: 'user', PRECHECK_BEEP_PASSWORD: 'password-0001' };
const BMO_CHECK = ['check', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001'];

test('CLI: a partial provider environment exits 2 and names the missing variable', async () => {
  const partialBmo = await cli({ ...BEEP_ENV, PRECHECK_BMO_BASE_URL: 'http://127.0.0.1:9', PRECHECK_BMO_API_KEY: 'key-0001' }, ...BMO_CHECK);
  assert.is(partialBmo.code, 2, partialBmo.stdout + partialBmo.stderr);
  assert.match(partialBmo.stderr, 'PRECHECK_BMO_API_SECRET');
  assert.not.match(partialBmo.stderr, 'key-0001');

  const partialBeep = await cli({ PRECHECK_BEEP_BASE_URL: 'http://127.0.0.1:9', PRECHECK_BEEP_PATH: '/v1/x' }, ...BMO_CHECK);
  assert.is(partialBeep.code, 2);
  assert.match(partialBeep.stderr, 'PRECHECK_BEEP_USERNAME, PRECHECK_BEEP_PASSWORD');
});

test('CLI: a base URL with user info or a credential that cannot be a header exits 2, not 5', async () => {
  const env = { PRECHECK_BMO_BASE_URL: 'http://:pw-0001@127.0.0.1:9', PRECHECK_BMO_API_KEY: 'key-0001', PRECHECK_BMO_API_SECRET: 'secret-0001' };
  const userInfo = await cli(env, ...BMO_CHECK);
  assert.is(userInfo.code, 2, userInfo.stdout);
  assert.not.match(userInfo.stderr, 'pw-0001');
  const nonLatin = await cli({ ...env, PRECHECK_BMO_BASE_URL: 'http://127.0.0.1:9', PRECHECK_BMO_API_KEY: 'ключ-0001' }, ...BMO_CHECK);
  assert.is(nonLatin.code, 2, nonLatin.stdout);
  assert.not.match(nonLatin.stderr, 'ключ');
});

test('CLI: numbers that are not plain decimal integers in range exit 2 and name the range', async () => {
  const base = ['check', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001'];
  for (const [flag, value, range] of [
    ['--timeout-ms', '3e9', 'from 1 to 2147483647'],
    ['--timeout-ms', '0x10', 'from 1 to 2147483647'],
    ['--timeout-ms', '0', 'from 1 to 2147483647'],
    ['--timeout-ms', '2147483648', 'from 1 to 2147483647'],
    ['--retries', '-1', 'from 0 to 2147483647'],
    ['--retries', '1.5', 'from 0 to 2147483647'],
    ['--deadline-ms', '0', 'from 1 to 2147483647'],
  ]) {
    const { code, stderr } = await cli({}, ...base, `${flag}=${value}`);
    assert.is(code, 2, `${flag} ${value}`);
    const variable = `PRECHECK_${flag.slice(2).toUpperCase().replaceAll('-', '_')}`;
    assert.match(stderr, `${flag} (${variable}) must be a whole number ${range}`);
  }
  // The same check for a value from the environment.
  const fromEnv = await cli({ PRECHECK_RETRIES: 'two' }, ...base);
  assert.equal([fromEnv.code, fromEnv.stderr.includes('--retries (PRECHECK_RETRIES) must be a whole number from 0 to 2147483647')], [2, true]);
});

test('CLI: under --json, errors are JSON on stdout', async () => {
  const usage = await cli({}, 'check', '--json', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--timeout-ms', '0x10');
  assert.is(usage.code, 2);
  assert.equal(JSON.parse(usage.stdout), { status: 'error', error: 'usage', message: '--timeout-ms (PRECHECK_TIMEOUT_MS) must be a whole number from 1 to 2147483647 (plain decimal digits)' });

  const config = await cli({}, 'check', '--json', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001');
  assert.is(config.code, 2);
  const error = JSON.parse(config.stdout);
  assert.equal([error.status, error.error], ['error', 'configuration']);
  assert.match(error.message, 'PRECHECK_');

  const unknown = await cli({}, 'check', '--json', '--frobnicate');
  assert.is(unknown.code, 2);
  assert.is(JSON.parse(unknown.stdout).error, 'usage');
});

test.run();
