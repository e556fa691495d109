import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type PrecheckOptions } from '../src/index.js';
import { bmoRequest, startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { BMO_HTTP } from '../src/providers/bmo/bmo-definition.js';
import { scriptedPeer } from './support/scripted-peer.js';

/** Each provider's own pool: bounded, kept alive by the engine's own idle bound, closed by `precheck.close()`. */

const NOT_SHARED = { breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false } as const;

const outcome = (decision: Decision) => `${decision.status}${'reason' in decision ? ` ${decision.reason}` : ''}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (up to `ms`) for the sandbox to see no open socket; answers how many it sees then. */
async function openSocketsAfter(sandbox: Sandbox, ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (sandbox.sockets().open > 0 && Date.now() < until) await sleep(5);
  return sandbox.sockets().open;
}

/** 100 concurrent checks (each one request) over an engine with `http`; the sandbox's socket counts, and the decisions. */
async function hundredChecks(http: PrecheckOptions['http']) {
  const sandbox = await startSandbox();
  const precheck = createPrecheck({ providers: { bmo: sandbox.providers.bmo }, ...NOT_SHARED, ...(http && { http }) });
  try {
    const decisions = await Promise.all(Array.from({ length: 100 }, () => precheck.check(bmoRequest('debit', '+2290197000001'))));
    return { outcomes: new Set(decisions.map(outcome)), requests: sandbox.log.count('bmo'), sockets: sandbox.sockets() };
  } finally {
    await precheck.close();
    await sandbox.close();
  }
}

test('connections: 4 → 100 concurrent checks never hold more than 4 sockets to the provider (the default opens more)', async () => {
  const bounded = await hundredChecks({ connections: 4 });
  assert.equal(bounded.outcomes, new Set(['proceed']));
  assert.is(bounded.requests, 100);
  assert.ok(bounded.sockets.peak <= 4, `${bounded.sockets.peak} sockets at once`);
  assert.ok(bounded.sockets.opened <= 4, `${bounded.sockets.opened} sockets opened: kept alive and reused`);
  const unbounded = await hundredChecks(undefined);
  assert.equal(unbounded.outcomes, new Set(['proceed']));
  assert.ok(unbounded.sockets.peak > 4, `the default pool held ${unbounded.sockets.peak} sockets at once`);
});

test('a provider’s own connections replace the engine-wide ones', async () => {
  const sandbox = await startSandbox();
  const precheck = createPrecheck({
    providers: { bmo: { ...sandbox.providers.bmo, http: { connections: 2 } } },
    http: { connections: 50 },
    ...NOT_SHARED,
  });
  try {
    await Promise.all(Array.from({ length: 40 }, () => precheck.check(bmoRequest('debit', '+2290197000001'))));
    assert.ok(sandbox.sockets().peak <= 2, `${sandbox.sockets().peak} sockets at once`);
  } finally {
    await precheck.close();
    await sandbox.close();
  }
});

test('await precheck.close() resolves once every pooled socket is closed; a check after it is retry provider-unavailable', async () => {
  const sandbox = await startSandbox();
  const precheck = createPrecheck({ providers: sandbox.providers, ...NOT_SHARED });
  try {
    await Promise.all([
      precheck.check(bmoRequest('debit', '+2290197000001')),
      precheck.check({ provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' }),
    ]);
    await sleep(20);
    assert.ok(sandbox.sockets().open >= 2, 'kept alive after the checks');
    await precheck.close();
    // The server sees each close as soon as the FIN crosses loopback.
    assert.is(await openSocketsAfter(sandbox, 100), 0);
    const after = await precheck.check(bmoRequest('debit', '+2290197000001'));
    assert.equal([outcome(after), after.trace.providerStatus?.code], ['retry provider-unavailable', 'ENGINE_CLOSED']);
    assert.match(after.status === 'retry' ? after.message : '', /the engine was closed \(precheck\.close\(\)\)/);
  } finally {
    await sandbox.close();
  }
});

test('keepAliveTimeoutMs is the engine’s own idle bound: a server’s longer Keep-Alive hint does not lengthen it', async () => {
  const sandbox = await startSandbox(); // answers Keep-Alive: timeout=5
  const short = createPrecheck({ providers: { bmo: { ...sandbox.providers.bmo, http: { keepAliveTimeoutMs: 200 } } }, ...NOT_SHARED });
  const usual = createPrecheck({ providers: { beep: sandbox.providers.beep }, ...NOT_SHARED });
  try {
    await short.check(bmoRequest('debit', '+2290197000001'));
    await usual.check({ provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' });
    assert.is(sandbox.sockets().open, 2);
    await sleep(1_500);
    // B-MO's idle socket is gone after 200 ms; BEEP's (default 4000 ms) is still open.
    assert.is(sandbox.sockets().open, 1);
  } finally {
    await Promise.all([short.close(), usual.close()]);
    await sandbox.close();
  }
});

test('connectTimeoutMs bounds the connection (TLS handshake included), apart from the attempt: a silent peer → retry at once', async () => {
  // Takes the TCP connection and never says a word: the TLS handshake never ends.
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
  await once(silent, 'listening');
  const { port } = silent.address() as { port: number };
  const bmo = { baseUrl: `https://127.0.0.1:${port}`, apiKey: 'key-0001', apiSecret: 'secret-0001' };
  const precheck = createPrecheck({ providers: { bmo: { ...bmo, http: { connectTimeoutMs: 200 } } }, http: { timeoutMs: 5_000 }, ...NOT_SHARED });
  try {
    const started = performance.now();
    const decision = await precheck.check(bmoRequest('debit', '+2290197000001'));
    const tookMs = performance.now() - started;
    assert.is(outcome(decision), 'retry provider-unavailable');
    assert.is(decision.trace.providerStatus?.code, 'UND_ERR_CONNECT_TIMEOUT');
    assert.match(decision.trace.providerStatus?.description ?? '', /http\.connectTimeoutMs/);
    assert.ok(tookMs < 2_000, `decided after ${tookMs.toFixed(0)} ms: the 5 s attempt bound would say timeout`);
  } finally {
    await precheck.close();
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});

