import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createBeepHandler } from '../providers/beep/beep-sandbox.js';
import { createBmoHandler } from '../providers/bmo/bmo-sandbox.js';
import { SANDBOX_CREDENTIALS } from './fixtures.js';
import { createGsmaHandler, GSMA_SANDBOX_PATHS } from '../providers/gsma/gsma-sandbox.js';
import { createMtnMomoHandler } from '../providers/mtn-momo/mtn-momo-sandbox.js';
import { SandboxLog } from './sandbox-log.js';
import { SandboxTokens } from './sandbox-tokens.js';
import type { BeepSettings } from '../providers/beep/beep-settings.js';
import type { BmoSettings } from '../providers/bmo/bmo-settings.js';
import type { GsmaSettings } from '../providers/gsma/gsma-settings.js';
import type { MtnMomoSettings } from '../providers/mtn-momo/mtn-momo-settings.js';
import type { MojaloopSettings } from '../providers/mojaloop/mojaloop-settings.js';
import { createMojaloopHandler, MOJALOOP_SANDBOX_PATHS, mojaloopSandboxKeys } from '../providers/mojaloop/mojaloop-sandbox.js';
import { SANDBOX_CALLBACK_TIMEOUT_MS, SANDBOX_FSPS } from '../providers/mojaloop/mojaloop-fixtures.js';

export interface SandboxOptions {
  /** Ports to listen on (loopback). 0, the default, picks free ones. */
  bmoPort?: number;
  beepPort?: number;
  mtnPort?: number;
  gsmaPort?: number;
  mojaloopPort?: number;
  /**
   * Where the Mojaloop switch fake sends its callbacks (`PUT /parties/…` is appended), e.g. `<serve URL>/fspiop`.
   * Left out: to the engines `attach`ed to the sandbox.
   */
  mojaloopCallbackUrl?: string;
  host?: string;
  /**
   * Serve over HTTPS with this key and certificate (PEM). `ca` and `requireClientCertificate`: mutual TLS, a client
   * without a certificate from `ca` is refused during the handshake.
   */
  tls?: SandboxTls;
}

