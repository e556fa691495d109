import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { createPrecheck, type Decision, type MojaloopSettings, type Precheck } from '../src/index.js';
import { jwsRefusal, signJws, readJwsKeys } from '../src/providers/mojaloop/mojaloop-jws.js';
import { openSchemas, strictSchemas } from '../src/providers/mojaloop/mojaloop-schemas.js';
import { canonicalJson } from '../src/persistence/snapshot/canonical-json.js';
import { fspiopPath, fspiopSchema, requestErrors, schemaErrors, sdkOutboundPath } from './support/mojaloop-openapi.js';
import { createPublicKey, createPrivateKey } from 'node:crypto';

/*
 * Conformance against parts no one here wrote: every request we send and every callback we take or refuse, checked
 * against the OpenAPI documents of `@mojaloop/api-snippets`; callbacks made and signed by
 * `@mojaloop/sdk-standard-components` (`MojaloopRequests`, `Jws.signer`), with RS256 and ES256 keys made here.
 */
process.env.LOG_LEVEL ??= 'fatal';
const require = createRequire(import.meta.url);
const sdk = require('@mojaloop/sdk-standard-components') as {
  MojaloopRequests: new (config: Record<string, unknown>) => {
    putParties(type: string, id: string, subId: string | undefined, body: unknown, destination: string): Promise<unknown>;
    putPartiesError(type: string, id: string, subId: string | undefined, body: unknown, destination: string): Promise<unknown>;
  };
  Jws: { signer: new (config: Record<string, unknown>) => { getSignature(request: Record<string, unknown>): string }; validator: new (config: Record<string, unknown>) => { validate(request: Record<string, unknown>): true } };
  Logger: { loggerFactory(config?: Record<string, unknown>): unknown };
};

const OUR_FSP = 'precheckfsp';
const RSA_FSP = 'payeefsp';
const EC_FSP = 'ecfsp';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
// sdk-standard-components picks ES256 for a key whose PEM says `BEGIN EC ` (SEC 1).
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'sec1', format: 'pem' } });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Context {
  /** The switch: records our GETs, answers 202, and (for `answered` parties) has the payee FSP call back. */
  switchServer: Server;
  switchUrl: string;
  gets: Recorded[];
  /** Our callback endpoint: an HTTP server in front of `precheck.mojaloopCallback`. */
  callbackServer: Server;
  callbackUrl: string;
  callbacks: (Recorded & { status: number; answer: string })[];
  precheck: Precheck;
}

const conformance = suite<Context>('Mojaloop conformance (api-snippets, sdk-standard-components)');

