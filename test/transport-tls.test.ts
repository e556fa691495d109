import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type PrecheckOptions } from '../src/index.js';
import { beepRequest, bmoRequest, gsmaRequest, mtnRequest, startSandbox, type Sandbox, type SandboxTls } from '../src/sandbox/index.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

/** Providers reached over TLS: a private CA, mutual TLS, the name checked, and no way to switch checking off. */
const tls = suite<{ pki: TestPki }>('transport: TLS towards providers');

tls.before((context) => {
  context.pki = createTestPki();
});
tls.after(({ pki }) => pki.remove());

const summary = (decision: Decision) => ({
  status: decision.status,
  reason: 'reason' in decision ? decision.reason : undefined,
  code: decision.trace.providerStatus?.code,
});

/** One check of `request` with an engine over the sandbox (served as `serve` says), both closed afterwards. */
async function checkOver(serve: SandboxTls, engine: (sandbox: Sandbox) => Omit<PrecheckOptions, 'breaker' | 'cache'>, request = bmoRequest('debit', '+2290197000001')) {
  const sandbox = await startSandbox({ tls: serve });
  const precheck = createPrecheck({ breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 }, ...engine(sandbox) });
  try {
    const decision = await precheck.check(request);
    return { decision, requests: sandbox.log.count('bmo') };
  } finally {
    await precheck.close();
    await sandbox.close();
  }
}

const mutual = ({ pki }: { pki: TestPki }): SandboxTls => ({ key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requireClientCertificate: true });

tls('mutual TLS without a client certificate → retry provider-unavailable, the message saying one is required', async (context) => {
  const { decision, requests } = await checkOver(mutual(context), (sandbox) => ({
    providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: context.pki.ca.certFile } } } },
  }));
  assert.equal(summary(decision), { status: 'retry', reason: 'provider-unavailable', code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
  assert.match(decision.status === 'retry' ? decision.message : '', /requires a client certificate \(mutual TLS\) and none was sent: set tls\.cert and tls\.key/);
  assert.is(requests, 0);
});

tls('mutual TLS with the client certificate → proceed: from files (engine-wide) and as PEM text (for the provider)', async (context) => {
  const { pki } = context;
  const fromFiles = await checkOver(mutual(context), (sandbox) => ({
    providers: { bmo: sandbox.providers.bmo },
    http: { tls: { ca: pki.ca.certFile, cert: pki.client.certFile, key: pki.client.keyFile } },
  }));
  assert.equal(summary(fromFiles.decision), { status: 'proceed', reason: undefined, code: 200 });
  const asText = await checkOver(mutual(context), (sandbox) => ({
    providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key } } } },
  }));
  assert.equal(summary(asText.decision), { status: 'proceed', reason: undefined, code: 200 });
});

tls('every built-in provider over mutual TLS, their token requests (MTN, GSMA) included → proceed', async (context) => {
  const { pki } = context;
  const sandbox = await startSandbox({ tls: mutual(context) });
  const precheck = createPrecheck({
    providers: sandbox.providers,
    http: { tls: { ca: pki.ca.certFile, cert: pki.client.certFile, key: pki.client.keyFile } },
  });
  try {
    const requests = [
      bmoRequest('debit', '+2290197000001'),
      beepRequest('debit', '307001'),
      mtnRequest('debit', '+2290196000001'),
      gsmaRequest('debit', '+233240000001'),
    ];
    const decisions = await Promise.all(requests.map((request) => precheck.check(request)));
    assert.equal(
      decisions.map((decision) => `${decision.provider} ${decision.status}`),
      ['bmo proceed', 'beep proceed', 'mtn-momo proceed', 'gsma proceed'],
    );
    assert.ok(sandbox.tokensIssued.length >= 2, 'MTN and GSMA issued their tokens over mutual TLS');
  } finally {
    await precheck.close();
    await sandbox.close();
  }
});

tls('a client certificate from a CA the provider does not trust → retry provider-unavailable, nothing reaches it', async (context) => {
  // Node's TLS server closes such a connection without an alert, so only the closing is seen here (servers that send
  // the alert, e.g. unknown_ca, get a message saying our certificate was refused).
  const { pki } = context;
  const { decision, requests } = await checkOver(mutual(context), (sandbox) => ({
    providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.certFile, cert: pki.stranger.certFile, key: pki.stranger.keyFile } } } },
  }));
  assert.equal([decision.status, 'reason' in decision && decision.reason], ['retry', 'provider-unavailable']);
  assert.is(requests, 0);
});

