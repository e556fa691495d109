import { createServer as createNetServer } from 'node:net';
import { once } from 'node:events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readListenAddress } from '../src/cli/read-listen-address.js';
import { startSandbox } from '../src/sandbox/index.js';
import { createServer, type PrecheckServer } from '../src/server/index.js';
import { cli } from './support/run-cli.js';
import { startServeProcess } from './support/serve-process.js';

/**
 * `precheck serve` and the Mojaloop switch's callbacks: under `/fspiop` on the main listener without bearer tokens,
 * or with `--callback-listen` on a listener of their own (and then not on the main one). What a callback may change is
 * the receiver's to decide: here, that the service hands every request under the prefix to it, and nothing else.
 */
const TOKEN = 'fspiop-serve-token-4c1d8e2a';
const PARTIES = 'application/vnd.interoperability.parties+json;version=1.1';
/** An FSPIOP switch nobody runs: these tests send callbacks no lookup asked for, so the engine sends nothing. */
const mojaloop = { mode: 'fspiop', baseUrl: 'http://127.0.0.1:9/switch', fspId: 'precheckfsp' } as const;
const partyBody = JSON.stringify({ party: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '233200000001', fspId: 'greenbank' }, name: 'Ama Serwaa' } });

/** A callback as the switch sends it: PUT, FSPIOP content type, no Authorization. */
const callback = (url: string, body = partyBody, method = 'PUT') =>
  fetch(url, { method, headers: { 'content-type': PARTIES, 'fspiop-source': 'greenbank' }, ...(method === 'PUT' && { body }) });
const errorCodeOf = async (response: Response) => ((await response.json()) as { errorInformation?: { errorCode?: string } }).errorInformation?.errorCode;

interface Context {
  server: PrecheckServer;
  url: string;
  callbackUrl: string;
  lines: string[];
}

const mounted = suite<Context>('serve: callbacks under /fspiop on the main listener');
mounted.before(async (context) => {
  context.lines = [];
  context.server = createServer({ engine: { providers: { mojaloop } }, tokens: [TOKEN], log: (line) => context.lines.push(line) });
  ({ url: context.url, callbackUrl: context.callbackUrl } = await context.server.listen(0, '127.0.0.1'));
});
mounted.after(({ server }) => server.close(0));

mounted('the callback base URL is <serve URL>/fspiop; a callback needs no token, and no lookup waits for this one: 404', async ({ url, callbackUrl }) => {
  assert.is(callbackUrl, `${url}/fspiop`);
  const unsolicited = await callback(`${callbackUrl}/parties/MSISDN/233200000001`);
  assert.is(unsolicited.status, 404, 'refused by the receiver, not by bearer auth (401)');
  assert.is(await errorCodeOf(unsolicited), '3200');
  const withSubId = await callback(`${callbackUrl}/parties/MSISDN/233200000001/wallet/error`, JSON.stringify({ errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } }));
  assert.is(withSubId.status, 404);
  assert.is(await errorCodeOf(withSubId), '3200');
  const malformed = await callback(`${callbackUrl}/parties/MSISDN/233200000001`, '{"party":');
  assert.is(malformed.status, 400);
  assert.is(await errorCodeOf(malformed), '3101');
});

mounted('the bearer tokens still apply everywhere else; other methods on a callback route are 405; other paths 404', async ({ url, callbackUrl }) => {
  assert.is((await fetch(`${url}/v1/checks`, { method: 'POST', body: '{}' })).status, 401);
  const wrongMethod = await callback(`${callbackUrl}/parties/MSISDN/233200000001`, '', 'GET');
  assert.equal([wrongMethod.status, wrongMethod.headers.get('allow')], [405, 'PUT']);
  const elsewhere = await callback(`${callbackUrl}/quotes/1`);
  assert.is(elsewhere.status, 404, 'no such route (and no token asked for under /fspiop)');
});

mounted('while draining, callbacks are still taken (a check in flight may wait for one); other requests 503', async () => {
  const lines: string[] = [];
  const server = createServer({ engine: { providers: { mojaloop } }, tokens: [TOKEN], log: (line) => lines.push(line) });
  const { url, callbackUrl } = await server.listen(0, '127.0.0.1');
  // A request in flight holds the drain open: a callback that never finishes its body.
  let release!: () => void;
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{'));
      release = () => controller.close();
    },
  });
  const holding = fetch(`${callbackUrl}/parties/MSISDN/233200000002`, {
    method: 'PUT',
    headers: { 'content-type': PARTIES },
    body,
    duplex: 'half',
  } as RequestInit).catch(() => undefined);
  for (const giveUpAt = Date.now() + 2_000; server.inFlight === 0; await new Promise((resolve) => setTimeout(resolve, 10))) {
    assert.ok(Date.now() < giveUpAt, 'the held callback is in flight');
  }
  const closing = server.close(5_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const check = await fetch(`${url}/v1/checks`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
  assert.is(check.status, 503);
  const taken = await callback(`${callbackUrl}/parties/MSISDN/233200000001`);
  assert.is(taken.status, 404, 'handed to the receiver (no lookup waits): not refused as draining');
  assert.is(await errorCodeOf(taken), '3200');
  release();
  await holding;
  await closing;
});

