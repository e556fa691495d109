import { rejects } from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from './support/own-redis.js';
import { keysUnder, redisOrSkip, REDIS_URL, removeKeys, testPrefix } from './support/redis.js';
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

/** `precheck serve` that is expected to refuse to start: exit code, stderr and how long it took (killed after 20 s). */
async function serveRefused(args: string[], env: Record<string, string>) {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PRECHECK_SERVE_TOKENS: '', PRECHECK_REDIS_URL: '', ...env },
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code: code as number | null, output, ms: Date.now() - started };
}

const until = async (what: string, condition: () => boolean, ms: number) => {
  const giveUp = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('serve refuses at start-up a token shorter than 16 characters or not visible ASCII, naming the variable, never the token', async () => {
  for (const [tokens, expected] of [
    ['abc123', /PRECHECK_SERVE_TOKENS: token 1 of 1 is shorter than 16 characters/],
    ['a-long-enough-token-2c4e,x9', /PRECHECK_SERVE_TOKENS: token 2 of 2 is shorter than 16 characters/],
    ['tökentökentökentöken', /PRECHECK_SERVE_TOKENS: token 1 of 1 has characters other than visible ASCII/],
  ] as const) {
    const refused = await serveRefused(['--sandbox'], { PRECHECK_SERVE_TOKENS: tokens });
    assert.is(refused.code, 2, refused.output);
    assert.match(refused.output, expected);
    for (const token of tokens.split(',')) assert.not.ok(refused.output.includes(token), `the message quotes ${token}`);
  }
});

test('serve exits 2 at once on an unusable Redis URL, naming --redis or PRECHECK_REDIS_URL (with --sandbox too), never quoting it', async () => {
  const flag = await serveRefused(['--sandbox', '--insecure-local', '--redis', 'localhost:6379'], {});
  assert.is(flag.code, 2, flag.output);
  assert.match(flag.output, /--redis must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379/);
  const variable = await serveRefused(['--sandbox', '--insecure-local'], { PRECHECK_REDIS_URL: 'user:s3cret-pass@redis.internal:6379' });
  assert.is(variable.code, 2, variable.output);
  assert.match(variable.output, /PRECHECK_REDIS_URL must be a Redis URL/);
  assert.not.ok(variable.output.includes('s3cret-pass'), 'the message quotes the URL and its password');
  for (const refused of [flag, variable]) assert.ok(refused.ms < 10_000, `exited after ${refused.ms} ms`);
});

test('--grace-ms is the bound: a provider request still in flight at its end is aborted, its check answers retry, exit 0 within grace + 1 s', async () => {
  const serve = await startServeProcess(['--sandbox', '--insecure-local', '--grace-ms', '2000']);
  const answer = fetch(`${serve.url}/v1/checks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'bmo', intent: 'debit', phone: '+2290197000900' }), // never answers (timeout 10 s)
  }).then(
    async (response) => ({ status: response.status, body: await response.json() }),
    (error: Error) => ({ status: 0, body: { error: error.message } }),
  );
  // In flight: sent to the sandbox, which never answers it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const signalled = Date.now();
  serve.child.kill('SIGTERM');
  assert.is(await serve.exited, 0);
  const stoppedAfter = Date.now() - signalled;
  assert.ok(stoppedAfter < 3_000, `exited ${stoppedAfter} ms after SIGTERM with --grace-ms 2000`);
  const { status, body } = await answer;
  assert.equal([status, body.status, body.reason], [200, 'retry', 'provider-unavailable']);
});

test('serve --redis with nothing there logs the Redis error (JSON, rate-limited), then its recovery once Redis answers', async () => {
  const port = await freePort();
  const serve = await startServeProcess(['--sandbox', '--insecure-local', '--redis', `redis://127.0.0.1:${port}`]);
  const lines = (msg: string) => serve.stdout.filter((line) => line.includes(`"msg":"${msg}"`)).map((line) => JSON.parse(line));
  let redis: ReturnType<typeof spawn> | undefined;
  try {
    await until('a store-error line', () => lines('store-error').length > 0, 5_000);
    assert.equal([lines('store-error')[0].store, lines('store-error')[0].error], ['redis', `connect ECONNREFUSED 127.0.0.1:${port}`]);
    // The client tries again every half second or so: still one line.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.is(lines('store-error').length, 1, serve.stdout.join('\n'));
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until('a store-recovered line', () => lines('store-recovered').length > 0, 5_000);
    assert.ok(lines('store-recovered')[0].downMs >= 2_000);
    const paused = await fetch(`${serve.url}/v1/checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone: '+2290197000404' }),
    });
    assert.type((await paused.json()).checkId, 'string');
  } finally {
    await serve.stop();
    redis?.kill('SIGKILL');
  }
});

test('the idempotency lease outlasts the check: a key in progress is kept for deadlineMs and more (Redis)', async () => {
  const admin = await redisOrSkip('serve idempotency lease');
  if (!admin) return;
  const prefix = testPrefix('serve-lease');
  const serve = await startServeProcess(['--sandbox', '--insecure-local', '--redis', REDIS_URL, '--redis-prefix', prefix, '--deadline-ms', '60000', '--timeout-ms', '60000', '--grace-ms', '0']);
  try {
    const request = () =>
      fetch(`${serve.url}/v1/checks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'lease-1' },
        body: JSON.stringify({ provider: 'bmo', intent: 'debit', phone: '+2290197000900' }), // never answers
      });
    const first = request().catch(() => undefined);
    let key: string | undefined;
    for (let tries = 0; key === undefined && tries < 50; tries++) {
      key = (await keysUnder(admin, prefix)).find((name) => name.includes('value:idempotency:'));
      if (!key) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(key, 'the key is stored');
    const ttl = Number(await admin.sendCommand(['PTTL', key]));
    assert.ok(ttl > 60_000, `the key in progress expires in ${ttl} ms, before the check's 60 s deadline`);
    assert.is((await request()).status, 409);
    await serve.stop();
    await first;
  } finally {
    await serve.stop();
    await removeKeys(admin, prefix);
    admin.destroy();
  }
});

test.run();
