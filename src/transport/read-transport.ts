import { PrecheckConfigError } from '../options/precheck-config-error.js';
import { readCount } from '../options/read-count.js';
import type { PrecheckOptions } from '../types/options.js';
import { proxyCredentials, proxyFromEnvironment, readProxy, type ProxyRoute } from './read-proxy.js';
import { readTls, requireKeyPair, type TlsMaterial } from './read-tls.js';

/** One provider's transport, every field read, checked and defaulted. */
export interface TransportConfig {
  connections: number;
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
  proxy: ProxyRoute;
  tls: TlsMaterial;
}

/** The built-in providers that are configured, by name, each with its transport. */
export type ProviderTransports = Partial<Record<'bmo' | 'beep' | 'mtn-momo' | 'gsma', TransportConfig>>;

export const TRANSPORT_DEFAULTS = { connections: 64, keepAliveTimeoutMs: 4_000, connectTimeoutMs: 10_000 } as const;

const NUMBER_FIELDS = ['connections', 'keepAliveTimeoutMs', 'connectTimeoutMs'] as const;
const TRANSPORT_FIELDS = [...NUMBER_FIELDS, 'proxy', 'tls'] as const;
/** The engine-wide `http` also bounds attempts (`HttpSettings`). */
const ENGINE_HTTP_FIELDS = [...TRANSPORT_FIELDS, 'timeoutMs', 'retries', 'backoffMs'] as const;

/** One level's transport settings (engine-wide `http` or `providers.<name>.http`), read; absent fields stay absent. */
interface TransportLevel {
  numbers: Partial<Record<(typeof NUMBER_FIELDS)[number], number>>;
  proxy?: ProxyRoute;
  tls: TlsMaterial;
}

function readLevel(where: string, value: unknown, fields: readonly string[]): TransportLevel {
  if (value === undefined) return { numbers: {}, tls: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PrecheckConfigError(`${where} must be an object`);
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    throw new PrecheckConfigError(`${where} has no option ${unknown.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}: use ${fields.join(', ')}`);
  }
  const numbers: TransportLevel['numbers'] = {};
  for (const field of NUMBER_FIELDS) {
    const number = readCount(`${where}.${field}`, given[field], 1);
    if (number !== undefined) numbers[field] = number;
  }
  const proxy = readProxy(`${where}.proxy`, given.proxy);
  return { numbers, ...(proxy && { proxy }), tls: readTls(`${where}.tls`, given.tls) };
}

const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * Each configured built-in provider's transport: its own `providers.<name>.http` over the engine-wide `http`, field by
 * field (inside `tls` too), over the defaults; the proxy from `env` unless one of them sets it. Throws
 * `PrecheckConfigError` for an unusable setting, never quoting a proxy's password or key material.
 */
export function readTransports(options: PrecheckOptions, env: NodeJS.ProcessEnv = process.env): ProviderTransports {
  const engine = readLevel('http', options.http, ENGINE_HTTP_FIELDS);
  let environment: ProxyRoute | undefined;
  const transports: ProviderTransports = {};
  for (const name of ['bmo', 'beep', 'mtn-momo', 'gsma'] as const) {
    const settings = options.providers[name];
    if (!settings) continue;
    const where = name === 'mtn-momo' ? "providers['mtn-momo'].http" : `providers.${name}.http`;
    const own = readLevel(where, settings.http, TRANSPORT_FIELDS);
    const tls = { ...defined(engine.tls), ...defined(own.tls) };
    requireKeyPair(where.replace(/\.http$/, ''), tls);
    transports[name] = {
      ...TRANSPORT_DEFAULTS,
      ...engine.numbers,
      ...own.numbers,
      proxy: own.proxy ?? engine.proxy ?? (environment ??= proxyFromEnvironment(env)),
      tls,
    };
  }
  return transports;
}

/** Every form of the proxy credentials the transports use (see `proxyCredentials`). */
export function transportCredentials(transports: ProviderTransports): string[] {
  return proxyCredentials(Object.values(transports).map((transport) => transport.proxy));
}
