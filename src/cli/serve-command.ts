import { MAX_COUNT } from '../core/option-values.js';
import { MAX_TIMER_DELAY_MS } from '../core/timer-delay.js';
import { PrecheckConfigError } from '../engine/options/read-options.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import type { StoreHealthLog } from '../server/store-log.js';
import { anyProvider, PROVIDER_ENV_HELP, providersFromEnv } from './provider-env.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_HELP, engineOptionsFrom } from './engine-options.js';
import { parseFlags } from './parse-flags.js';
import { readInteger } from './read-integer.js';
import { readListenAddress } from './read-listen-address.js';
import { UsageError } from './usage-error.js';
import { providersInWords } from './provider-words.js';

export const SERVE_HELP = `Usage: precheck serve [--port 8787] [--host 127.0.0.1] [--redis URL] [--redis-prefix P] [--sandbox]
                     [--insecure-local] [--grace-ms 10000] [--max-records-per-caller 10000]
                     [--callback-listen HOST:PORT] [engine options]

The engine as an HTTP service (OpenAPI document at /openapi.json) over ${providersInWords()}. Prints one JSON
line with its URL once listening (and callbackUrl, where a switch calls back, Mojaloop FSPIOP's callback base URL; with
--sandbox, each sandbox provider's URL too), then one JSON line per request. SIGTERM / SIGINT: drains (new requests
503), lets checks in flight finish, exits 0.

Options:
  --port N          default 8787 (0: a free port)
  --host H          default 127.0.0.1
  --redis URL       keep paused checks and idempotency records in Redis, shared by every instance
                    (PRECHECK_REDIS_URL): redis://host:6379, or rediss:// for TLS; without it they live in this
                    process and a restart loses them. Redis errors and recoveries are logged (JSON lines)
  --redis-prefix P  key prefix in Redis (PRECHECK_REDIS_PREFIX), default precheck:
  --sandbox         answer from the embedded fake ${providersInWords()} instead of the PRECHECK_* providers;
                    a fake that calls back (Mojaloop's FSPIOP switch) calls this service back at callbackUrl
  --insecure-local  start without PRECHECK_SERVE_TOKENS, on a loopback host only (every caller is the same)
  --grace-ms N      how long checks in flight may finish after SIGTERM, default 10000; then their provider
                    requests are aborted (they answer retry) and the process exits
  --max-records-per-caller N
                    most records a caller keeps (checks that paused, idempotency keys), default 10000
                    (PRECHECK_MAX_RECORDS_PER_CALLER); past it that caller's new ones answer 429
  --callback-listen HOST:PORT
                    receive the Mojaloop switch's FSPIOP callbacks (/fspiop/parties/...) on a listener of their
                    own (PRECHECK_CALLBACK_LISTEN), e.g. 10.0.0.5:8788, so that only the switch's network reaches
                    them; without it they are on the main listener under /fspiop. No bearer token applies to them
${ENGINE_FLAGS_HELP}
Environment:
  PRECHECK_SERVE_TOKENS   comma-separated bearer tokens, one per caller (required unless --insecure-local),
                          each at least 16 visible ASCII characters (openssl rand -hex 32)
${PROVIDER_ENV_HELP}
Exit code: 0 after a graceful stop, 2 usage or configuration error (the message and a pointer to --help),
1 a failure at run time (the port in use, say: the message alone).`;

/** `--redis` / `PRECHECK_REDIS_URL`, refused at once unless it is a redis:// or rediss:// URL (never quoted: a password). */
function redisUrlFrom(flag: string | undefined, env: NodeJS.ProcessEnv): URL | undefined {
  const given = flag ?? (env.PRECHECK_REDIS_URL || undefined);
  if (given === undefined) return undefined;
  const source = flag === undefined ? 'PRECHECK_REDIS_URL' : '--redis';
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    // Said below.
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new UsageError(`${source} must be a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS): the value given is not one.`);
  }
  return url;
}

/** The URL's password as written and decoded, to keep out of log lines. */
function passwordForms(url: URL): string[] {
  try {
    return [url.password, decodeURIComponent(url.password)];
  } catch {
    return [url.password];
  }
}

/**
 * `precheck/redis`, loaded only with --redis (an engine without Redis never loads the client). A Redis it cannot reach
 * is logged by `health` as JSON lines (`store-error`, rate-limited, and `store-recovered` on its return).
 */
