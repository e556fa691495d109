import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBeepHandler } from './beep-sandbox.js';
import { createBmoHandler } from './bmo-sandbox.js';
import { SANDBOX_CREDENTIALS } from './fixtures.js';
import { SandboxLog } from './sandbox-log.js';
import type { BeepSettings, BmoSettings } from '../types/options.js';

export interface SandboxOptions {
  /** Ports to listen on (loopback). 0, the default, picks free ones. */
  bmoPort?: number;
  beepPort?: number;
  host?: string;
}

export interface Sandbox {
  bmoUrl: string;
  beepUrl: string;
  credentials: typeof SANDBOX_CREDENTIALS;
  /** `providers` for `createPrecheck`, pointing at this sandbox. */
  providers: { bmo: BmoSettings; beep: BeepSettings };
  /** A loopback URL where nothing listens: connections are refused. */
  refusedUrl: string;
  /** Every request that reached the fakes (method and path only). */
  log: SandboxLog;
  close(): Promise<void>;
}

/** Not a provider route: how many requests each fake has seen, for a sandbox running in another process. */
export const SANDBOX_STATS_PATH = '/_sandbox/requests';

function listen(handler: RequestListener, port: number, host: string, log?: SandboxLog): Promise<Server> {
  const server = createServer((req, res) => {
    if (log && req.method === 'GET' && req.url === SANDBOX_STATS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bmo: log.count('bmo'), beep: log.count('beep') }));
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const urlOf = (server: Server, host: string) => `http://${host}:${(server.address() as AddressInfo).port}`;

/** Starts fake B-MO and BEEP servers on loopback that answer as the providers' documents describe. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const log = new SandboxLog();
  const bmo = await listen(createBmoHandler(log), options.bmoPort ?? 0, host, log);
  const beep = await listen(createBeepHandler(log), options.beepPort ?? 0, host, log).catch(async (error: unknown) => {
    await closeServer(bmo);
    throw error;
  });
  return {
    refusedUrl: await refusedUrl(host),
    bmoUrl: urlOf(bmo, host),
    beepUrl: urlOf(beep, host),
    credentials: SANDBOX_CREDENTIALS,
    providers: {
      bmo: { baseUrl: urlOf(bmo, host), ...SANDBOX_CREDENTIALS.bmo },
      beep: { baseUrl: urlOf(beep, host), ...SANDBOX_CREDENTIALS.beep },
    },
    log,
    close: async () => {
      await Promise.all([closeServer(bmo), closeServer(beep)]);
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