tls('a private CA: trusted through tls.ca; without it the provider is refused, the message saying how to trust it', async (context) => {
  const { pki } = context;
  const serve = { key: pki.server.key, cert: pki.server.cert };
  const trusted = await checkOver(serve, (sandbox) => ({ providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.certFile } } } } }));
  assert.equal(summary(trusted.decision), { status: 'proceed', reason: undefined, code: 200 });
  const untrusted = await checkOver(serve, (sandbox) => ({ providers: { bmo: sandbox.providers.bmo } }));
  assert.equal(summary(untrusted.decision), { status: 'retry', reason: 'provider-unavailable', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  assert.match(untrusted.decision.status === 'retry' ? untrusted.decision.message : '', /not from a CA we trust: for a private CA, set tls\.ca/);
  assert.is(untrusted.requests, 0);
});

tls('each refusal a handshake gives is explained: a self-signed provider, an untrusted root in its chain, an expired certificate, TLS 1.2 mutual TLS without a certificate', async (context) => {
  const { pki } = context;
  const otherCa = readFileSync(join(pki.dir, 'other-ca.pem'), 'utf8');
  const cases: [string, SandboxTls, string, RegExp][] = [
    ['self-signed', { key: pki.selfSigned.key, cert: pki.selfSigned.cert }, 'DEPTH_ZERO_SELF_SIGNED_CERT', /not from a CA we trust: for a private CA, set tls\.ca/],
    ['chain up to a root we do not trust', { key: pki.strangerServer.key, cert: pki.strangerServer.cert + otherCa }, 'SELF_SIGNED_CERT_IN_CHAIN', /not from a CA we trust/],
    ['expired', { key: pki.expiredServer.key, cert: pki.expiredServer.cert }, 'CERT_HAS_EXPIRED', /provider's certificate has expired/],
    [
      'TLS 1.2, client certificate required, none sent',
      { ...mutual(context), maxVersion: 'TLSv1.2' },
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      /may require a client certificate \(tls\.cert, tls\.key\)/,
    ],
  ];
  for (const [name, serve, code, explained] of cases) {
    const { decision, requests } = await checkOver(serve, (sandbox) => ({ providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.certFile } } } } }));
    assert.equal(summary(decision), { status: 'retry', reason: 'provider-unavailable', code }, name);
    assert.match(decision.status === 'retry' ? decision.message : '', explained, name);
    assert.is(requests, 0, name);
  }
});

tls('NODE_TLS_REJECT_UNAUTHORIZED=0 does not weaken it: the untrusted provider is still refused (Node’s own fetch accepts it)', async (context) => {
  const { pki } = context;
  const sandbox = await startSandbox({ tls: { key: pki.server.key, cert: pki.server.cert } });
  const precheck = createPrecheck({ providers: { bmo: sandbox.providers.bmo }, breaker: false });
  const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  try {
    // The variable is in force: Node's fetch, which leaves the option to it, reaches the untrusted server.
    const plain = await fetch(`${sandbox.bmoUrl}/external/customer/%2B2290197000001`);
    assert.is(plain.status, 401);
    await plain.arrayBuffer();
    const decision = await precheck.check(bmoRequest('debit', '+2290197000001'));
    assert.equal(summary(decision), { status: 'retry', reason: 'provider-unavailable', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    assert.is(sandbox.log.count('bmo'), 1, 'only the plain fetch reached the provider');
  } finally {
    if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    await precheck.close();
    await sandbox.close();
  }
});

tls('tls.servername: a provider reached by IP address whose certificate names it', async (context) => {
  const { pki } = context;
  const serve = { key: pki.namedServer.key, cert: pki.namedServer.cert };
  const unnamed = await checkOver(serve, (sandbox) => ({ providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.cert } } } } }));
  assert.equal(summary(unnamed.decision), { status: 'retry', reason: 'provider-unavailable', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  assert.match(unnamed.decision.status === 'retry' ? unnamed.decision.message : '', /tls\.servername/);
  const named = await checkOver(serve, (sandbox) => ({
    providers: { bmo: { ...sandbox.providers.bmo, http: { tls: { ca: pki.ca.cert, servername: 'api.provider.test' } } } },
  }));
  assert.equal(summary(named.decision), { status: 'proceed', reason: undefined, code: 200 });
});

tls.run();
