import { rejects } from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { redisOrSkip, REDIS_URL, removeKeys, testPrefix } from './support/redis.js';
import { startSandboxProcess } from './support/sandbox-process.js';
import { providerEnv, startServeProcess } from './support/serve-process.js';

const run = promisify(execFile);

/** Exit code and output of `node --import tsx --import forbid-http-stack -e <code>`. */
async function nodeWithoutHttpStack(code: string) {
  try {
    await run(process.execPath, ['--import', 'tsx', '--import', './test/support/forbid-http-stack.ts', '--input-type=module', '-e', code]);
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

test("import 'precheck' never loads the HTTP stack; 'precheck/server' does", async () => {
  const engine = await nodeWithoutHttpStack(
    "const { createPrecheck, memoryStore } = await import('./src/index.ts'); createPrecheck({ providers: { bmo: { baseUrl: 'http://127.0.0.1:9', apiKey: 'key', apiSecret: 'secret' } }, store: memoryStore() }).close();",
  );
  assert.is(engine.code, 0, engine.stderr);
  const server = await nodeWithoutHttpStack("await import('./src/server/index.ts');");
  assert.is.not(server.code, 0, 'the guard itself works');
  assert.match(server.stderr, 'HTTP stack loaded');
});

test('serve refuses to start without tokens, and with --insecure-local off loopback', async () => {
  await rejects(() => startServeProcess(['--sandbox']), /No caller token configured/);
  await rejects(() => startServeProcess(['--sandbox', '--insecure-local', '--host', '0.0.0.0']), /loopback host only/);
});

test('SIGTERM during a load of 500 checks: every accepted request gets its decision, new ones 503, exit 0', async () => {
  const sandbox = await startSandboxProcess();
  const serve = await startServeProcess(['--grace-ms', '10000', '--timeout-ms', '3000'], { ...providerEnv(sandbox.providers), PRECHECK_SERVE_TOKENS: 'load-token-5b2c9e' });
  const headers = { authorization: 'Bearer load-token-5b2c9e', 'content-type': 'application/json' };
  const outcomes: { status: number | 'refused'; body?: any; retryAfter?: string | null }[] = [];
  let signalled = false;
  const send = async (i: number) => {
    // A tenth of the load waits for a provider that never answers (3 s, then retry timeout): in flight at SIGTERM.
    const phone = i % 10 === 0 ? '+2290197000900' : `+22901962${String(i).padStart(5, '0')}`;
    try {
      const response = await fetch(`${serve.url}/v1/checks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone, names: { firstName: 'Load', lastName: 'Test' } }),
      });
      outcomes.push({ status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') });
      if (outcomes.length === 50) firstAnswers();
    } catch (error) {
      assert.ok(signalled, 'a connection failed before the signal');
      outcomes.push({ status: 'refused' });
    }
  };
  let firstAnswers = () => {};
  const answered = new Promise<void>((resolve) => (firstAnswers = resolve));
  const load = Array.from({ length: 500 }, (_, i) => send(i));
  // The signal comes once the service is answering: the slow half of the load is then in flight.
  await answered;
  signalled = true;
  serve.child.kill('SIGTERM');
  while (!serve.stdout.some((line) => line.includes('"msg":"draining"'))) await new Promise((resolve) => setTimeout(resolve, 5));
  const late = Array.from({ length: 20 }, (_, i) => send(1000 + i));
  await Promise.all([...load, ...late]);
  assert.is(await serve.exited, 0, 'exit 0');
  await sandbox.close();

  const decided = outcomes.filter((outcome) => outcome.status === 200);
  const drained = outcomes.filter((outcome) => outcome.status === 503);
  assert.is(decided.length + drained.length + outcomes.filter((o) => o.status === 'refused').length, 520);
  assert.ok(decided.length > 0 && drained.length > 0, `${decided.length} decided, ${drained.length} refused with 503`);
  for (const { body } of decided) assert.ok(['proceed', 'retry'].includes(body.status), JSON.stringify(body));
  for (const { body, retryAfter } of drained) assert.equal([body.status, retryAfter !== null], [503, true]);
  // Accepted = logged by the service with a decision: each one reached its client.
  const logged = serve.stdout.filter((line) => line.includes('"route":"/v1/checks","status":200'));
  assert.is(logged.length, decided.length, 'every accepted request got its decision');
  assert.ok(serve.stdout.some((line) => line.includes('"msg":"stopped"')));
});

test('pause through POST /v1/checks, restart the service, resume through POST .../names (Redis)', async () => {
  const redis = await redisOrSkip('serve restart with Redis');
  if (!redis) return;
  const prefix = testPrefix('serve');
  const sandbox = await startSandboxProcess();
  const env = { ...providerEnv(sandbox.providers), PRECHECK_SERVE_TOKENS: 'restart-token-71ac4d' };
  const args = ['--redis', REDIS_URL, '--redis-prefix', prefix];
  const headers = { authorization: 'Bearer restart-token-71ac4d', 'content-type': 'application/json' };
  const first = await startServeProcess(args, env);
  const paused = await (
    await fetch(`${first.url}/v1/checks`, { method: 'POST', headers, body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone: '+2290196399999' }) })
  ).json();
  assert.is(paused.status, 'needs-names');
  assert.is(await first.stop(), 0);
  const second = await startServeProcess(args, env);
  const resumed = await fetch(`${second.url}/v1/checks/${paused.checkId}/names`, { method: 'POST', headers, body: JSON.stringify({ firstName: 'Afi', lastName: 'Agbo' }) });
  const decision = await resumed.json();
  assert.equal([resumed.status, decision.status, decision.createAccount, decision.transactionId], [200, 'proceed', true, paused.transactionId]);
  const other = await fetch(`${second.url}/v1/checks/${paused.checkId}`, { headers: { authorization: 'Bearer nobody' } });
  assert.is(other.status, 401);
  await second.stop();
  await sandbox.close();
  await removeKeys(redis, prefix);
  redis.destroy();
});

test('without --redis a restart loses paused checks: the id answers 404', async () => {
  const sandbox = await startSandboxProcess();
  const env = { ...providerEnv(sandbox.providers), PRECHECK_SERVE_TOKENS: 'memory-token-2f8e' };
  const headers = { authorization: 'Bearer memory-token-2f8e', 'content-type': 'application/json' };
  const first = await startServeProcess([], env);
  const paused = await (
    await fetch(`${first.url}/v1/checks`, { method: 'POST', headers, body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone: '+2290196388888' }) })
  ).json();
  assert.is(typeof paused.checkId, 'string');
  await first.stop();
  const second = await startServeProcess([], env);
  const resumed = await fetch(`${second.url}/v1/checks/${paused.checkId}/names`, { method: 'POST', headers, body: JSON.stringify({ firstName: 'A', lastName: 'B' }) });
  assert.is(resumed.status, 404);
  await second.stop();
  await sandbox.close();
});

test.run();