async function openRedisStore(url: URL, prefix: string | undefined, health: StoreHealthLog) {
  const { redisStore } = await import('../redis/index.js');
  return redisStore({ url: url.href, ...(prefix && { prefix }), onError: health.error, onRecover: health.recovered });
}

/** What `createServer` and `parseTokens` refuse (no token, a weak one, --insecure-local off loopback, engine options) is configuration: exit 2. */
function configured<A, T>(build: (options: A) => T, options: A): T {
  try {
    return build(options);
  } catch (error) {
    throw error instanceof Error && !(error instanceof PrecheckConfigError) ? new PrecheckConfigError(error.message) : error;
  }
}

export async function serveCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      redis: { type: 'string' },
      'redis-prefix': { type: 'string' },
      sandbox: { type: 'boolean' },
      'insecure-local': { type: 'boolean' },
      'grace-ms': { type: 'string', default: '10000' },
      'max-records-per-caller': { type: 'string' },
      'callback-listen': { type: 'string' },
      ...ENGINE_FLAGS,
    },
  });
  const port = readInteger('--port', values.port, 0, 65_535)!;
  const graceMs = readInteger('--grace-ms', values['grace-ms'], 0, MAX_TIMER_DELAY_MS)!;
  const maxRecordsPerCaller = readInteger(
    '--max-records-per-caller (PRECHECK_MAX_RECORDS_PER_CALLER)',
    values['max-records-per-caller'] ?? (process.env.PRECHECK_MAX_RECORDS_PER_CALLER || undefined),
    1,
    MAX_COUNT,
  );
  const callbackListen = values['callback-listen'] === undefined
    ? readListenAddress('PRECHECK_CALLBACK_LISTEN', process.env.PRECHECK_CALLBACK_LISTEN || undefined)
    : readListenAddress('--callback-listen', values['callback-listen']);
  const engineOptions = engineOptionsFrom(values, process.env);
  const redisUrl = redisUrlFrom(values.redis, process.env);
  const { createServer, parseTokens } = await import('../server/index.js');
  const tokens = configured(parseTokens, process.env.PRECHECK_SERVE_TOKENS);
  const { storeHealthLog } = await import('../server/store-log.js');

  let sandbox: Sandbox | undefined;
  let store: Awaited<ReturnType<typeof openRedisStore>> | undefined;
  try {
    if (values.sandbox) sandbox = await (await import('../sandbox/start-sandbox.js')).startSandbox();
    // A fake that calls back (Mojaloop's FSPIOP switch) is served through its `servedAs` variant: the callbacks reach
    // this service (wired below, once it listens).
    const providers = sandbox
      ? (await import('../sandbox/wrong-credentials.js')).servedProviders(sandbox)
      : providersFromEnv(process.env);
    if (!anyProvider(providers)) throw new PrecheckConfigError('No provider configured: set the PRECHECK_* variables (see --help) or pass --sandbox.');
    if (redisUrl) {
      const health = storeHealthLog(out, 'redis', passwordForms(redisUrl));
      store = await openRedisStore(redisUrl, values['redis-prefix'] ?? process.env.PRECHECK_REDIS_PREFIX, health);
    }
    const server = configured(createServer, {
      engine: { ...engineOptions, providers, ...(store && { store }) },
      tokens,
      insecureLocal: values['insecure-local'],
      log: out,
      version: process.env.npm_package_version,
      ...(maxRecordsPerCaller !== undefined && { maxRecordsPerCaller }),
      ...(callbackListen && { callbackListen }),
    });
    const { url, callbackUrl } = await server.listen(port, values.host);
    sandbox?.sendCallbacksTo(callbackUrl);
    out(
      JSON.stringify({
        msg: 'listening',
        url,
        callbackUrl,
        store: store ? 'redis' : 'memory',
        ...(sandbox && { sandbox: sandbox.urls }),
      }),
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    out(JSON.stringify({ msg: 'draining', signal, inFlight: server.inFlight, graceMs }));
    await server.close(graceMs);
    out(JSON.stringify({ msg: 'stopped' }));
    // A check the grace period cut off may still hold a timer (a back-off before an attempt that will fail at once):
    // nobody is left to answer, so it must not hold the process either.
    setTimeout(() => process.exit(), 500).unref();
    return 0;
  } finally {
    await store?.close();
    await sandbox?.close();
  }
}