mounted('the request log names the route template, never the party', async ({ callbackUrl, lines }) => {
  await callback(`${callbackUrl}/parties/MSISDN/233200000777`);
  const line = lines.map((each) => JSON.parse(each)).find((each) => each.route?.startsWith('/fspiop/'));
  assert.ok(line, lines.join('\n'));
  assert.is(line.route, '/fspiop/parties/{type}/{id}');
  await callback(`${callbackUrl}/parties/MSISDN/233200000777/error`, JSON.stringify({ errorInformation: { errorCode: '3204', errorDescription: 'Party not found' } }));
  assert.is(JSON.parse(lines.at(-1)!).route, '/fspiop/parties/{type}/{id}/error');
  assert.not.ok(lines.join('\n').includes('233200000777'));
});

mounted.run();

const own = suite<Context>('serve: callbacks on a listener of their own (callbackListen)');
own.before(async (context) => {
  context.lines = [];
  context.server = createServer({
    engine: { providers: { mojaloop } },
    tokens: [TOKEN],
    log: (line) => context.lines.push(line),
    callbackListen: { host: '127.0.0.1', port: 0 },
  });
  ({ url: context.url, callbackUrl: context.callbackUrl } = await context.server.listen(0, '127.0.0.1'));
});
own.after(({ server }) => server.close(0));

own('callbacks go to the callback listener only; the main listener does not have them, and has nothing else there', async ({ url, callbackUrl }) => {
  assert.match(callbackUrl, /^http:\/\/127\.0\.0\.1:\d+\/fspiop$/);
  assert.is.not(new URL(callbackUrl).port, new URL(url).port);
  const there = await callback(`${callbackUrl}/parties/MSISDN/233200000001`);
  assert.is(there.status, 404);
  assert.is(await errorCodeOf(there), '3200', 'the receiver answered');
  const onMain = await callback(`${url}/fspiop/parties/MSISDN/233200000001`);
  assert.is(onMain.status, 401, 'on the main listener /fspiop is no exception to the tokens');
  const withToken = await fetch(`${url}/fspiop/parties/MSISDN/233200000001`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': PARTIES },
    body: partyBody,
  });
  assert.is(withToken.status, 404);
  assert.is(withToken.headers.get('content-type'), 'application/problem+json', 'the service has no such route');
  const document = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.not.ok(Object.keys(document.paths).some((path) => path.startsWith('/fspiop')), 'not declared on the main listener');
  const service = await fetch(`${new URL(callbackUrl).origin}/v1/checks`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
  assert.is(service.status, 404, 'the callback listener serves nothing but callbacks');
  assert.is(await errorCodeOf(service), '3002');
  const wrongMethod = await callback(`${callbackUrl}/parties/MSISDN/233200000001`, '', 'DELETE');
  assert.equal([wrongMethod.status, wrongMethod.headers.get('allow')], [405, 'PUT']);
});

own('createServer refuses a callback port that is not one', () => {
  assert.throws(
    () => createServer({ engine: { providers: { mojaloop } }, tokens: [TOKEN], callbackListen: { host: '127.0.0.1', port: 70_000 } }),
    /callbackListen\.port must be an integer from 0 to 65535/,
  );
});

own.run();

const command = suite('precheck serve --callback-listen');
const mojaloopEnv = { PRECHECK_MOJALOOP_MODE: 'fspiop', PRECHECK_MOJALOOP_BASE_URL: mojaloop.baseUrl, PRECHECK_MOJALOOP_FSP_ID: mojaloop.fspId };

command('--callback-listen HOST:PORT (or PRECHECK_CALLBACK_LISTEN): the listening line gives callbackUrl on that listener', async () => {
  const serve = await startServeProcess(['--callback-listen', '127.0.0.1:0'], { ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN });
  try {
    const started = serve.started as typeof serve.started & { callbackUrl: string };
    assert.match(started.callbackUrl, /^http:\/\/127\.0\.0\.1:\d+\/fspiop$/);
    assert.is.not(new URL(started.callbackUrl).port, new URL(serve.url).port);
    const answer = await callback(`${started.callbackUrl}/parties/MSISDN/233200000001`);
    assert.is(answer.status, 404);
    assert.is(await errorCodeOf(answer), '3200');
    assert.is((await callback(`${serve.url}/fspiop/parties/MSISDN/233200000001`)).status, 401);
  } finally {
    assert.is(await serve.stop(), 0);
  }
  const fromEnv = await startServeProcess([], { ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN, PRECHECK_CALLBACK_LISTEN: '127.0.0.1:0' });
  try {
    const started = fromEnv.started as typeof fromEnv.started & { callbackUrl: string };
    assert.is.not(new URL(started.callbackUrl).port, new URL(fromEnv.url).port);
  } finally {
    await fromEnv.stop();
  }
});

