import type * as v from 'valibot';
import type { tlsSettingsSchema, transportSettingsSchema } from './transport-schema.js';

/**
 * How the engine reaches one provider (`providers.<name>.http`): its connection pool, proxy and TLS, each field
 * replacing the engine-wide `http` one (field by field inside `tls`). Stated, checked and documented by the options
 * schema: see docs/configuration.md.
 *
 * @example
 * { connections: 16, proxy: 'http://egress.internal:3128', tls: { ca: '/etc/precheck/provider-ca.pem' } }
 */
export type TransportSettings = v.InferInput<typeof transportSettingsSchema>;

/**
 * TLS towards a provider: `ca`, `cert`, `key` (each PEM text or the path of a file holding it, read at start-up) and
 * `servername`. Certificate checking cannot be switched off.
 *
 * @example
 * { ca: '/etc/precheck/provider-ca.pem', cert: '/etc/precheck/client.pem', key: '/etc/precheck/client.key' }
 */
export type TlsSettings = v.InferInput<typeof tlsSettingsSchema>;
