import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrecheck } from '../engine/create-precheck.js';
import { memoryStore } from '../persistence/store/memory-store.js';
import type { CheckStore } from '../persistence/store/check-store.js';
import { PROVIDER_POOLS } from '../engine/di-tokens.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import { parseOptions } from '../engine/options/parse-options.js';
import { createApp, createCallbackApp } from './app.js';
import { FSPIOP_PREFIX } from './routes/fspiop-callbacks.js';
import { assertUsableTokens, bearerAuth } from './bearer-tokens.js';
import { checkOwners } from './check-owners.js';
import { idempotencyRecords, requestLeaseMs } from './idempotency.js';
import { serviceMetrics } from './metrics.js';
import { requestLogger } from './request-logger.js';
import { DEFAULT_MAX_RECORDS_PER_CALLER, recordQuota } from './record-quota.js';
import { closeServer, drainTracker } from './shutdown.js';

export interface ServerOptions {
  /** The engine's options. `store` defaults to `memoryStore()` (one process: a restart loses paused checks). */
  engine: PrecheckOptions;
  /**
   * Bearer tokens callers must present, each at least 16 visible ASCII characters. None: every caller is the same
   * local one (`insecureLocal` only).
   */
  tokens?: readonly string[];
  /**
   * Allows starting without tokens, only on a loopback host: for a developer's machine. Without tokens and without
   * this, `createServer` throws.
   */
  insecureLocal?: boolean;
  /** Where the request log lines go (one JSON line each). Default: stdout. */
  log?: (line: string) => void;
  /** Reported in the OpenAPI document's `info.version`. */
  version?: string;
  /**
   * Most records each caller keeps in the store: its checks that paused (kept for their wait plus the engine's
   * retention) and its idempotency keys (24 h). Past it the caller's new ones are refused with 429 and `Retry-After`;
   * nothing of another caller's is ever evicted for them. Counted in the store when it can (`redisStore()`: for the
   * whole fleet), else in this process. Default 10,000.
   */
  maxRecordsPerCaller?: number;
  /**
   * Receive the Mojaloop switch's callbacks (`/fspiop/parties/…`) on a listener of their own, at this host and port
   * (0: a free one), started by `listen()`, so that only the switch's network reaches them; they are then not on the
   * main listener. Without it they are on the main listener, under `/fspiop`, without bearer tokens.
   */
  callbackListen?: { host: string; port: number };
}

