import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { SandboxLog } from './sandbox-log.js';
import {
  loadSandboxSides,
  type LegacyPorts,
  type LegacyUrls,
  type LoadedSide,
  type SandboxCredentials,
  type SandboxExtras,
  type SandboxProviderName,
  type SandboxProviders,
} from './sandbox-sides.js';
import { SandboxTokens } from './sandbox-tokens.js';
import type { Precheck } from '../engine/create-precheck.js';
import type { SandboxCallbacks, SandboxContext } from './sandbox-side.js';

/**
 * `ports`: the port of each fake (loopback), by provider name; 0, the default, picks a free one. The four first fakes
 * also take their older names (`bmoPort`, `beepPort`, `mtnPort`, `gsmaPort`): one of the two, not both.
 */
export type SandboxOptions = {
  ports?: Partial<Record<SandboxProviderName, number>>;
  /**
   * Where a fake that calls back (Mojaloop's switch) sends its callbacks, by provider name (the callback's path is
   * appended), e.g. `{ mojaloop: '<serve URL>/fspiop' }`. Left out: to the engines `attach`ed to the sandbox.
   */
  callbackUrls?: Partial<Record<SandboxProviderName, string>>;
  host?: string;
  /**
   * Serve over HTTPS with this key and certificate (PEM). `ca` and `requireClientCertificate`: mutual TLS, a client
   * without a certificate from `ca` is refused during the handshake.
   */
  tls?: SandboxTls;
} & LegacyPorts;

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

/**
 * A running sandbox. `urls[name]` is each fake's root (also as `bmoUrl`, `beepUrl`, `mtnUrl`, `gsmaUrl` for the four
 * first: the MTN MoMo fake also answers under `/momo`; GSMA's API is under `/simulator/v1.2/passthrough/mm` (Basic)
 * and `/2/oauth/simulator/v1.2/mm` (OAuth)).
 */
export type Sandbox = SandboxBase & LegacyUrls & SandboxExtras;

export interface SandboxBase {
  /** Each fake's root, by provider name. */
  urls: Record<SandboxProviderName, string>;
  credentials: SandboxCredentials;
  /** `providers` for `createPrecheck`, pointing at this sandbox (GSMA with OAuth 2.0 tokens; `gsmaBasic` for Basic). */
  providers: SandboxProviders;
  /** Every access token the fakes issued, in order (never logged: for tests to look for). */
  tokensIssued: readonly string[];
  /** A loopback URL where nothing listens: connections are refused. */
  refusedUrl: string;
  /** Every request that reached the fakes (method and path only). */
  log: SandboxLog<SandboxProviderName>;
  /** The sockets clients hold to the fakes, counted from the servers' side (for connection-pool tests). */
  sockets(): SandboxSockets;
  /**
   * Sends the callbacks of the fakes that call back (without a `callbackUrls` entry) to this engine's receiver: each
   * attached engine is offered a callback until one takes it (`200`). Answers the detach function.
   */
  attach(engine: Partial<Precheck>): () => void;
  /**
   * From now on, every fake that calls back sends its callbacks over HTTP to `url` (the callback's path appended),
   * e.g. a service's `callbackUrl` once it listens (`precheck serve --sandbox`).
   */
  sendCallbacksTo(url: string): void;
  close(): Promise<void>;
}

/** Not a provider route: how many requests each fake has seen, for a sandbox running in another process. */
export const SANDBOX_STATS_PATH = '/_sandbox/requests';