const listen = (server: Server) => new Promise<string>((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const headersOf = (req: IncomingMessage) => Object.fromEntries(Object.entries(req.headers).map(([k, value]) => [k, String(value)]));

const requests = (context: Context, signingKey: string, dfspId: string) =>
  new sdk.MojaloopRequests({
    logger: sdk.Logger.loggerFactory({ context: { app: 'conformance' } }),
    peerEndpoint: context.callbackUrl.replace('http://', '') + '/fspiop',
    dfspId,
    jwsSign: true,
    jwsSignPutParties: true,
    jwsSigningKey: signingKey,
    tls: { enabled: false },
    resourceVersions: { parties: { contentVersion: '1.1', acceptVersion: '1' } },
  });

const personBody = (type: string, id: string, fspId: string) => ({
  party: {
    partyIdInfo: { partyIdType: type, partyIdentifier: id, fspId },
    name: 'Efua Owusu',
    personalInfo: { complexName: { firstName: 'Efua', lastName: 'Owusu' }, dateOfBirth: '1990-04-12' },
  },
});

/** Parties the switch answers through `MojaloopRequests`; every other one it leaves without a callback. */
const ANSWERED: Record<string, { fsp: string; key: string; error?: boolean }> = {
  '233270000001': { fsp: RSA_FSP, key: rsa.privateKey },
  '233270000002': { fsp: EC_FSP, key: ec.privateKey },
  '233270003204': { fsp: RSA_FSP, key: rsa.privateKey, error: true },
};

conformance.before(async (context) => {
  context.gets = [];
  context.callbacks = [];
  context.switchServer = createServer(async (req, res) => {
    const path = req.url ?? '/';
    context.gets.push({ method: req.method ?? '', path, headers: headersOf(req), body: await readAll(req) });
    res.writeHead(202).end();
    const [, , type, id] = path.split('/');
    const answered = ANSWERED[id];
    if (!answered) return;
    const client = requests(context, answered.key, answered.fsp);
    setTimeout(() => {
      const sent = answered.error
        ? client.putPartiesError(type, id, undefined, { errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } }, OUR_FSP)
        : client.putParties(type, id, undefined, personBody(type, id, answered.fsp), OUR_FSP);
      sent.catch(() => undefined);
    }, 5);
  });
  context.switchUrl = await listen(context.switchServer);
  context.callbackServer = createServer(async (req, res) => {
    const body = await readAll(req);
    const headers = headersOf(req);
    const request = new Request(`http://callback.test${req.url}`, { method: req.method, headers, ...(body && { body }) });
    const response = await context.precheck.mojaloopCallback(request);
    const answer = await response.text();
    context.callbacks.push({ method: req.method ?? '', path: req.url ?? '', headers, body, status: response.status, answer });
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' }).end(answer);
  });
  context.callbackUrl = await listen(context.callbackServer);
  const settings: MojaloopSettings = {
    mode: 'fspiop',
    baseUrl: context.switchUrl,
    fspId: OUR_FSP,
    callbackTimeoutMs: 800,
    jws: { verify: true, keys: { [RSA_FSP]: rsa.publicKey, [EC_FSP]: ec.publicKey } },
  };
  context.precheck = createPrecheck({ providers: { mojaloop: settings }, http: { timeoutMs: 3000, retries: 0 }, cache: false, breaker: false });
});

conformance.after(async (context) => {
  await context.precheck.close();
  context.switchServer.closeAllConnections();
  context.callbackServer.closeAllConnections();
  await Promise.all([new Promise((done) => context.switchServer.close(done)), new Promise((done) => context.callbackServer.close(done))]);
});

const check = (context: Context, id: string) => context.precheck.check({ provider: 'mojaloop', intent: 'credit', phone: `+${id}` });
const MEDIA_TYPE = /^application\/vnd\.interoperability\.parties\+json;version=1\.1$/;

conformance('our GET /parties fits FSPIOP 1.1 (path, Accept, Content-Type, Date, FSPIOP-Source) and the party comes by an RS256 callback from MojaloopRequests', async (context) => {
  const decision = await check(context, '233270000001');
  assert.is(decision.status, 'proceed', JSON.stringify(decision.trace.providerStatus));
  assert.equal(decision.status === 'proceed' && decision.account, { phone: '+233270000001', firstName: 'Efua', lastName: 'Owusu', fullName: 'Efua Owusu', fspId: RSA_FSP });
  const get = context.gets.find((request) => request.path === '/parties/MSISDN/233270000001')!;
  assert.is(get.method, 'GET');
  assert.equal(requestErrors(fspiopPath('1_1', 'parties_Type_ID'), 'get', get.headers, { Type: 'MSISDN', ID: '233270000001' }), []);
  assert.match(get.headers.accept, MEDIA_TYPE);
  assert.match(get.headers['content-type'], MEDIA_TYPE);
  assert.is(new Date(get.headers.date).toUTCString(), get.headers.date, 'Date is RFC 7231 (IMF-fixdate)');
  assert.is(get.headers['fspiop-source'], OUR_FSP);
  assert.is(get.headers['fspiop-destination'], undefined, 'no destination: the switch finds the party');
  assert.is(get.body, '');
  const callback = context.callbacks.find((request) => request.path === '/fspiop/parties/MSISDN/233270000001')!;
  assert.is(callback.status, 200);
  const put = fspiopPath('1_1', 'parties_Type_ID');
  assert.equal(requestErrors(put, 'put', callback.headers, { Type: 'MSISDN', ID: '233270000001' }), []);
  assert.equal(schemaErrors(put.put!.requestBody!.content['application/json'].schema, JSON.parse(callback.body)), []);
});

conformance('an ES256 callback from MojaloopRequests is taken; a 3204 error callback is a not-found', async (context) => {
  const found = await check(context, '233270000002');
  assert.equal(found.status === 'proceed' && found.account.fspId, EC_FSP);
  const missing = await check(context, '233270003204');
  assert.equal([missing.status, 'reason' in missing && missing.reason], ['abort', 'account-not-found']);
  const error = context.callbacks.find((request) => request.path === '/fspiop/parties/MSISDN/233270003204/error')!;
  assert.is(error.status, 200);
  const path = fspiopPath('1_1', 'parties_Type_ID_error');
  assert.equal(schemaErrors(path.put!.requestBody!.content['application/json'].schema, JSON.parse(error.body)), []);
});

conformance('with an FSPIOP-Destination, our GET carries it; with apiVersion 2.0, both media types say 2.0 and fit FSPIOP 2.0', async (context) => {
  const precheck = createPrecheck({
    providers: { mojaloop: { mode: 'fspiop', baseUrl: context.switchUrl, fspId: OUR_FSP, destination: 'bluebank', apiVersion: '2.0', callbackTimeoutMs: 100 } },
    http: { timeoutMs: 1000, retries: 0 },
  });
  try {
    await precheck.check({ provider: 'mojaloop', intent: 'debit', partyIdType: 'BUSINESS', partyIdentifier: 'shoe company', partySubIdOrType: 'till 1' });
  } finally {
    await precheck.close();
  }
  const get = context.gets.find((request) => request.path === '/parties/BUSINESS/shoe%20company/till%201')!;
  assert.ok(get, 'the sub-id path, each segment encoded');
  assert.equal(requestErrors(fspiopPath('2_0', 'parties_Type_ID_SubId'), 'get', get.headers, { Type: 'BUSINESS', ID: 'shoe company', SubId: 'till 1' }), []);
  assert.is(get.headers.accept, 'application/vnd.interoperability.parties+json;version=2.0');
  assert.is(get.headers['fspiop-destination'], 'bluebank');
});

/** Signs `body` for `uri` as sdk-standard-components' `Jws.signer` does, with `key`, for `source`. */
function sdkSigned(uri: string, body: string, key: string, source: string, method = 'PUT') {
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.interoperability.parties+json;version=1.1',
    date: new Date().toUTCString(),
    'fspiop-source': source,
    'fspiop-destination': OUR_FSP,
  };
  const signer = new sdk.Jws.signer({ signingKey: key, logger: sdk.Logger.loggerFactory() });
  headers['fspiop-uri'] = uri;
  headers['fspiop-http-method'] = method;
  headers['fspiop-signature'] = signer.getSignature({ method, uri: `http://switch.test${uri}`, headers, body });
  return headers;
}

