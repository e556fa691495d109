import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { connectProxy } from './support/connect-proxy.js';
import { cli } from './support/run-cli.js';
import { providerEnv, startServeProcess } from './support/serve-process.js';
import { createTestPki, type TestPki } from './support/test-pki.js';

/** `--proxy`, `--ca`, `--cert`, `--key` and their `PRECHECK_` variables reach the engine of `check` and `serve`. */
const flags = suite<{ pki: TestPki; sandbox: Sandbox }>('transport: CLI flags and variables');

flags.before(async (context) => {
  context.pki = createTestPki();
  const { pki } = context;
  context.sandbox = await startSandbox({ tls: { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requireClientCertificate: true } });
});
flags.after(async ({ pki, sandbox }) => {
  await sandbox.close();
  pki.remove();
});

const CHECK = ['check', '--json', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001'];

flags('check: --proxy, --ca, --cert, --key (and the same from PRECHECK_PROXY, PRECHECK_TLS_*) → proceed through the proxy', async ({ pki, sandbox }) => {
  const proxy = await connectProxy();
  const env = providerEnv(sandbox.providers);
  try {
    const byFlags = await cli(env, ...CHECK, '--proxy', proxy.url, '--ca', pki.ca.certFile, '--cert', pki.client.certFile, '--key', pki.client.keyFile);
    assert.equal([byFlags.code, JSON.parse(byFlags.stdout).status], [0, 'proceed'], byFlags.stderr);
    const byVariables = await cli(
      { ...env, PRECHECK_PROXY: proxy.url, PRECHECK_TLS_CA: pki.ca.certFile, PRECHECK_TLS_CERT: pki.client.certFile, PRECHECK_TLS_KEY: pki.client.keyFile },
      ...CHECK,
    );
    assert.equal([byVariables.code, JSON.parse(byVariables.stdout).status], [0, 'proceed'], byVariables.stderr);
    assert.is(proxy.tunnels.length, 2);
    const withoutCertificate = await cli(env, ...CHECK, '--ca', pki.ca.certFile);
    const decision = JSON.parse(withoutCertificate.stdout);
    assert.equal([withoutCertificate.code, decision.status, decision.reason], [5, 'retry', 'provider-unavailable']);
    assert.match(decision.message, /requires a client certificate/);
  } finally {
    await proxy.close();
  }
});

flags('check: an unreadable --ca is a configuration error (exit 2)', async ({ pki, sandbox }) => {
  const { code, stdout } = await cli(providerEnv(sandbox.providers), ...CHECK, '--ca', join(pki.dir, 'missing.pem'));
  assert.is(code, 2);
  assert.equal(JSON.parse(stdout), { status: 'error', error: 'configuration', message: 'http.tls.ca: the file cannot be read (ENOENT)' });
});

flags('serve: --proxy with PRECHECK_TLS_* → its checks proceed through the proxy, over mutual TLS', async ({ pki, sandbox }) => {
  const proxy = await connectProxy();
  const serve = await startServeProcess(['--insecure-local', '--proxy', proxy.url], {
    ...providerEnv(sandbox.providers),
    PRECHECK_TLS_CA: pki.ca.certFile,
    PRECHECK_TLS_CERT: pki.client.certFile,
    PRECHECK_TLS_KEY: pki.client.keyFile,
  });
  try {
    const response = await fetch(`${serve.url}/v1/checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }),
    });
    const decision = (await response.json()) as { status: string };
    assert.is(decision.status, 'proceed');
    assert.is(proxy.tunnels.length, 1);
  } finally {
    await serve.stop();
    await proxy.close();
  }
});

flags('--help of check and serve lists the transport flags and their variables', async () => {
  for (const command of ['check', 'serve']) {
    const { stdout } = await cli({}, command, '--help');
    for (const word of ['--proxy URL', '--ca FILE', '--cert FILE', '--key FILE', 'PRECHECK_PROXY', 'PRECHECK_TLS_CA', 'PRECHECK_TLS_CERT', 'PRECHECK_TLS_KEY']) {
      assert.ok(stdout.includes(word), `${command} --help: ${word}`);
    }
  }
});

flags.run();