test('redirects are never followed: a 3xx is abort unexpected-response, and the server it names receives no request', async () => {
  const provider = await scriptedPeer();
  const elsewhere = await scriptedPeer();
  const precheck = createPrecheck({ providers: { bmo: { baseUrl: provider.url, apiKey: 'key-7d1f0a', apiSecret: 'secret-44c2e9' } }, ...NOT_SHARED });
  try {
    for (const status of [301, 302, 307, 308]) {
      provider.answer({ status, headers: { location: `${elsewhere.url}/external/customer/%2B2290197000001` }, body: '' });
      const decision = await precheck.check(bmoRequest('debit', '+2290197000001'));
      assert.equal([outcome(decision), decision.trace.providerStatus?.code], ['abort unexpected-response', status]);
    }
    assert.is(provider.requests.length, 4);
    assert.is(elsewhere.requests.length, 0);
  } finally {
    await precheck.close();
    await Promise.all([provider.close(), elsewhere.close()]);
  }
});

test('the pooled ky client answers its other users as ky over fetch does: json(), text(), clone(), body, a 204', async () => {
  const peer = await scriptedPeer();
  const precheck = createPrecheck({ providers: { bmo: { baseUrl: peer.url, apiKey: 'key-7d1f0a', apiSecret: 'secret-44c2e9' } }, ...NOT_SHARED });
  const http = precheck.container.get(BMO_HTTP);
  try {
    peer.answer({ status: 200, headers: { 'x-answer': 'yes' }, body: '{"firstname":"Ama","lastname":"Koffi"}' });
    assert.equal(await http.get('external/customer/1').json(), { firstname: 'Ama', lastname: 'Koffi' });
    const response = await http.get('external/customer/2');
    assert.equal([response.status, response.ok, response.headers.get('x-answer'), response.bodyUsed], [200, true, 'yes', false]);
    const copy = response.clone();
    assert.is(await response.text(), '{"firstname":"Ama","lastname":"Koffi"}');
    assert.is(response.bodyUsed, true);
    await response.text().then(
      () => assert.unreachable('a body read twice'),
      (error: unknown) => assert.instance(error, TypeError),
    );
    const chunks: number[] = [];
    for await (const chunk of copy.body!) chunks.push(chunk.byteLength);
    assert.is(chunks.reduce((sum, n) => sum + n, 0), 38);
    peer.answer({ status: 204, body: '' });
    const empty = await http.get('external/customer/3');
    assert.equal([empty.status, empty.body, await empty.text()], [204, null, '']);
  } finally {
    await precheck.close();
    await peer.close();
  }
});

test.run();