const send = (context: Context, path: string, headers: Record<string, string>, body: string, method = 'PUT') =>
  fetch(`${context.callbackUrl}/fspiop${path}`, { method, headers, body });

/** An outstanding lookup (the switch never calls back): its decision, once its window closes. */
const outstanding = (context: Context, id: string): Promise<Decision> => {
  const decision = check(context, id);
  return decision;
};
const settle = () => new Promise((done) => setTimeout(done, 100));

conformance('refused with 400 and an FSPIOP errorInformation, and changing no check: tampered body, wrong key, another URI, another method, unsigned, bad schema', async (context) => {
  const id = '233270000500';
  const uri = `/parties/MSISDN/${id}`;
  const pending = outstanding(context, id);
  await settle();
  const body = JSON.stringify(personBody('MSISDN', id, RSA_FSP));
  const tampered = JSON.stringify(personBody('MSISDN', id, 'evilbank'));
  const outside = JSON.stringify({ party: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: id }, name: '' } });
  const otherParty = JSON.stringify(personBody('MSISDN', '233270000999', RSA_FSP));
  const attempts: [string, Record<string, string>, string, string][] = [
    ['tampered body', sdkSigned(uri, body, rsa.privateKey, RSA_FSP), tampered, '3105'],
    ['wrong key', sdkSigned(uri, body, stranger.privateKey, RSA_FSP), body, '3105'],
    ['an ES256 key for an RSA source', sdkSigned(uri, body, ec.privateKey, RSA_FSP), body, '3105'],
    ['a signature for another URI', sdkSigned('/parties/MSISDN/233270000999', body, rsa.privateKey, RSA_FSP), body, '3105'],
    ['a signature for another method', sdkSigned(uri, body, rsa.privateKey, RSA_FSP, 'POST'), body, '3105'],
    ['unsigned', (({ 'fspiop-signature': _s, ...rest }) => rest)(sdkSigned(uri, body, rsa.privateKey, RSA_FSP)), body, '3105'],
    ['a body outside the schema', sdkSigned(uri, outside, rsa.privateKey, RSA_FSP), outside, '3100'],
    ['a body about another party', sdkSigned(uri, otherParty, rsa.privateKey, RSA_FSP), otherParty, '3100'],
  ];
  const errorSchema = fspiopPath('1_1', 'parties_Type_ID').put!.responses['400'].content!['application/json'].schema;
  for (const [what, headers, sent, code] of attempts) {
    const response = await send(context, uri, headers, sent);
    const answer = await response.json();
    assert.is(response.status, 400, what);
    assert.is((answer as { errorInformation: { errorCode: string } }).errorInformation.errorCode, code, what);
    assert.equal(schemaErrors(errorSchema, answer), [], what);
  }
  const decision = await pending;
  assert.equal([decision.status, 'reason' in decision && decision.reason], ['retry', 'provider-unavailable'], 'never proceed');
});

