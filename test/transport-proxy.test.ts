import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, PrecheckConfigError, type Decision, type PrecheckOptions } from '../src/index.js';
import { beepRequest, bmoRequest, mtnRequest, startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { connectProxy } from './support/connect-proxy.js';
import { createTestPki } from './support/test-pki.js';

/** Providers reached through a real CONNECT proxy on loopback: configured, from the environment, with credentials. */
const proxied = suite<{ sandbox: Sandbox }>('transport: egress proxy');

proxied.before(async (context) => {
  context.sandbox = await startSandbox();
});
proxied.after(async ({ sandbox }) => {
  await sandbox.close();
});

const NOT_CACHED = { breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false } as const;

/** A sandbox URL under a name only the proxy resolves: a request that reaches the fake went through the proxy. */
const behindProxy = (url: string, name: string) => url.replace('127.0.0.1', `${name}.provider.test`);
const hosts = { 'bmo.provider.test': '127.0.0.1', 'beep.provider.test': '127.0.0.1' };

const outcome = (decision: Decision) => `${decision.status}${'reason' in decision ? ` ${decision.reason}` : ''}`;

/** Everything written to the console while `work` runs, whatever the writer. */
async function consoleOf<T>(work: () => Promise<T>): Promise<{ result: T; output: string }> {
  const output: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const keep = (...args: unknown[]) => void output.push(args.map(String).join(' '));
  Object.assign(console, { log: keep, info: keep, warn: keep, error: keep, debug: keep });
  process.stdout.write = ((chunk: unknown) => (output.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => (output.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { result: await work(), output: output.join('\n') };
  } finally {
    Object.assign(console, saved);
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
}

/** `process.env` with `values` while `work` runs (undefined deletes), as it was afterwards. */
function withEnv<T>(values: Record<string, string | undefined>, work: () => T): T {
  const before = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(values);
  try {
    return work();
  } finally {
    apply(before);
  }
}

const NO_PROXY_ENV = { HTTPS_PROXY: undefined, https_proxy: undefined, HTTP_PROXY: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined };

proxied('the proxy option: every request of every provider goes through a CONNECT tunnel; proxy: false connects directly', async ({ sandbox }) => {
  const proxy = await connectProxy({ hosts });
  const providers: PrecheckOptions['providers'] = {
    bmo: { ...sandbox.providers.bmo, baseUrl: behindProxy(sandbox.bmoUrl, 'bmo') },
    beep: { ...sandbox.providers.beep, baseUrl: behindProxy(sandbox.beepUrl, 'beep') },
    'mtn-momo': { ...sandbox.providers['mtn-momo'], http: { proxy: false } },
  };
  const precheck = createPrecheck({ providers, http: { proxy: proxy.url }, ...NOT_CACHED });
  const before = sandbox.log.count('bmo') + sandbox.log.count('beep');
  try {
    const decisions = await Promise.all([
      ...Array.from({ length: 5 }, () => precheck.check(bmoRequest('debit', '+2290197000001'))),
      ...Array.from({ length: 5 }, () => precheck.check(beepRequest('debit', '307001'))),
      precheck.check(mtnRequest('debit', '+2290196000001')),
    ]);
    assert.equal(new Set(decisions.map(outcome)), new Set(['proceed']));
    assert.is(sandbox.log.count('bmo') + sandbox.log.count('beep') - before, 10, 'each check reached its provider, by a name only the proxy resolves');
    assert.ok(proxy.tunnels.length >= 2 && proxy.tunnels.length <= 10, `${proxy.tunnels.length} tunnels`);
    assert.equal(new Set(proxy.tunnels.map((target) => target.split('.')[0])), new Set(['bmo', 'beep']), 'MTN (proxy: false) was reached directly');
  } finally {
    await precheck.close();
    await proxy.close();
  }
});

proxied('the environment, read at start-up: http_proxy for an http provider, NO_PROXY honoured, loopback never proxied', async ({ sandbox }) => {
  const proxy = await connectProxy({ hosts });
  const providers: PrecheckOptions['providers'] = {
    bmo: { ...sandbox.providers.bmo, baseUrl: behindProxy(sandbox.bmoUrl, 'bmo') },
    beep: { ...sandbox.providers.beep, baseUrl: behindProxy(sandbox.beepUrl, 'beep') },
    'mtn-momo': sandbox.providers['mtn-momo'],
  };
  const precheck = withEnv({ ...NO_PROXY_ENV, http_proxy: proxy.url, NO_PROXY: 'example.org, beep.provider.test' }, () =>
    createPrecheck({ providers, ...NOT_CACHED }),
  );
  try {
    // The variables are gone again: what counts is what they said when the engine was created.
    const [bmo, beep, mtn] = await Promise.all([
      precheck.check(bmoRequest('debit', '+2290197000001')),
      precheck.check(beepRequest('debit', '307001')),
      precheck.check(mtnRequest('debit', '+2290196000001')),
    ]);
    assert.is(outcome(bmo), 'proceed');
    // Direct, as NO_PROXY says: a name that only the proxy resolves is not found.
    assert.equal([outcome(beep), beep.trace.providerStatus?.code], ['retry provider-unavailable', 'ENOTFOUND']);
    assert.is(outcome(mtn), 'proceed');
    assert.equal(new Set(proxy.tunnels.map((target) => target.split(':')[0])), new Set(['bmo.provider.test']));
  } finally {
    await precheck.close();
    await proxy.close();
  }
});

proxied('proxy credentials: sent to the proxy only; a refusal (407) is retry provider-unavailable; never in any output', async ({ sandbox }) => {
  const user = 'egress-user';
  const password = 'pr0xy:p@ss/w0rd';
  const proxy = await connectProxy({ hosts, credentials: { user, password } });
  const urlWith = (secret: string) => `http://${user}:${encodeURIComponent(secret)}@127.0.0.1:${proxy.port}`;
  const providers = { bmo: { ...sandbox.providers.bmo, baseUrl: behindProxy(sandbox.bmoUrl, 'bmo') } };
  const forms = [password, encodeURIComponent(password), Buffer.from(`${user}:${password}`).toString('base64'), user];
  const wrongForms = ['wr0ng:p@ss', encodeURIComponent('wr0ng:p@ss'), Buffer.from(`${user}:wr0ng:p@ss`).toString('base64')];
  const { result, output } = await consoleOf(async () => {
    const good = createPrecheck({ providers, http: { proxy: urlWith(password) }, ...NOT_CACHED });
    const wrong = createPrecheck({ providers, http: { proxy: urlWith('wr0ng:p@ss') }, ...NOT_CACHED });
    const fromEnv = withEnv({ ...NO_PROXY_ENV, HTTP_PROXY: urlWith('wr0ng:p@ss') }, () => createPrecheck({ providers, ...NOT_CACHED }));
    try {
      const decisions = [
        await good.check(bmoRequest('debit', '+2290197000001')),
        await wrong.check(bmoRequest('debit', '+2290197000001')),
        await fromEnv.check(bmoRequest('debit', '+2290197000001')),
      ];
      console.log(JSON.stringify(decisions));
      return decisions;
    } finally {
      await Promise.all([good.close(), wrong.close(), fromEnv.close()]);
      await proxy.close();
    }
  });
  const [good, wrong, fromEnv] = result;
  assert.is(outcome(good), 'proceed');
  for (const refused of [wrong, fromEnv]) {
    assert.equal([outcome(refused), refused.trace.providerStatus?.code], ['retry provider-unavailable', 'proxy-407']);
    assert.match(refused.status === 'retry' ? refused.message : '', /egress proxy refused our proxy credentials \(407/);
  }
  assert.ok(proxy.authorizations.includes(`Basic ${forms[2]}`), 'the proxy was sent the credentials');
  assert.is(proxy.refused.length, 2);
  const seen = JSON.stringify(result) + output;
  for (const form of [...forms, ...wrongForms]) assert.not.ok(seen.includes(form), `a form of the proxy credentials appears: ${form.slice(0, 3)}…`);
});

proxied('a proxy that cannot open the tunnel (502 from it) is retry provider-unavailable, proxy-502, saying so', async () => {
  // A port nothing listens on: the proxy's own connection is refused, and it answers the CONNECT 502.
  const closed = createServer().listen(0, '127.0.0.1');
  await once(closed, 'listening');
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const proxy = await connectProxy({ hosts: { 'gone.provider.test': '127.0.0.1' } });
  const bmo = { baseUrl: `http://gone.provider.test:${port}`, apiKey: 'key-0001', apiSecret: 'secret-0001' };
  const precheck = createPrecheck({ providers: { bmo }, http: { proxy: proxy.url }, ...NOT_CACHED });
  try {
    const decision = await precheck.check(bmoRequest('debit', '+2290197000001'));
    assert.equal([outcome(decision), decision.trace.providerStatus?.code], ['retry provider-unavailable', 'proxy-502']);
    assert.match(decision.status === 'retry' ? decision.message : '', /egress proxy did not open a tunnel to the provider \(HTTP 502\)/);
  } finally {
    await precheck.close();
    await proxy.close();
  }
});

proxied('an unusable proxy setting is a PrecheckConfigError that never quotes the proxy password', async ({ sandbox }) => {
  const secret = 'n3ver-qu0ted';
  const attempts: [string, () => unknown][] = [
    ['a path after the authority', () => createPrecheck({ providers: sandbox.providers, http: { proxy: `http://u:${secret}@proxy.internal:3128/path` } })],
    ['another scheme', () => createPrecheck({ providers: sandbox.providers, http: { proxy: `socks5://u:${secret}@proxy.internal:1080` } })],
    ['a user without password', () => createPrecheck({ providers: { bmo: { ...sandbox.providers.bmo, http: { proxy: `http://${secret}@proxy.internal` } } } })],
    ['not a URL, from the environment', () => withEnv({ ...NO_PROXY_ENV, HTTPS_PROXY: `http://u:${secret}@[proxy` }, () => createPrecheck({ providers: sandbox.providers }))],
  ];
  for (const [what, attempt] of attempts) {
    let error: unknown;
    try {
      attempt();
    } catch (thrown) {
      error = thrown;
    }
    assert.instance(error, PrecheckConfigError, what);
    assert.not.ok((error as Error).message.includes(secret), `${what}: ${(error as Error).message}`);
    assert.match((error as Error).message, /proxy|PROXY/, what);
  }
});

proxied('an https provider through the proxy: its own TLS inside the tunnel (private CA, mutual TLS)', async () => {
  const pki = createTestPki();
  const sandbox = await startSandbox({ tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requireClientCertificate: true } });
  const proxy = await connectProxy();
  const bmo = (tls: object) => ({ ...sandbox.providers.bmo, http: { proxy: proxy.url, tls: { ca: pki.ca.certFile, ...tls } } });
  const withCertificate = createPrecheck({ providers: { bmo: bmo({ cert: pki.client.certFile, key: pki.client.keyFile }) }, ...NOT_CACHED });
  const without = createPrecheck({ providers: { bmo: bmo({}) }, ...NOT_CACHED });
  try {
    assert.is(outcome(await withCertificate.check(bmoRequest('debit', '+2290197000001'))), 'proceed');
    const refused = await without.check(bmoRequest('debit', '+2290197000001'));
    assert.equal([outcome(refused), refused.trace.providerStatus?.code], ['retry provider-unavailable', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED']);
    assert.is(proxy.tunnels.length, 2, 'both went through the proxy');
  } finally {
    await Promise.all([withCertificate.close(), without.close()]);
    await proxy.close();
    await sandbox.close();
    pki.remove();
  }
});

proxied.run();
