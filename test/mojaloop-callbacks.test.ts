import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, PrecheckConfigError, type MojaloopSettings } from '../src/index.js';
import { MemoryCallbackRelay } from '../src/resilience/memory-callback-relay.js';
import { callbackRoute } from '../src/providers/mojaloop/mojaloop-callback-path.js';
import { MAX_CALLBACK_BYTES } from '../src/providers/mojaloop/mojaloop-callback-receiver.js';
import { mojaloopEnv } from '../src/providers/mojaloop/mojaloop-env.js';
import { providersFromEnv } from '../src/cli/provider-env.js';

/** The in-process relay, the receiver's route and its refusals, and providers.mojaloop's settings and variables. */

const FSPIOP: MojaloopSettings = { mode: 'fspiop', baseUrl: 'http://127.0.0.1:9', fspId: 'precheckfsp' };

test('relay: a delivery reaches the lookup that has the key outstanding, once; unsolicited and late ones answer false', async () => {
  const relay = new MemoryCallbackRelay();
  assert.is(await relay.deliver('k', 'early'), false, 'nothing outstanding yet');
  const wait = relay.open('k', 1000);
  await wait.ready;
  assert.is(await relay.deliver('other', 'x'), false);
  assert.is(await relay.deliver('k', 'payload'), true);
  assert.is(await wait.answer, 'payload');
  assert.is(await relay.deliver('k', 'replay'), false, 'closed once delivered');
  const late = relay.open('late', 20);
  assert.is(await late.answer, undefined, 'the window closed');
  assert.is(await relay.deliver('late', 'x'), false);
});

test('relay: close() and an aborted signal end the wait with nothing and withdraw the key; two lookups of one key both get it', async () => {
  const relay = new MemoryCallbackRelay();
  const closed = relay.open('a', 1000);
  closed.close();
  assert.is(await closed.answer, undefined);
  assert.is(await relay.deliver('a', 'x'), false);
  const controller = new AbortController();
  const aborted = relay.open('b', 1000, controller.signal);
  controller.abort();
  assert.is(await aborted.answer, undefined);
  assert.is(await relay.deliver('b', 'x'), false);
  const first = relay.open('c', 1000);
  const second = relay.open('c', 1000);
  assert.is(await relay.deliver('c', 'both'), true);
  assert.equal(await Promise.all([first.answer, second.answer]), ['both', 'both']);
});

test('route: any prefix, Type/ID[/SubId][/error], percent-decoded; FSPIOP-URI from /parties on', () => {
  assert.equal(callbackRoute('/fspiop/parties/MSISDN/123'), { party: { type: 'MSISDN', id: '123' }, error: false, uri: '/parties/MSISDN/123' });
  assert.equal(callbackRoute('/a/b/parties/BUSINESS/shoe%20co/till/error'), { party: { type: 'BUSINESS', id: 'shoe co', subId: 'till' }, error: true, uri: '/parties/BUSINESS/shoe%20co/till/error' });
  assert.equal(callbackRoute('/parties/MSISDN/123/error')?.party, { type: 'MSISDN', id: '123' });
  for (const path of ['/parties/MSISDN', '/parties/PHONE/1', '/quotes/1', '/parties/MSISDN/%E0%A4%A', '/parties/MSISDN/1/2/3']) assert.is(callbackRoute(path), undefined, path);
});

const put = (path: string, headers: Record<string, string>, body: string) =>
  new Request(`http://engine.test/fspiop${path}`, { method: 'PUT', headers: { 'content-type': 'application/vnd.interoperability.parties+json;version=1.1', ...headers }, body });
const party = JSON.stringify({ party: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '123' } } });

test('receiver: refusals answer at once with errorInformation: content type, destination, size, JSON, and no lookup outstanding', async () => {
  const precheck = createPrecheck({ providers: { mojaloop: FSPIOP } });
  try {
    const cases: [string, Request, number, string][] = [
      ['plain JSON', put('/parties/MSISDN/123', { 'content-type': 'application/json' }, party), 400, '3001'],
      ['another FSP', put('/parties/MSISDN/123', { 'fspiop-destination': 'otherfsp' }, party), 400, '3000'],
      ['too large', put('/parties/MSISDN/123', {}, ' '.repeat(MAX_CALLBACK_BYTES + 1)), 400, '3104'],
      ['not JSON', put('/parties/MSISDN/123', {}, '{'), 400, '3101'],
      ['unsolicited (no verify configured)', put('/parties/MSISDN/123', {}, party), 404, '3200'],
    ];
    for (const [what, request, status, code] of cases) {
      const response = await precheck.mojaloopCallback(request);
      assert.is(response.status, status, what);
      assert.is(((await response.json()) as { errorInformation: { errorCode: string } }).errorInformation.errorCode, code, what);
    }
  } finally {
    await precheck.close();
  }
});

test('receiver: an engine without Mojaloop FSPIOP takes no callback (404), an SDK one neither', async () => {
  const bmoOnly = createPrecheck({ providers: { bmo: { baseUrl: 'http://127.0.0.1:9', apiKey: 'k', apiSecret: 's' } } });
  const sdk = createPrecheck({ providers: { mojaloop: { mode: 'sdk', baseUrl: 'http://127.0.0.1:9' } } });
  try {
    for (const precheck of [bmoOnly, sdk]) assert.is((await precheck.mojaloopCallback(put('/parties/MSISDN/123', {}, party))).status, 404);
  } finally {
    await Promise.all([bmoOnly.close(), sdk.close()]);
  }
});