conformance('unsolicited → 404; a replay of an accepted callback after the check was decided → 404', async (context) => {
  const unsolicitedUri = '/parties/MSISDN/233270000777';
  const body = JSON.stringify(personBody('MSISDN', '233270000777', RSA_FSP));
  const unsolicited = await send(context, unsolicitedUri, sdkSigned(unsolicitedUri, body, rsa.privateKey, RSA_FSP), body);
  assert.is(unsolicited.status, 404);
  const notFound = fspiopPath('1_1', 'parties_Type_ID').put!.responses['404'].content!['application/json'].schema;
  assert.equal(schemaErrors(notFound, await unsolicited.json()), []);
  await check(context, '233270000001');
  const accepted = context.callbacks.filter((request) => request.path === '/fspiop/parties/MSISDN/233270000001' && request.status === 200).at(-1)!;
  const replay = await send(context, '/parties/MSISDN/233270000001', accepted.headers, accepted.body);
  assert.is(replay.status, 404);
});

conformance('not a callback: another method → 400, another route → 404, both with errorInformation', async (context) => {
  const get = await fetch(`${context.callbackUrl}/fspiop/parties/MSISDN/233270000001`);
  assert.is(get.status, 400);
  const other = await send(context, '/quotes/1', { 'content-type': 'application/json' }, '{}');
  assert.is(other.status, 404);
  assert.ok(((await other.json()) as { errorInformation?: unknown }).errorInformation);
});

conformance("our verifier against sdk-standard-components' Jws.signer, RS256 and ES256; the SDK's Jws.validator against our signer", () => {
  const keys = readJwsKeys({ verify: true, keys: { [RSA_FSP]: rsa.publicKey, [EC_FSP]: ec.publicKey } });
  const uri = '/parties/MSISDN/233270000001';
  for (const [fsp, key] of [[RSA_FSP, rsa.privateKey], [EC_FSP, ec.privateKey]] as const) {
    // Keys sorted: the SDK's validator verifies its own re-serialisation of the body (safe-stable-stringify).
    const body = canonicalJson(personBody('MSISDN', '233270000001', fsp), 64 * 1024);
    const headers = sdkSigned(uri, body, key, fsp);
    const callback = { signatureHeader: headers['fspiop-signature'], source: fsp, method: 'PUT', uri, body };
    assert.is(jwsRefusal(callback, keys), undefined, fsp);
    assert.ok(jwsRefusal({ ...callback, body: body.replace('Efua', 'Efia') }, keys), `${fsp}: tampered`);
    assert.ok(jwsRefusal({ ...callback, uri: '/parties/MSISDN/233270000002' }, keys), `${fsp}: another URI`);
    // The other way round: the sandbox's switch signs with signJws; the SDK's validator must take it.
    const ours = signJws(createPrivateKey(key), { 'FSPIOP-URI': uri, 'FSPIOP-HTTP-Method': 'PUT', 'FSPIOP-Source': fsp }, body);
    const validator = new sdk.Jws.validator({ validationKeys: { [fsp]: createPublicKey(key).export({ type: 'spki', format: 'pem' }) }, logger: sdk.Logger.loggerFactory() });
    assert.is(validator.validate({ headers: { 'fspiop-source': fsp, 'fspiop-uri': uri, 'fspiop-http-method': 'PUT', 'fspiop-signature': ours }, body: JSON.parse(body) }), true);
  }
});

