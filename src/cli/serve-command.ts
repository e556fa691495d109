import { PrecheckConfigError } from '../options/read-options.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import type { CheckStore } from '../store/check-store.js';
import { anyProvider, PROVIDER_ENV_HELP, providersFromEnv } from './provider-env.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_HELP, engineOptionsFrom } from './engine-options.js';
import { parseFlags } from './parse-flags.js';
import { readInteger } from './read-integer.js';

export const SERVE_HELP = `Usage: precheck serve [--port 8787] [--host 127.0.0.1] [--redis URL] [--redis-prefix P] [--sandbox]
                     [--insecure-local] [--grace-ms 10000] [engine options]

The engine as an HTTP service (OpenAPI document at /openapi.json) over B-MO, BEEP, MTN MoMo and GSMA. Prints one JSON
line with its URL once listening (with --sandbox, each sandbox provider's URL too), then one JSON line per request.
SIGTERM / SIGINT: drains (new requests 503), lets checks in flight finish, exits 0.

Options:
  --port N          default 8787 (0: a free port)
  --host H          default 127.0.0.1
  --redis URL       keep paused checks and idempotency records in Redis, shared by every instance
                    (PRECHECK_REDIS_URL); without it they live in this process and a restart loses them
  --redis-prefix P  key prefix in Redis (PRECHECK_REDIS_PREFIX), default precheck:
  --sandbox         answer from the embedded fake B-MO, BEEP, MTN MoMo and GSMA instead of the PRECHECK_* providers
  --insecure-local  start without PRECHECK_SERVE_TOKENS, on a loopback host only (every caller is the same)
  --grace-ms N      how long checks in flight may finish after SIGTERM, default 10000
${ENGINE_FLAGS_HELP}
Environment:
  PRECHECK_SERVE_TOKENS   comma-separated bearer tokens, one per caller (required unless --insecure-local)
${PROVIDER_ENV_HELP}
Exit code: 0 after a graceful stop, 2 usage or configuration error (the message and a pointer to --help),
1 a failure at run time (the port in use, say: the message alone).`;

/** `precheck/redis`, loaded only with --redis (an engine without Redis never loads the client). */
async function loadRedisStore(url: string, prefix: string | undefined): Promise<CheckStore> {
  const specifier = '../redis/index.js';
  const { redisStore } = (await import(specifier)) as { redisStore(options: { url: string; prefix?: string }): CheckStore };
  return redisStore({ url, ...(prefix && { prefix }) });
}

/** What `createServer` refuses (no token, --insecure-local off loopback, engine options) is configuration: exit 2. */
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
      ...ENGINE_FLAGS,
    },
  });
  const port = readInteger('--port', values.port, 0, 65_535)!;
  const graceMs = readInteger('--grace-ms', values['grace-ms'], 0, 2_147_483_647)!;
  const engineOptions = engineOptionsFrom(values, process.env);
  const { createServer, parseTokens } = await import('../server/index.js');
  const tokens = parseTokens(process.env.PRECHECK_SERVE_TOKENS);

  let sandbox: Sandbox | undefined;
  if (values.sandbox) sandbox = await (await import('../sandbox/start-sandbox.js')).startSandbox();
  const providers = sandbox ? sandbox.providers : providersFromEnv(process.env);
  if (!anyProvider(providers)) throw new PrecheckConfigError('No provider configured: set the PRECHECK_* variables (see --help) or pass --sandbox.');
  const redisUrl = values.redis ?? process.env.PRECHECK_REDIS_URL;
  const store = redisUrl ? await loadRedisStore(redisUrl, values['redis-prefix'] ?? process.env.PRECHECK_REDIS_PREFIX) : undefined;

  try {
    const server = configured(createServer, {
      engine: { ...engineOptions, providers, ...(store && { store }) },
      tokens,
      insecureLocal: values['insecure-local'],
      log: out,
      version: process.env.npm_package_version,
    });
    const { url } = await server.listen(port, values.host);
    out(
      JSON.stringify({
        msg: 'listening',
        url,
        store: store ? 'redis' : 'memory',
        ...(sandbox && { sandbox: { bmo: sandbox.bmoUrl, beep: sandbox.beepUrl, 'mtn-momo': sandbox.mtnUrl, gsma: sandbox.gsmaUrl } }),
      }),
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    out(JSON.stringify({ msg: 'draining', signal, inFlight: server.inFlight, graceMs }));
    await server.close(graceMs);
    out(JSON.stringify({ msg: 'stopped' }));
    return 0;
  } finally {
    await store?.close();
    await sandbox?.close();
  }
}