export interface PrecheckServer {
  /**
   * Starts listening (and the callback listener, with `callbackListen`); resolves with the URL and `callbackUrl`, the
   * Mojaloop switch's callback base URL (`…/fspiop`, on the main listener or the callback listener). Port 0 picks a
   * free port.
   */
  listen(port: number, host: string): Promise<{ url: string; port: number; callbackUrl: string }>;
  /**
   * Graceful stop: /readyz and every new request answer 503 (`Retry-After`, `Connection: close`), the requests in
   * flight finish (up to `graceMs`: then the provider requests still in flight are aborted and their checks answer
   * `retry`), then the listener closes, then the engine and the store it opened. Resolves within `graceMs` + 1 s.
   */
  close(graceMs?: number): Promise<void>;
  /** The Fetch-API handler, for tests or another server. */
  fetch(request: Request): Response | Promise<Response>;
  /** Number of requests being answered. */
  readonly inFlight: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
export const isLoopback = (host: string) => LOOPBACK.test(host);

/** Once the grace period is over and the provider requests in flight are aborted: how long their checks get to answer. */
const ABORTED_CHECKS_MS = 300;
/** However late, a response just produced gets this long to be written before its connection is cut. */
const LAST_WRITE_MS = 200;

/** The engine as an HTTP service. Throws at once for unusable options (engine options, or no token off loopback). */
export function createServer(options: ServerOptions): PrecheckServer {
  const tokens = options.tokens ?? [];
  if (tokens.length === 0 && !options.insecureLocal) {
    throw new Error('No caller token configured: set PRECHECK_SERVE_TOKENS (or --insecure-local on a loopback host).');
  }
  assertUsableTokens(tokens, 'createServer tokens');
  const maxRecordsPerCaller = options.maxRecordsPerCaller ?? DEFAULT_MAX_RECORDS_PER_CALLER;
  if (!Number.isSafeInteger(maxRecordsPerCaller) || maxRecordsPerCaller < 1) {
    throw new RangeError('createServer: maxRecordsPerCaller must be an integer ≥ 1');
  }
  const ownStore = options.engine.store === undefined;
  const store: CheckStore = options.engine.store ?? memoryStore();
  const engine = createPrecheck({ ...options.engine, store });
  // The engine's options as it reads them, every default filled in from the options schema (none restated here).
  const { storeTimeoutMs, deadlineMs, namesTimeoutMs, confirmationTimeoutMs, retentionMs } = parseOptions({ ...options.engine, store });
  const leaseMs = requestLeaseMs(deadlineMs, storeTimeoutMs);
  const quota = recordQuota(store, storeTimeoutMs, maxRecordsPerCaller);
  const waitMs = Math.max(namesTimeoutMs, confirmationTimeoutMs);
  const providers = new Set([
    ...Object.keys(options.engine.providers ?? {}),
    ...Object.keys(options.engine.customProviders ?? {}),
  ]);
  const drain = drainTracker();
  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const callbackListen = options.callbackListen;
  if (callbackListen && !(Number.isSafeInteger(callbackListen.port) && callbackListen.port >= 0 && callbackListen.port <= 65_535)) {
    throw new RangeError('createServer: callbackListen.port must be an integer from 0 to 65535');
  }
  const metrics = serviceMetrics(() => engine.circuits(), providers);
  const log = requestLogger(write);
  const app = createApp({
    engine,
    store,
    storeTimeoutMs,
    auth: bearerAuth(tokens),
    idempotency: idempotencyRecords(store, { storeTimeoutMs, leaseMs, quota }),
    owners: checkOwners(store, storeTimeoutMs, retentionMs + waitMs),
    quota,
    requestLeaseMs: leaseMs,
    metrics,
    log,
    drain,
    fspiopCallbacks: callbackListen === undefined,
    pauseWaitMs: waitMs,
    version: options.version ?? '0.0.0',
  });

  const callbackApp = callbackListen && createCallbackApp({ engine, log, metrics, drain });
  let server: Server | undefined;
  let callbackServer: Server | undefined;
  let closing: Promise<void> | undefined;

  return {
    fetch: (request) => app.fetch(request),
    get inFlight() {
      return drain.inFlight;
    },
    async listen(port, host) {
      if (tokens.length === 0 && !isLoopback(host)) {
        throw new Error(`--insecure-local serves without tokens on a loopback host only, not on ${host}.`);
      }
      server = nodeServer(app.fetch, host);
      const url = await listenOn(server, port, host);
      if (!callbackApp || !callbackListen) return { ...url, callbackUrl: `${url.url}${FSPIOP_PREFIX}` };
      callbackServer = nodeServer(callbackApp.fetch, callbackListen.host);
      try {
        const callbacks = await listenOn(callbackServer, callbackListen.port, callbackListen.host);
        return { ...url, callbackUrl: `${callbacks.url}${FSPIOP_PREFIX}` };
      } catch (error) {
        // Half a service is none: the main listener does not stay up without its callbacks.
        await closeServer(server, 0);
        throw error;
      }
    },
    close(graceMs = 10_000) {
      closing ??= (async () => {
        drain.start();
        const started = Date.now();
        if (!(await drain.settled(graceMs))) {
          // The grace period is the bound: provider requests still in flight end now, and their checks answer retry.
          engine.container.get(PROVIDER_POOLS).abort();
          await drain.settled(ABORTED_CHECKS_MS);
        }
        const lastWrite = Math.max(LAST_WRITE_MS, graceMs - (Date.now() - started));
        await Promise.all([server, callbackServer].map((each) => (each?.listening ? closeServer(each, lastWrite) : undefined)));
        await engine.close();
        if (ownStore) await store.close();
      })();
      return closing;
    },
  };
}

/** A Node HTTP server for a Fetch-API handler, with the service's timeouts. */
function nodeServer(fetch: (request: Request) => Response | Promise<Response>, host: string): Server {
  const server = createAdaptorServer({
    fetch,
    hostname: host,
    // Check for slow clients every second (Node's default is 30 s), so the timeouts below are kept.
    serverOptions: { connectionsCheckingInterval: 1000, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 },
  }) as Server;
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Listens; resolves with the URL it answers at. */
async function listenOn(server: Server, port: number, host: string): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${shown}:${address.port}`, port: address.port };
}