export interface SandboxTls {
  key: string;
  cert: string;
  ca?: string;
  requireClientCertificate?: boolean;
  /** The newest TLS version served: `TLSv1.2` makes refusals arrive as handshake alerts, as many gateways send them. */
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** The sockets the fakes hold: open now, the most open at once, and how many were opened in all. */
export interface SandboxSockets {
  open: number;
  peak: number;
  opened: number;
}

export interface Sandbox {
  bmoUrl: string;
  beepUrl: string;
  /** The MTN MoMo fake's root (it also answers under `/momo`). */
  mtnUrl: string;
  /** The GSMA fake's root: the API is under `/simulator/v1.2/passthrough/mm` (Basic) and `/2/oauth/simulator/v1.2/mm` (OAuth). */
  gsmaUrl: string;
  /** The Mojaloop fake's root: the SDK scheme adapter under `/sdk`, the FSPIOP switch under `/switch`. */
  mojaloopUrl: string;
  credentials: typeof SANDBOX_CREDENTIALS;
  /** `providers` for `createPrecheck`, pointing at this sandbox (GSMA with OAuth 2.0 tokens, Mojaloop through the SDK adapter). */
  providers: { bmo: BmoSettings; beep: BeepSettings; 'mtn-momo': MtnMomoSettings; gsma: GsmaSettings; mojaloop: MojaloopSettings };
  /**
   * Mojaloop FSPIOP against the switch fake: API 2.0, signatures verified with the fake scheme's keys (made at start),
   * callbacks within 2.5 s. Its callbacks reach an engine `attach`ed to the sandbox (or `mojaloopCallbackUrl`).
   */
  mojaloopFspiop: MojaloopSettings;
  /**
   * Sends the switch fake's callbacks to `engine.mojaloopCallback` (when no `mojaloopCallbackUrl` is set): each
   * attached engine is offered a callback until one takes it (`200`). Answers the detach function.
   */
  attach(engine: { mojaloopCallback(request: Request): Promise<Response> }): () => void;
  /** Every callback the switch fake sent (path and the status it got; no body), in order. */
  mojaloopCallbacks: readonly { path: string; status: number | undefined }[];
  /** GSMA with Basic authentication on every request (the simulator's development level), on its own path. */
  gsmaBasic: GsmaSettings;
  /** Every access token the MTN and GSMA fakes issued, in order (never logged: for tests to look for). */
  tokensIssued: readonly string[];
  /** A loopback URL where nothing listens: connections are refused. */
  refusedUrl: string;
  /** Every request that reached the fakes (method and path only). */
  log: SandboxLog;
  /** The sockets clients hold to the fakes, counted from the servers' side (for connection-pool tests). */
  sockets(): SandboxSockets;
  close(): Promise<void>;
}

/** Not a provider route: how many requests each fake has seen, for a sandbox running in another process. */
export const SANDBOX_STATS_PATH = '/_sandbox/requests';

function listen(handler: RequestListener, port: number, host: string, log?: SandboxLog, tls?: SandboxTls): Promise<Server> {
  const listener: RequestListener = (req, res) => {
    if (log && req.method === 'GET' && req.url === SANDBOX_STATS_PATH) {
      const counts = { bmo: log.count('bmo'), beep: log.count('beep'), 'mtn-momo': log.count('mtn-momo'), gsma: log.count('gsma'), mojaloop: log.count('mojaloop') };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server: Server = tls
    ? createTlsServer(
        { key: tls.key, cert: tls.cert, ...(tls.ca && { ca: tls.ca }), requestCert: tls.requireClientCertificate === true, rejectUnauthorized: true, ...(tls.maxVersion && { maxVersion: tls.maxVersion }) },
        listener,
      )
    : createServer(listener);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const urlOf = (server: Server, host: string, scheme = 'http') => `${scheme}://${host}:${(server.address() as AddressInfo).port}`;

/** Starts fake B-MO, BEEP, MTN MoMo and GSMA servers on loopback that answer as the providers' documents describe. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const log = new SandboxLog();
  const tokens = new SandboxTokens();
  const servers: Server[] = [];
  const sockets: SandboxSockets = { open: 0, peak: 0, opened: 0 };
  const count = (socket: Socket) => {
    sockets.opened += 1;
    sockets.open += 1;
    sockets.peak = Math.max(sockets.peak, sockets.open);
    socket.once('close', () => (sockets.open -= 1));
  };
  const start = async (handler: RequestListener, port: number | undefined) => {
    try {
      const server = await listen(handler, port ?? 0, host, log, options.tls);
      server.on('connection', count);
      servers.push(server);
      return urlOf(server, host, options.tls ? 'https' : 'http');
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      throw error;
    }
  };
  const bmoUrl = await start(createBmoHandler(log), options.bmoPort);
  const beepUrl = await start(createBeepHandler(log), options.beepPort);
  const mtnUrl = await start(createMtnMomoHandler(log, tokens), options.mtnPort);
  const gsmaUrl = await start(createGsmaHandler(log, tokens), options.gsmaPort);
  const mojaloopKeys = mojaloopSandboxKeys();
  const attached = new Set<{ mojaloopCallback(request: Request): Promise<Response> }>();
  const callbacksSent: { path: string; status: number | undefined }[] = [];
  const sendCallback = async (path: string, headers: Record<string, string>, body: string): Promise<number | undefined> => {
    let status: number | undefined;
    if (options.mojaloopCallbackUrl !== undefined) {
      status = await fetch(`${options.mojaloopCallbackUrl.replace(/\/$/, '')}${path}`, { method: 'PUT', headers, body, signal: AbortSignal.timeout(5000) })
        .then(async (response) => (await response.arrayBuffer(), response.status))
        .catch(() => undefined);
    } else {
      for (const engine of attached) {
        status = (await engine.mojaloopCallback(new Request(`http://sandbox.invalid/fspiop${path}`, { method: 'PUT', headers, body }))).status;
        if (status === 200) break;
      }
    }
    if (callbacksSent.length < 10_000) callbacksSent.push({ path, status });
    return status;
  };
  const mojaloopHandler = createMojaloopHandler(log, mojaloopKeys, sendCallback);
  const mojaloopUrl = await start(mojaloopHandler, options.mojaloopPort);
  const { gsma } = SANDBOX_CREDENTIALS;
  return {
    refusedUrl: await refusedUrl(host),
    bmoUrl,
    beepUrl,
    mtnUrl,
    gsmaUrl,
    mojaloopUrl,
    credentials: SANDBOX_CREDENTIALS,
    providers: {
      bmo: { baseUrl: bmoUrl, ...SANDBOX_CREDENTIALS.bmo },
      beep: { baseUrl: beepUrl, ...SANDBOX_CREDENTIALS.beep },
      'mtn-momo': { baseUrl: mtnUrl, ...SANDBOX_CREDENTIALS['mtn-momo'], subscriptionKeys: { ...SANDBOX_CREDENTIALS['mtn-momo'].subscriptionKeys } },
      gsma: {
        baseUrl: `${gsmaUrl}${GSMA_SANDBOX_PATHS.oauth2}`,
        auth: { type: 'oauth2', tokenUrl: `${gsmaUrl}${GSMA_SANDBOX_PATHS.token}`, ...gsma.oauth2 },
        apiKey: gsma.apiKey,
      },
      mojaloop: { mode: 'sdk', baseUrl: `${mojaloopUrl}${MOJALOOP_SANDBOX_PATHS.sdk}` },
    },
    mojaloopFspiop: {
      mode: 'fspiop',
      baseUrl: `${mojaloopUrl}${MOJALOOP_SANDBOX_PATHS.switch}`,
      fspId: SANDBOX_FSPS.payer,
      apiVersion: '2.0',
      callbackTimeoutMs: SANDBOX_CALLBACK_TIMEOUT_MS,
      jws: { verify: true, keys: { ...mojaloopKeys.publicPems } },
    },
    attach(engine) {
      attached.add(engine);
      return () => void attached.delete(engine);
    },
    mojaloopCallbacks: callbacksSent,
    gsmaBasic: { baseUrl: `${gsmaUrl}${GSMA_SANDBOX_PATHS.basic}`, auth: { ...gsma.basic }, apiKey: gsma.apiKey },
    tokensIssued: tokens.issued,
    log,
    sockets: () => ({ ...sockets }),
    close: async () => {
      mojaloopHandler.stop();
      attached.clear();
      await Promise.all(servers.map(closeServer));
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A port that was free a moment ago and is closed now. */
async function refusedUrl(host: string): Promise<string> {
  const probe = await listen(() => undefined, 0, host);
  const url = urlOf(probe, host);
  await closeServer(probe);
  return url;
}