function listen(handler: RequestListener, port: number, host: string, log?: SandboxLog<SandboxProviderName>, tls?: SandboxTls, names: readonly string[] = []): Promise<Server> {
  const listener: RequestListener = (req, res) => {
    if (log && req.method === 'GET' && req.url === SANDBOX_STATS_PATH) {
      const counts = Object.fromEntries(names.map((name) => [name, log.count(name as SandboxProviderName)]));
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

/** The port asked for a fake, by its name or its older one (not both), else 0: a free one. */
function portOf(options: SandboxOptions, { name, side }: LoadedSide): number {
  const byName = options.ports?.[name];
  const byLegacyName = side.legacyName === undefined ? undefined : (options as Record<string, unknown>)[`${side.legacyName}Port`];
  if (byName !== undefined && byLegacyName !== undefined) {
    throw new TypeError(`startSandbox: give the ${name} fake's port once, as ports['${name}'] or ${side.legacyName}Port, not both`);
  }
  return (byName ?? byLegacyName ?? 0) as number;
}

/** Starts every built-in provider's fake on loopback (each on its own port), answering as the providers' documents describe. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sides = await loadSandboxSides();
  // Every port first: a mistake is refused before any fake listens.
  const ports = new Map(sides.map((loaded) => [loaded, portOf(options, loaded)]));
  const host = options.host ?? '127.0.0.1';
  const log = new SandboxLog<SandboxProviderName>();
  const tokens = new SandboxTokens();
  const servers: Server[] = [];
  const sockets: SandboxSockets = { open: 0, peak: 0, opened: 0 };
  const count = (socket: Socket) => {
    sockets.opened += 1;
    sockets.open += 1;
    sockets.peak = Math.max(sockets.peak, sockets.open);
    socket.once('close', () => (sockets.open -= 1));
  };
  const attached = new Set<Partial<Precheck>>();
  const closing: (() => void)[] = [];
  const callbackUrls = new Map<string, string>(Object.entries(options.callbackUrls ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const contextOf = (loaded: LoadedSide): SandboxContext => ({
    log,
    tokens,
    callbacks: callbacksOf(loaded, () => callbackUrls.get(loaded.name), attached),
    onClose: (stop) => closing.push(stop),
  });
  const contexts = new Map(sides.map((loaded) => [loaded, contextOf(loaded)]));
  const start = async (loaded: LoadedSide) => {
    try {
      const server = await listen(loaded.side.handler(contexts.get(loaded)!), ports.get(loaded)!, host, log, options.tls, sides.map(({ name }) => name));
      server.on('connection', count);
      servers.push(server);
      return urlOf(server, host, options.tls ? 'https' : 'http');
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      throw error;
    }
  };
  const urls: Record<string, string> = {};
  const providers: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  const named: Record<string, unknown> = {};
  for (const loaded of sides) {
    const url = await start(loaded);
    urls[loaded.name] = url;
    providers[loaded.name] = loaded.side.settings(url);
    credentials[loaded.name] = loaded.side.credentials;
    if (loaded.side.legacyName !== undefined) named[`${loaded.side.legacyName}Url`] = url;
    Object.assign(named, loaded.side.extra?.(url, contexts.get(loaded)!));
  }
  const base: SandboxBase = {
    refusedUrl: await refusedUrl(host),
    urls: urls as SandboxBase['urls'],
    credentials: credentials as SandboxCredentials,
    providers: providers as SandboxProviders,
    tokensIssued: tokens.issued,
    log,
    sockets: () => ({ ...sockets }),
    attach(engine) {
      attached.add(engine);
      return () => void attached.delete(engine);
    },
    sendCallbacksTo(url) {
      for (const { name, side } of sides) if (side.callbackReceiver) callbackUrls.set(name, url);
    },
    close: async () => {
      for (const stop of closing.splice(0)) stop();
      attached.clear();
      await Promise.all(servers.map(closeServer));
    },
  };
  return { ...named, ...base } as Sandbox;
}

const MAX_CALLBACKS_KEPT = 10_000;
const CALLBACK_TIMEOUT_MS = 5_000;

/** A fake's callbacks: over HTTP to `url` when given, else to the attached engines' receivers. */
function callbacksOf({ side }: LoadedSide, urlNow: () => string | undefined, attached: ReadonlySet<Partial<Precheck>>): SandboxCallbacks {
  const sent: { path: string; status: number | undefined }[] = [];
  return {
    sent,
    get url() {
      return urlNow();
    },
    async send(path, init) {
      let status: number | undefined;
      const url = urlNow();
      if (url !== undefined) {
        status = await fetch(`${url.replace(/\/$/, '')}${path}`, { ...init, signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS) })
          .then(async (response) => (await response.arrayBuffer(), response.status))
          .catch(() => undefined);
      } else if (side.callbackReceiver) {
        for (const engine of attached) {
          status = (await side.callbackReceiver(engine)(new Request(`http://sandbox.invalid${path}`, init))).status;
          if (status === 200) break;
        }
      }
      if (sent.length < MAX_CALLBACKS_KEPT) sent.push({ path, status });
      return status;
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
