import * as v from 'valibot';
import { count, defaulted, optional, settings } from '../core/option-values.js';

/** A DNS name (letters, digits, `-`, `.`), as SNI carries it. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const PEM_MESSAGE = 'must be PEM text or the path of a PEM file';
/** PEM text (it contains `-----BEGIN`), or the path of a file holding it, read at start-up (`readTls`). */
const pem = v.pipe(v.string(PEM_MESSAGE), v.check((value) => value.trim() !== '', PEM_MESSAGE));

/** `tls`, engine-wide or for one provider. Certificate checking has no switch: `rejectUnauthorized` is refused. */
export const tlsSettingsSchema = settings({
  ca: optional(pem, "The certificate authorities trusted (PEM text or a file's path), instead of Node's: for a provider behind a private CA."),
  cert: optional(pem, 'The client certificate (mutual TLS), optionally followed by its intermediates; needs `key`.'),
  key: optional(pem, "The client certificate's private key (unencrypted PEM); must fit `cert`."),
  servername: optional(
    v.pipe(v.string('must be a host name such as api.provider.example'), v.regex(HOST_NAME, 'must be a host name such as api.provider.example')),
    "The name sent in SNI and checked against the provider's certificate, when it differs from the URL's host (a provider reached by IP address).",
  ),
});

const proxy = v.union([v.string(), v.literal(false)], 'must be a proxy URL, or false to connect directly');

const TLS_DESCRIPTION =
  'TLS towards the provider: `ca`, `cert`, `key` (each PEM text or a file path, read at start-up), `servername`. Certificates are always checked: there is no switch for it, and `NODE_TLS_REJECT_UNAUTHORIZED=0` does not change it.';

/** `providers.<name>.http`: each field set here replaces the engine-wide `http` one (field by field inside `tls`). */
export const transportSettingsSchema = v.pipe(
  settings({
    connections: optional(count(1), 'Replaces `http.connections` for this provider.', { default: '`http.connections`' }),
    keepAliveTimeoutMs: optional(count(1), 'Replaces `http.keepAliveTimeoutMs` for this provider.', { default: '`http.keepAliveTimeoutMs`' }),
    connectTimeoutMs: optional(count(1), 'Replaces `http.connectTimeoutMs` for this provider.', { default: '`http.connectTimeoutMs`' }),
    proxy: optional(proxy, 'Replaces `http.proxy` for this provider (`false`: direct).', { default: '`http.proxy`' }),
    tls: optional(tlsSettingsSchema, 'Replaces `http.tls` for this provider, field by field.', { default: '`http.tls`' }),
  }),
  // The table lists these fields once, for every provider.
  v.metadata({ label: 'providers.<name>.http' }),
);

/** The engine-wide `http`: how attempts are bounded and retried, and every provider's connection pool, proxy and TLS. */
export const httpSettingsSchema = settings({
  timeoutMs: defaulted(
    count(1),
    'Bound on one attempt: connection, headers and body (an MTN or GSMA token request and both look-ups included; a token request shared by several checks is itself bounded by `deadlineMs`).',
    10_000,
  ),
  retries: defaulted(count(0), 'Extra attempts, for transient failures only (network, timeout, 429, 5xx, BEEP 174).', 0),
  backoffMs: defaulted(count(0), 'First back-off between attempts (doubling, full jitter); a `Retry-After` ≤ 10 s is honoured instead.', 200),
  connections: defaulted(
    count(1),
    "Sockets open at once per provider (each provider has its own pool; GSMA's token host one more); further requests wait for a free socket.",
    64,
  ),
  keepAliveTimeoutMs: defaulted(
    count(1),
    "How long an idle socket is kept for reuse: the engine's own bound, a server's `Keep-Alive` hint may shorten it, never lengthen it.",
    4_000,
  ),
  connectTimeoutMs: defaulted(count(1), 'Bound on opening a connection (TCP and TLS handshake), within `timeoutMs`.', 10_000),
  proxy: optional(
    proxy,
    "Egress proxy URL (`http://` or `https://`, `user:password@` allowed; requests go through a `CONNECT` tunnel); `false`: direct. Left out: `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (lower-case first), read once at start-up, loopback always direct. The proxy's credentials never appear in any output. See [transport.md](transport.md).",
    { default: 'the environment' },
  ),
  tls: optional(tlsSettingsSchema, TLS_DESCRIPTION),
});