command('a value that is not HOST:PORT is refused with what to type (exit 2); a port in use fails at start (exit 1)', async () => {
  for (const value of ['8788', 'localhost', 'localhost:', ':8788', 'localhost:99999', 'host:80:80', '::1:8788', 'a b:80', '[::1]', 'host:+80']) {
    assert.throws(() => readListenAddress('--callback-listen', value), /--callback-listen must be HOST:PORT, e.g. 0\.0\.0\.0:8788 or \[::1\]:8788/, value);
  }
  assert.equal(readListenAddress('--callback-listen', '0.0.0.0:8788'), { host: '0.0.0.0', port: 8788 });
  assert.equal(readListenAddress('--callback-listen', '[::1]:0'), { host: '::1', port: 0 });
  assert.equal(readListenAddress('--callback-listen', 'callbacks.internal:65535'), { host: 'callbacks.internal', port: 65_535 });
  const flag = await cli({ ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN }, 'serve', '--port', '0', '--callback-listen', 'localhost');
  assert.is(flag.code, 2, flag.stderr);
  assert.match(flag.stderr, '--callback-listen must be HOST:PORT, e.g. 0.0.0.0:8788 or [::1]:8788');
  const env = await cli({ ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN, PRECHECK_CALLBACK_LISTEN: 'nope' }, 'serve', '--port', '0');
  assert.is(env.code, 2, env.stderr);
  assert.match(env.stderr, 'PRECHECK_CALLBACK_LISTEN must be HOST:PORT');
  const missing = await cli({ ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN }, 'serve', '--port', '0', '--callback-listen');
  assert.is(missing.code, 2, missing.stderr);

  const taken = createNetServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  try {
    const { port } = taken.address() as { port: number };
    const busy = await cli({ ...mojaloopEnv, PRECHECK_SERVE_TOKENS: TOKEN }, 'serve', '--port', '0', '--callback-listen', `127.0.0.1:${port}`);
    assert.is(busy.code, 1, busy.stderr);
    assert.match(busy.stderr, 'EADDRINUSE');
  } finally {
    taken.close();
  }
});

command.run();

const sandboxed = suite('serve --sandbox: the FSPIOP switch fake calls the service back over HTTP');

sandboxed('a Mojaloop check through the service: 202, the callback to <serve URL>/fspiop, the decision on it', async () => {
  const sandbox = await startSandbox();
  const lines: string[] = [];
  const server = createServer({ engine: { providers: { mojaloop: sandbox.mojaloopFspiop } }, insecureLocal: true, log: (line) => lines.push(line) });
  try {
    const { url, callbackUrl } = await server.listen(0, '127.0.0.1');
    sandbox.sendCallbacksTo(callbackUrl);
    const check = (body: object) =>
      fetch(`${url}/v1/checks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json());
    const found = await check({ provider: 'mojaloop', intent: 'credit', phone: '+233200000001', payeeName: 'Ama Serwaa' });
    assert.equal([found.status, found.account?.fspId], ['proceed', 'greenbank'], JSON.stringify(found));
    const callbacks = lines.map((line) => JSON.parse(line)).filter((line) => line.route?.startsWith('/fspiop/'));
    assert.equal(callbacks.map(({ method, route, status }) => [method, route, status]), [['PUT', '/fspiop/parties/{type}/{id}', 200]]);
    assert.equal(sandbox.mojaloopCallbacks.at(-1), { path: '/parties/MSISDN/233200000001', status: 200 }, 'the fake got the service\'s 200');
    const forged = await check({ provider: 'mojaloop', intent: 'credit', phone: '+233200000666' });
    assert.equal([forged.status, forged.reason], ['retry', 'provider-unavailable'], 'a forged callback is refused: the lookup times out');
    assert.is(sandbox.mojaloopCallbacks.at(-1)?.status, 400, 'the forged callback was refused with 400');
  } finally {
    await server.close(0);
    await sandbox.close();
  }
});

sandboxed('precheck serve --sandbox --callback-listen: the switch fake calls the callback listener', async () => {
  const serve = await startServeProcess(['--sandbox', '--insecure-local', '--callback-listen', '127.0.0.1:0']);
  try {
    const started = serve.started as typeof serve.started & { callbackUrl: string; sandbox: Record<string, string> };
    assert.ok(started.sandbox.mojaloop, 'the listening line names the Mojaloop fake');
    const response = await fetch(`${serve.url}/v1/checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'mojaloop', intent: 'debit', partyIdType: 'BUSINESS', partyIdentifier: 'shoecompany' }),
    });
    const decision = await response.json();
    assert.equal([decision.status, decision.account?.fspId], ['proceed', 'bluebank'], JSON.stringify(decision));
    const logged = serve.stdout.map((line) => JSON.parse(line)).filter((line) => line.route?.startsWith('/fspiop/'));
    assert.equal(logged.map(({ route, status }) => [route, status]), [['/fspiop/parties/{type}/{id}', 200]]);
  } finally {
    assert.is(await serve.stop(), 0);
  }
});

sandboxed.run();