test('receiver: with jws.verify, an unsigned callback is refused 400 3105 before any lookup is looked for', async () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const precheck = createPrecheck({ providers: { mojaloop: { ...FSPIOP, jws: { verify: true, keys: { payeefsp: publicKey } } } } });
  try {
    const response = await precheck.mojaloopCallback(put('/parties/MSISDN/123', { 'fspiop-source': 'payeefsp' }, party));
    assert.is(response.status, 400);
    assert.match(await response.text(), '3105');
  } finally {
    await precheck.close();
  }
});

function refuses(settings: unknown, message: string) {
  try {
    createPrecheck({ providers: { mojaloop: settings } } as never).close();
  } catch (error) {
    assert.instance(error, PrecheckConfigError);
    assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`accepted: ${JSON.stringify(settings)}`);
}

test('settings: strict, each mistake refused at start-up with what to type', () => {
  createPrecheck({ providers: { mojaloop: { mode: 'sdk', baseUrl: 'http://127.0.0.1:9' } } }).close();
  createPrecheck({ providers: { mojaloop: { ...FSPIOP, apiVersion: '2.0', destination: 'payeefsp', callbackTimeoutMs: 5000 } } }).close();
  refuses({ mode: 'async', baseUrl: 'http://127.0.0.1:9' }, "must be 'sdk' or 'fspiop'");
  refuses({ mode: 'fspiop', baseUrl: 'http://127.0.0.1:9' }, 'needs fspId');
  refuses({ mode: 'sdk', baseUrl: 'http://127.0.0.1:9', fspId: 'x' }, "only read with mode 'fspiop'");
  refuses({ ...FSPIOP, apiVersion: '1.2' }, "'1.1' or '2.0'");
  refuses({ ...FSPIOP, fspid: 'x' }, 'fspId');
  refuses({ ...FSPIOP, fspId: 'has space' }, 'FSP id');
  refuses({ ...FSPIOP, callbackTimeoutMs: 0 }, 'callbackTimeoutMs');
  refuses({ ...FSPIOP, jws: { verify: true, keys: {} } }, 'at least one key');
  refuses({ ...FSPIOP, jws: { verify: true, keys: { payeefsp: '/no/such/key.pem' } } }, 'jws.keys.payeefsp: the file cannot be read (ENOENT)');
  refuses({ ...FSPIOP, jws: { verify: true, keys: { payeefsp: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----' } } }, 'not a readable public key');
  const dsa = generateKeyPairSync('ec', { namedCurve: 'secp384r1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  refuses({ ...FSPIOP, jws: { verify: true, keys: { payeefsp: dsa.publicKey } } }, 'RSA key (RS256) or an EC P-256 key (ES256)');
});

test('settings: a key from a file path, as tls', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const file = join(mkdtempSync(join(tmpdir(), 'mojaloop-')), 'payeefsp.pem');
  writeFileSync(file, publicKey);
  createPrecheck({ providers: { mojaloop: { ...FSPIOP, jws: { verify: true, keys: { payeefsp: file } } } } }).close();
});

test('environment: PRECHECK_MOJALOOP_* for check and serve', () => {
  assert.equal(providersFromEnv({ PRECHECK_MOJALOOP_MODE: 'sdk', PRECHECK_MOJALOOP_BASE_URL: 'http://adapter:4001' }).mojaloop, { mode: 'sdk', baseUrl: 'http://adapter:4001' });
  assert.equal(
    providersFromEnv({
      PRECHECK_MOJALOOP_MODE: 'fspiop',
      PRECHECK_MOJALOOP_BASE_URL: 'http://switch:3000',
      PRECHECK_MOJALOOP_FSP_ID: 'precheckfsp',
      PRECHECK_MOJALOOP_DESTINATION: 'payeefsp',
      PRECHECK_MOJALOOP_API_VERSION: '2.0',
      PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS: '8000',
      PRECHECK_MOJALOOP_JWS_KEYS: 'payeefsp=/keys/payeefsp.pem, switch=/keys/switch.pem',
    }).mojaloop,
    {
      mode: 'fspiop',
      baseUrl: 'http://switch:3000',
      fspId: 'precheckfsp',
      destination: 'payeefsp',
      apiVersion: '2.0',
      callbackTimeoutMs: 8000,
      jws: { verify: true, keys: { payeefsp: '/keys/payeefsp.pem', switch: '/keys/switch.pem' } },
    },
  );
  assert.is(providersFromEnv({}).mojaloop, undefined);
  const refused = (env: NodeJS.ProcessEnv, message: string) => {
    try {
      providersFromEnv(env);
    } catch (error) {
      assert.match((error as Error).message, message);
      return;
    }
    assert.unreachable(JSON.stringify(env));
  };
  refused({ PRECHECK_MOJALOOP_BASE_URL: 'http://switch:3000' }, 'PRECHECK_MOJALOOP_MODE');
  refused({ PRECHECK_MOJALOOP_MODE: 'async', PRECHECK_MOJALOOP_BASE_URL: 'http://x' }, 'sdk');
  refused({ PRECHECK_MOJALOOP_MODE: 'fspiop', PRECHECK_MOJALOOP_BASE_URL: 'http://x', PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS: '8s' }, 'whole number');
  refused({ PRECHECK_MOJALOOP_MODE: 'fspiop', PRECHECK_MOJALOOP_BASE_URL: 'http://x', PRECHECK_MOJALOOP_JWS_KEYS: '/keys/a.pem' }, 'fspId=path');
  assert.match(mojaloopEnv.help, 'PRECHECK_MOJALOOP_FSP_ID');
});

test.run();
