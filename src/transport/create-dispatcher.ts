import type { buildConnector, Dispatcher } from 'undici';
import { keepTlsAlert } from './keep-tls-alert.js';
import type { TransportConfig } from './read-transport.js';

let undici: Promise<typeof import('undici')> | undefined;
let loaded = false;

/** undici, loaded once per process, on first use: `import 'precheck'` and creating an engine do not pay for it. */
export function loadUndici(): Promise<typeof import('undici')> {
  undici ??= import('undici').then((module) => {
    loaded = true;
    return module;
  });
  return undici;
}

/** Whether undici is loaded (then nothing needs to wait for it). */
export const undiciLoaded = () => loaded;

/**
 * A provider's undici dispatcher: an `Agent` (a pool per origin), behind a `ProxyAgent` for a configured proxy or an
 * `EnvHttpProxyAgent` for the environment's.
 */
export async function createDispatcher(config: TransportConfig): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent, Pool, ProxyAgent, buildConnector: connector } = await loadUndici();
  // Explicit, so that NODE_TLS_REJECT_UNAUTHORIZED=0 (read by Node only when the option is absent) changes nothing.
  const tls = { ...config.tls, rejectUnauthorized: true, timeout: config.connectTimeoutMs };
  const pool = {
    connections: config.connections,
    // Both bounds: a server's Keep-Alive hint may shorten the idle time, never lengthen it past ours.
    keepAliveTimeout: config.keepAliveTimeoutMs,
    keepAliveMaxTimeout: config.keepAliveTimeoutMs,
    connect: tls,
    // Every origin's pool connects through `keepTlsAlert`, directly or through a proxy's tunnel (its `connect`).
    factory: (origin: string | URL, options: { connect: buildConnector.BuildOptions | buildConnector.connector }) =>
      new Pool(origin, { ...options, connect: keepTlsAlert(typeof options.connect === 'function' ? options.connect : connector(options.connect)) }),
  };
  // Through a proxy: the provider's TLS inside the tunnel; the proxy's own (an https:// proxy) against Node's CAs.
  const tunnel = { requestTls: tls, proxyTls: { rejectUnauthorized: true, timeout: config.connectTimeoutMs } };
  const { proxy } = config;
  switch (proxy.kind) {
    case 'direct':
      return new Agent(pool);
    case 'proxy':
      return new ProxyAgent({ ...pool, ...tunnel, uri: proxy.url });
    case 'environment':
      return new EnvHttpProxyAgent({ ...pool, ...tunnel, httpProxy: proxy.httpProxy, httpsProxy: proxy.httpsProxy, noProxy: proxy.noProxy });
  }
}
