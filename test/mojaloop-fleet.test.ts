import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';

/**
 * Mojaloop FSPIOP in a fleet: two `precheck serve` processes sharing one Redis, the switch fake (signing its callbacks)
 * calling back the one that did NOT send the lookup. The check is decided on the instance it was sent to, from the
 * callback the other received; single flight holds across both; a forged, unsigned, unsolicited or replayed callback
 * to either changes nothing.
 */
interface SeenCallback {
  path: string;
  headers: [string, string][];
  body: string;
  status: number;
}

interface Context {
  sandbox: Sandbox;
  keysDir: string;
  prefix: string;
  /** A sends every lookup (checks are posted to it); B receives every callback. */
  a: ServeProcess;
  b: ServeProcess;
  callbackUrl: { a: string; b: string };
  /** Every callback the switch fake sent, as sent (signed), with what B answered. */
  seen: SeenCallback[];
}

const PARTIES = 'application/vnd.interoperability.parties+json;version=2.0';
let unknownParties = Math.floor(Math.random() * 90_000);
/** An MSISDN no trigger names: the switch's callback is `PUT …/error` 3204, a fact the fleet shares. */
const unknownPhone = () => `+2332991${String(10_000 + (unknownParties++ % 90_000)).padStart(5, '0')}`;

const post = async (serve: ServeProcess, body: object) => {
  const response = await fetch(`${serve.url}/v1/checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
};
/** The request log lines of the callback routes a serve process answered, as [status, route]. */
const callbacksAnswered = (serve: ServeProcess) =>
  serve.stdout
    .map((line) => JSON.parse(line))
    .filter((line) => typeof line.route === 'string' && line.route.startsWith('/fspiop/'))
    .map((line) => [line.status, line.route]);
/** GETs the switch fake received for one party. */
const lookupsOf = (sandbox: Sandbox, party: string) =>
  sandbox.log.requests.filter(({ provider, method, path }) => provider === 'mojaloop' && method === 'GET' && path.endsWith(`/parties/${party}`)).length;
const resend = (url: string, callback: SeenCallback, headers: Record<string, string> = {}) =>
  fetch(`${url}${callback.path}`, { method: 'PUT', headers: { ...Object.fromEntries(callback.headers), ...headers }, body: callback.body });

const admin = await redisOrSkip('Mojaloop fleet');
if (admin) {
  const fleet = suite<Context>('Mojaloop FSPIOP: two serve processes, one Redis, callbacks to the other one');

  fleet.before(async (context) => {
    context.sandbox = await startSandbox();
    context.prefix = testPrefix('mojaloop-fleet');
    context.seen = [];
    const settings = context.sandbox.mojaloopFspiop;
    // The scheme's public keys as files, as an operator gives them (PRECHECK_MOJALOOP_JWS_KEYS=fspId=path,…).
    context.keysDir = await mkdtemp(join(tmpdir(), 'precheck-mojaloop-keys-'));
    const keyFiles: string[] = [];
    for (const [fspId, pem] of Object.entries(settings.jws!.keys)) {
      const file = join(context.keysDir, `${fspId}.pem`);
      await writeFile(file, pem);
      keyFiles.push(`${fspId}=${file}`);
    }
    const env = {
      PRECHECK_MOJALOOP_MODE: 'fspiop',
      PRECHECK_MOJALOOP_BASE_URL: settings.baseUrl,
      PRECHECK_MOJALOOP_FSP_ID: settings.fspId!,
      PRECHECK_MOJALOOP_API_VERSION: '2.0',
      PRECHECK_MOJALOOP_CALLBACK_TIMEOUT_MS: '1000',
      PRECHECK_MOJALOOP_JWS_KEYS: keyFiles.join(','),
    };
    const args = ['--insecure-local', '--redis', REDIS_URL, '--redis-prefix', context.prefix, '--timeout-ms', '3000'];
    [context.a, context.b] = await Promise.all([startServeProcess(args, env), startServeProcess(args, env)]);
    const callbackUrlOf = (serve: ServeProcess) => (serve.started as typeof serve.started & { callbackUrl: string }).callbackUrl;
    context.callbackUrl = { a: callbackUrlOf(context.a), b: callbackUrlOf(context.b) };
    // The switch calls back B, whoever sent the lookup: a load balancer in front of the fleet could do the same.
    context.sandbox.attach({
      async mojaloopCallback(request) {
        const path = new URL(request.url).pathname.replace(/^\/fspiop/, '');
        const body = await request.text();
        const headers = [...request.headers.entries()];
        const response = await fetch(`${context.callbackUrl.b}${path}`, { method: 'PUT', headers, body });
        if (context.seen.length < 1_000) context.seen.push({ path, headers, body, status: response.status });
        return response;
      },
    });
  });

  fleet.after(async ({ a, b, sandbox, keysDir, prefix }) => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sandbox?.close();
    await rm(keysDir, { recursive: true, force: true });
    await removeKeys(admin, prefix);
    admin.destroy();
  });

  fleet('the lookup sent by A, the signed callback received by B: the check is decided on A', async (context) => {
    const { a, b, sandbox } = context;
    const decision = await post(a, { provider: 'mojaloop', intent: 'credit', phone: '+233200000001', payeeName: 'Ama Serwaa' });
    assert.equal([decision.status, decision.account?.fspId, decision.nameCheck?.result], ['proceed', 'greenbank', 'match'], JSON.stringify(decision));
    assert.is(lookupsOf(sandbox, 'MSISDN/233200000001'), 1, 'one lookup');
    assert.equal(callbacksAnswered(b), [[200, '/fspiop/parties/{type}/{id}']], 'B took the callback');
    assert.equal(callbacksAnswered(a), [], 'A received none');
    const notFound = await post(a, { provider: 'mojaloop', intent: 'debit', phone: unknownPhone() });
    assert.equal([notFound.status, notFound.reason], ['abort', 'account-not-found'], 'an error callback (3204) crosses over too');
    assert.equal(callbacksAnswered(b).at(-1), [200, '/fspiop/parties/{type}/{id}/error']);
  });

  fleet('single flight across the fleet: concurrent checks of one party on A and B, one lookup', async ({ a, b, sandbox }) => {
    const phone = unknownPhone();
    const checks = Array.from({ length: 16 }, (_, i) => post(i % 2 ? a : b, { provider: 'mojaloop', intent: 'debit', phone }));
    const decisions = await Promise.all(checks);
    assert.equal([...new Set(decisions.map((decision) => `${decision.status} ${decision.reason}`))], ['abort account-not-found']);
    assert.is(lookupsOf(sandbox, `MSISDN/${phone.slice(1)}`), 1, 'one GET /parties for 16 checks on two instances');
    // Parties named by type and id, at once on both instances: one lookup each, each answered with its own party
    // (the lookup key is the party's Type/ID/SubId; were it not, they would share one answer).
    const unknown = unknownPhone().slice(1);
    const [kofi, business, nobody] = await Promise.all([
      post(a, { provider: 'mojaloop', intent: 'debit', partyIdType: 'MSISDN', partyIdentifier: '233200000002', payeeName: 'Kofi Boateng' }),
      post(b, { provider: 'mojaloop', intent: 'debit', partyIdType: 'BUSINESS', partyIdentifier: 'shoecompany', payeeName: 'Shoe Company Ltd' }),
      post(b, { provider: 'mojaloop', intent: 'debit', partyIdType: 'MSISDN', partyIdentifier: unknown }),
    ]);
    assert.equal([kofi.status, kofi.nameCheck?.result], ['proceed', 'match'], JSON.stringify(kofi));
    assert.equal([business.status, business.nameCheck?.result], ['proceed', 'match'], JSON.stringify(business));
    assert.equal([nobody.status, nobody.reason], ['abort', 'account-not-found'], JSON.stringify(nobody));
    for (const party of ['MSISDN/233200000002', 'BUSINESS/shoecompany', `MSISDN/${unknown}`]) assert.is(lookupsOf(sandbox, party), 1, party);
  });

  fleet('a replayed, an unsolicited or an unsigned callback, to either instance, is refused and changes nothing', async (context) => {
    const { a, b, callbackUrl, seen } = context;
    const taken = seen.find((callback) => callback.path === '/parties/MSISDN/233200000001' && callback.status === 200);
    assert.ok(taken, 'the first test recorded the signed callback B took');
    // A replay of a callback that was taken: validly signed, for a lookup no longer outstanding.
    for (const url of [callbackUrl.a, callbackUrl.b]) {
      const replayed = await resend(url, taken);
      assert.is(replayed.status, 404, `replayed to ${url}`);
      assert.is((await replayed.json()).errorInformation.errorCode, '3200');
    }
    // While A waits for a party whose callback never comes: an unsigned callback for it (names and all), and the
    // signed one of another party rewritten for it, to both instances. Both refused: the check ends retry.
    const waiting = post(a, { provider: 'mojaloop', intent: 'credit', phone: '+233200000900', payeeName: 'Ama Serwaa' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const unsigned = { path: '/parties/MSISDN/233200000900', headers: [['content-type', PARTIES], ['date', new Date().toUTCString()], ['fspiop-source', 'greenbank']] as [string, string][], body: taken.body.replace('233200000001', '233200000900'), status: 0 };
    // Another party's signed callback, path and body rewritten for this one: its signature no longer verifies.
    const moved = { ...taken, path: unsigned.path, body: unsigned.body };
    for (const url of [callbackUrl.a, callbackUrl.b]) {
      for (const forged of [unsigned, moved]) {
        const refused = await resend(url, forged);
        const what = `${forged === unsigned ? 'unsigned' : 'moved'} to ${url}`;
        assert.is(refused.status, 400, what);
        const { errorInformation } = await refused.json();
        assert.is(errorInformation.errorCode, '3105', `${what}: ${JSON.stringify(errorInformation)} ${forged.body}`);
      }
    }
    const decision = await waiting;
    assert.equal([decision.status, decision.reason], ['retry', 'provider-unavailable'], JSON.stringify(decision));
    // A callback the switch signed with a key the scheme does not know, sent by the switch itself to B.
    const forged = await post(a, { provider: 'mojaloop', intent: 'credit', phone: '+233200000666', payeeName: 'Late Or Forged' });
    assert.equal([forged.status, forged.reason], ['retry', 'provider-unavailable'], JSON.stringify(forged));
    assert.is(seen.at(-1)?.status, 400, 'B refused the forged callback');
    // Nothing above left a key behind for a lookup: the relay's keys end with their lookups.
    const relayKeys = (await admin.sendCommand<string[]>(['KEYS', `${context.prefix}relay:*`])).filter((key) => !key.includes(':to:'));
    assert.equal(relayKeys, []);
    assert.ok(b.stdout.length > 0 && a.stdout.length > 0);
  });

  fleet.run();
}
