import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, PrecheckConfigError, type PrecheckOptions } from '../src/index.js';
import { ENGINE_CONFIG } from '../src/engine/di-tokens.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

/** Transport options (`http`, `providers.<name>.http`): read and checked at start-up, field by field over the defaults. */
const config = suite<{ pki: TestPki }>('transport: options');

config.before((context) => {
  context.pki = createTestPki();
});
config.after(({ pki }) => pki.remove());

const bmo = { baseUrl: 'https://bmo.provider.test', apiKey: 'key-5c1e', apiSecret: 'secret-9d2a' };
const beep = { baseUrl: 'https://beep.provider.test', username: 'partner', password: 'password-3b7f' };
const NO_PROXY_ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** The engine's transports and credential forms for `options`, the proxy variables as `env` says meanwhile. */
function engineConfig(options: PrecheckOptions, env: Record<string, string> = {}) {
  const saved = Object.fromEntries(NO_PROXY_ENV.map((name) => [name, process.env[name]]));
  for (const name of NO_PROXY_ENV) delete process.env[name];
  Object.assign(process.env, env);
  try {
    const precheck = createPrecheck(options);
    void precheck.close();
    return precheck.container.get(ENGINE_CONFIG);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The PrecheckConfigError `options` are refused with; fails when they are accepted. */
function refusal(options: PrecheckOptions, what: string): string {
  try {
    void createPrecheck(options).close();
  } catch (error) {
    assert.instance(error, PrecheckConfigError, what);
    return (error as Error).message;
  }
  assert.unreachable(`${what}: accepted`);
  return '';
}

config('defaults: 64 connections, 4 s idle, 10 s to connect, the environment’s proxy (none here), no TLS material', () => {
  const { transports } = engineConfig({ providers: { bmo } });
  assert.equal(transports, { bmo: { connections: 64, keepAliveTimeoutMs: 4000, connectTimeoutMs: 10000, proxy: { kind: 'direct' }, tls: {} } });
});

config('a provider’s own http replaces the engine-wide one field by field, inside tls too', ({ pki }) => {
  const { transports } = engineConfig({
    providers: { bmo: { ...bmo, http: { connections: 2, proxy: false, tls: { servername: 'api.bmo.test' } } }, beep },
    http: { connections: 8, keepAliveTimeoutMs: 1000, proxy: 'http://egress.internal:3128', tls: { ca: pki.ca.certFile } },
  });
  assert.equal(transports.bmo, {
    connections: 2,
    keepAliveTimeoutMs: 1000,
    connectTimeoutMs: 10000,
    proxy: { kind: 'direct' },
    tls: { ca: pki.ca.cert, servername: 'api.bmo.test' },
  });
  assert.equal(transports.beep, {
    connections: 8,
    keepAliveTimeoutMs: 1000,
    connectTimeoutMs: 10000,
    proxy: { kind: 'proxy', url: 'http://egress.internal:3128/' },
    tls: { ca: pki.ca.cert },
  });
});

config('connections, keepAliveTimeoutMs and connectTimeoutMs are integers from 1, engine-wide and per provider', () => {
  for (const field of ['connections', 'keepAliveTimeoutMs', 'connectTimeoutMs']) {
    for (const value of [0, -1, 1.5, '4', Number.NaN, 2 ** 31, null]) {
      const engineWide = refusal({ providers: { bmo }, http: { [field]: value } as PrecheckOptions['http'] }, `http.${field} ${value}`);
      assert.is(engineWide, `http.${field} must be an integer from 1 to 2147483647`);
      const own = refusal({ providers: { bmo: { ...bmo, http: { [field]: value } } } }, `bmo ${field} ${value}`);
      assert.is(own, `providers.bmo.http.${field} must be an integer from 1 to 2147483647`);
    }
  }
});

config('unknown options are refused by name; there is no way to switch certificate checking off', () => {
  assert.match(refusal({ providers: { bmo }, http: { conections: 4 } as PrecheckOptions['http'] }, 'typo'), /^http\.conections is not an option; did you mean http\.connections\? http takes .*\bconnections, /);
  assert.match(refusal({ providers: { bmo: { ...bmo, http: { timeoutMs: 5 } as object } } }, 'attempt bound per provider'), /^providers\.bmo\.http\.timeoutMs is not an option; did you mean http\.timeoutMs\?/);
  const off = refusal({ providers: { bmo }, http: { tls: { rejectUnauthorized: false } as object } }, 'rejectUnauthorized');
  assert.is(off, 'http.tls: certificate checking cannot be switched off; trust a private CA with http.tls.ca');
});

config('TLS material that cannot be used is refused at start-up, never quoting key material', ({ pki }) => {
  const keyBody = pki.client.key.split('\n')[1];
  const cases: [string, PrecheckOptions['http'], RegExp][] = [
    ['a missing file', { tls: { ca: join(pki.dir, 'missing.pem') } }, /^http\.tls\.ca: the file cannot be read \(ENOENT\)$/],
    ['a directory', { tls: { cert: pki.dir, key: pki.client.keyFile } }, /^http\.tls\.cert: the file cannot be read \(EISDIR\)$/],
    ['a key where a certificate belongs', { tls: { ca: pki.client.keyFile } }, /^http\.tls\.ca holds no PEM certificate/],
    ['a certificate where a key belongs', { tls: { cert: pki.client.certFile, key: pki.client.certFile } }, /^http\.tls\.key is not a readable private key/],
    ['a key without its BEGIN line (read as a path)', { tls: { cert: pki.client.certFile, key: keyBody } }, /^http\.tls\.key: the file cannot be read/],
    ['a certificate without its key', { tls: { cert: pki.client.certFile } }, /^providers\.bmo: tls\.cert and tls\.key go together/],
    ['a key that is not the certificate’s', { tls: { cert: pki.client.certFile, key: pki.stranger.keyFile } }, /^providers\.bmo: tls\.key does not fit tls\.cert/],
    ['the same as PEM text', { tls: { cert: pki.client.cert, key: pki.stranger.key } }, /^providers\.bmo: tls\.key does not fit tls\.cert/],
    ['a servername that is not a host name', { tls: { servername: 'api provider' } }, /^http\.tls\.servername must be a host name/],
  ];
  for (const [what, http, expected] of cases) {
    const message = refusal({ providers: { bmo }, ...(http && { http }) }, what);
    assert.match(message, expected, what);
    for (const secret of [keyBody, ...pki.stranger.key.split('\n').slice(1, -2)]) assert.not.ok(message.includes(secret), `${what}: quotes key material`);
  }
  const garbled = join(pki.dir, 'garbled.pem');
  writeFileSync(garbled, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
  assert.is(refusal({ providers: { bmo }, http: { tls: { ca: garbled } } }, 'garbled'), 'http.tls.ca: certificate 1 cannot be read');
});

config('the proxy from the environment: lower-case first, scheme optional, loopback added to NO_PROXY, NO_PROXY=* is none', () => {
  const environment = (env: Record<string, string>) => engineConfig({ providers: { bmo } }, env).transports.bmo?.proxy;
  assert.equal(environment({ https_proxy: 'egress.internal:3128', HTTPS_PROXY: 'http://other.internal:3128', NO_PROXY: '.internal' }), {
    kind: 'environment',
    httpsProxy: 'http://egress.internal:3128/',
    httpProxy: '',
    noProxy: '.internal,localhost,127.0.0.1,[::1]',
  });
  assert.equal(environment({ HTTP_PROXY: 'http://egress.internal:3128', NO_PROXY: '*' }), { kind: 'direct' });
  assert.equal(environment({ NO_PROXY: 'example.org' }), { kind: 'direct' });
  // An explicit setting wins over the environment.
  assert.equal(engineConfig({ providers: { bmo: { ...bmo, http: { proxy: false } } } }, { HTTPS_PROXY: 'http://egress.internal:3128' }).transports.bmo?.proxy, {
    kind: 'direct',
  });
});

config('proxy credentials, from the options or the environment, are among the forms redacted from what providers say', () => {
  const password = 'pr0xy/p@ss';
  const forms = (options: PrecheckOptions, env: Record<string, string> = {}) => engineConfig(options, env).credentialForms;
  const url = `http://egress-user:${encodeURIComponent(password)}@egress.internal:3128`;
  for (const found of [forms({ providers: { bmo }, http: { proxy: url } }), forms({ providers: { bmo } }, { HTTPS_PROXY: url })]) {
    for (const form of [password, encodeURIComponent(password), 'egress-user', Buffer.from(`egress-user:${password}`).toString('base64')]) {
      assert.ok(found.includes(form), form);
    }
  }
});

config.run();
