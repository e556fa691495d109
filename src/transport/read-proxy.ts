import { PrecheckConfigError } from '../core/precheck-config-error.js';
import { basicCredentials } from '../providers/shared/basic-credentials.js';

/** Where a provider's requests go: straight to it, through one proxy, or as the environment said at start-up. */
export type ProxyRoute =
  | { kind: 'direct' }
  | { kind: 'proxy'; url: string }
  /** `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` as read at start-up, loopback added to `noProxy`. */
  | { kind: 'environment'; httpsProxy: string; httpProxy: string; noProxy: string };

/** A proxy on the loopback interface is the proxy host's own: a provider there is never reached through it. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * An http(s) proxy URL, user info allowed, nothing after the authority. Messages name the setting, never the value
 * (it may hold the proxy's password).
 */
function proxyUrl(where: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new PrecheckConfigError(`${where} must be an http(s) proxy URL such as http://proxy.internal:3128 (user:password@ allowed, no path)`);
  }
  if (Boolean(url.username) !== Boolean(url.password)) {
    throw new PrecheckConfigError(`${where}: the proxy's user info needs both a user and a password (user:password@)`);
  }
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    throw new PrecheckConfigError(`${where}: the proxy's user or password is not validly percent-encoded`);
  }
  return url.href;
}

/** First set (non-empty) variable of `names`, lower-case forms first as curl and undici read them. */
function variable(env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | undefined {
  const name = names.find((candidate) => env[candidate]?.trim());
  return name ? { name, value: env[name]!.trim() } : undefined;
}

/** An environment proxy may leave out its scheme (`proxy.internal:3128`), as curl and Go accept: http is meant. */
function environmentProxy(env: NodeJS.ProcessEnv, names: string[]): string {
  const found = variable(env, names);
  if (!found) return '';
  return proxyUrl(`${found.name} (from the environment)`, found.value.includes('://') ? found.value : `http://${found.value}`);
}

/** The environment's proxy settings, read once (at start-up): later changes to `process.env` do not apply. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv): ProxyRoute {
  const httpsProxy = environmentProxy(env, ['https_proxy', 'HTTPS_PROXY']);
  const httpProxy = environmentProxy(env, ['http_proxy', 'HTTP_PROXY']);
  const noProxy = variable(env, ['no_proxy', 'NO_PROXY'])?.value ?? '';
  if ((!httpsProxy && !httpProxy) || noProxy === '*') return { kind: 'direct' };
  return { kind: 'environment', httpsProxy, httpProxy, noProxy: [noProxy, ...LOOPBACK].filter(Boolean).join(',') };
}

/** `proxy` as configured at one level: `undefined` (not set there), `false` (direct) or a URL. */
export function readProxy(where: string, value: unknown): ProxyRoute | undefined {
  if (value === undefined) return undefined;
  if (value === false) return { kind: 'direct' };
  if (typeof value !== 'string') throw new PrecheckConfigError(`${where} must be a proxy URL, or false to connect directly`);
  return { kind: 'proxy', url: proxyUrl(where, value) };
}

/**
 * Every form of the proxy credentials in these routes: the user and password as written (percent-encoded) and
 * decoded, and `user:password` as `Proxy-Authorization: Basic` carries it. For redaction.
 */
export function proxyCredentials(routes: readonly ProxyRoute[]): string[] {
  const urls = routes.flatMap((route) =>
    route.kind === 'proxy' ? [route.url] : route.kind === 'environment' ? [route.httpsProxy, route.httpProxy].filter(Boolean) : [],
  );
  return urls.flatMap((href) => {
    const { username, password } = new URL(href);
    if (!username) return [];
    const user = decodeURIComponent(username);
    const secret = decodeURIComponent(password);
    return [username, password, user, secret, basicCredentials(user, secret)];
  });
}