conformance('our callback schemas agree with api-snippets on valid and invalid bodies (1.1 and 2.0)', () => {
  const party = (extra: Record<string, unknown>) => ({ party: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '1234' }, ...extra } });
  const bodies: unknown[] = [
    party({}),
    party({ name: 'Shoe Company' }),
    party({ personalInfo: { complexName: { firstName: 'Ama', middleName: 'K', lastName: 'Serwaa' }, dateOfBirth: '1984-02-29' } }),
    party({ supportedCurrencies: ['XOF', 'GHS'] }),
    party({ nickname: 'x' }),
    party({ name: '' }),
    party({ personalInfo: { dateOfBirth: '1985-02-29' } }),
    party({ personalInfo: { complexName: { firstName: 'Ama', title: 'Dr' } } }),
    { party: { partyIdInfo: { partyIdType: 'PHONE', partyIdentifier: '1' } } },
    { party: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '1', fspId: 'x'.repeat(33) } } },
    {},
  ];
  const versions = [['1_1', openSchemas], ['2_0', strictSchemas]] as const;
  let refusedSomewhere = 0;
  for (const body of bodies) {
    for (const [version, ours] of versions) {
      const theirs = schemaErrors(fspiopSchema(version, 'PartiesTypeIDPutResponse') as object, body).length === 0;
      assert.is(v.safeParse(ours.partiesPut, body).success, theirs, `${version} ${JSON.stringify(body)}`);
      if (!theirs) refusedSomewhere++;
    }
  }
  assert.ok(refusedSomewhere >= 8, 'the invalid bodies are invalid');
  const errors: unknown[] = [
    { errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } },
    { errorInformation: { errorCode: '0204', errorDescription: 'x' } },
    { errorInformation: { errorCode: '3204' } },
    { errorInformation: { errorCode: '3204', errorDescription: 'x', extensionList: { extension: [{ key: 'a', value: 'b' }] } } },
    { errorInformation: { errorCode: '3204', errorDescription: 'x', more: 1 } },
  ];
  for (const body of errors) {
    for (const [version, ours] of versions) {
      const theirs = schemaErrors(fspiopSchema(version, 'ErrorInformationObject') as object, body).length === 0;
      assert.is(v.safeParse(ours.errorInformationObject, body).success, theirs, `${version} ${JSON.stringify(body)}`);
    }
  }
});

conformance('SDK mode: our GET fits the scheme adapter\'s outbound API (path template, Type enum)', async () => {
  const seen: Recorded[] = [];
  const adapter = createServer(async (req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: headersOf(req), body: await readAll(req) });
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } }));
  });
  const url = await listen(adapter);
  const precheck = createPrecheck({ providers: { mojaloop: { mode: 'sdk', baseUrl: url } }, http: { retries: 0 } });
  try {
    const decision = await precheck.check({ provider: 'mojaloop', intent: 'debit', partyIdType: 'IBAN', partyIdentifier: 'GB33BUKB20201555555555' });
    assert.equal([decision.status, 'reason' in decision && decision.reason], ['abort', 'account-not-found']);
  } finally {
    await precheck.close();
    adapter.closeAllConnections();
    await new Promise((done) => adapter.close(done));
  }
  assert.is(seen[0].path, '/parties/IBAN/GB33BUKB20201555555555');
  assert.equal(requestErrors(sdkOutboundPath('parties_Type_ID'), 'get', seen[0].headers, { Type: 'IBAN', ID: 'GB33BUKB20201555555555' }), []);
  const notFound = sdkOutboundPath('parties_Type_ID').get!.responses['404'].content!['application/json'].schema;
  assert.equal(schemaErrors(notFound, { errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } }), []);
});

conformance.run();
