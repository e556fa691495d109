import { formatPath } from '../core/option-tree.js';
import type * as v from 'valibot';
import type { httpSettingsSchema, transportSettingsSchema } from './transport-schema.js';
import { proxyCredentials, proxyFromEnvironment, readProxy, type ProxyRoute } from './read-proxy.js';
import { readTls, requireKeyPair, type TlsMaterial } from './read-tls.js';

/** What the transport is read from: the engine-wide `http` (defaults filled in) and each provider's own `http`. */
export interface TransportOptions {
  http: v.InferOutput<typeof httpSettingsSchema>;
  providers: { [name: string]: { http?: v.InferOutput<typeof transportSettingsSchema> } | undefined };
}

/** One provider's transport, every field read, checked and defaulted. */
export interface TransportConfig {
  connections: number;
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
  proxy: ProxyRoute;
  tls: TlsMaterial;
}

/** The built-in providers that are configured, by name, each with its transport. */
export type ProviderTransports = { [name: string]: TransportConfig };

const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * Each configured built-in provider's transport: its own `providers.<name>.http` over the engine-wide `http` (whose
 * defaults the schema filled in), field by field (inside `tls` too); the proxy from `env` unless one of them sets it.
 * Throws `PrecheckConfigError` for a proxy or TLS material that cannot be used, never quoting a password or a key.
 */
export function readTransports(options: TransportOptions, env: NodeJS.ProcessEnv = process.env): ProviderTransports {
  const engine = options.http;
  const engineProxy = readProxy('http.proxy', engine.proxy);
  const engineTls = readTls('http.tls', engine.tls);
  let environment: ProxyRoute | undefined;
  const transports: ProviderTransports = {};
  for (const [name, settings] of Object.entries(options.providers)) {
    if (!settings) continue;
    const where = formatPath(['providers', name, 'http']);
    const own = settings.http ?? {};
    const tls = { ...defined(engineTls), ...defined(readTls(`${where}.tls`, own.tls)) };
    requireKeyPair(formatPath(['providers', name]), tls);
    transports[name] = {
      connections: own.connections ?? engine.connections,
      keepAliveTimeoutMs: own.keepAliveTimeoutMs ?? engine.keepAliveTimeoutMs,
      connectTimeoutMs: own.connectTimeoutMs ?? engine.connectTimeoutMs,
      proxy: readProxy(`${where}.proxy`, own.proxy) ?? engineProxy ?? (environment ??= proxyFromEnvironment(env)),
      tls,
    };
  }
  return transports;
}

/** Every form of the proxy credentials the transports use (see `proxyCredentials`). */
export function transportCredentials(transports: ProviderTransports): string[] {
  return proxyCredentials(Object.values(transports).map((transport) => transport.proxy));
}
