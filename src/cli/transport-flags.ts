import type { TransportSettings } from '../transport/transport-settings.js';

/** The transport flags `check` and `serve` take, each also from its `PRECHECK_` variable (a flag wins). */
export const TRANSPORT_FLAGS = {
  proxy: { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
} as const;

const VARIABLES = { proxy: 'PRECHECK_PROXY', ca: 'PRECHECK_TLS_CA', cert: 'PRECHECK_TLS_CERT', key: 'PRECHECK_TLS_KEY' } as const;

export const TRANSPORT_FLAGS_HELP = `  --proxy URL     egress proxy for every provider (PRECHECK_PROXY); without it: HTTPS_PROXY, HTTP_PROXY, NO_PROXY
  --ca FILE  --cert FILE  --key FILE
                  TLS towards the providers: a private CA to trust, a client certificate and its key (mutual TLS)
                  (PRECHECK_TLS_CA, PRECHECK_TLS_CERT, PRECHECK_TLS_KEY)`;

/** The engine-wide transport settings (`http`) the flags and variables give; empty when none is set. */
export function transportSettingsFrom(values: { [K in keyof typeof TRANSPORT_FLAGS]?: string }, env: NodeJS.ProcessEnv): TransportSettings {
  const read = (flag: keyof typeof TRANSPORT_FLAGS) => values[flag] || env[VARIABLES[flag]] || undefined;
  const [proxy, ca, cert, key] = [read('proxy'), read('ca'), read('cert'), read('key')];
  const tls = { ...(ca && { ca }), ...(cert && { cert }), ...(key && { key }) };
  return { ...(proxy && { proxy }), ...(Object.keys(tls).length > 0 && { tls }) };
}
