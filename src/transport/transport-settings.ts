/**
 * How the engine reaches providers: engine-wide under `http`, and for one provider under `providers.<name>.http`.
 * Each provider has its own connection pool. A field set for a provider replaces the engine-wide one (field by
 * field, inside `tls` too); a field set in neither place has its default.
 */
export interface TransportSettings {
  /**
   * Sockets open at once per provider origin (its API host; GSMA's token host has a pool of its own); further
   * requests wait for a free one. Default 64 (the engine's `maxConcurrency`).
   *
   * @example
   * http: { connections: 16 }
   */
  connections?: number;
  /**
   * How long an idle socket is kept for reuse. The engine's own bound: a server's `Keep-Alive: timeout=…` may
   * shorten it, never lengthen it. Default 4000.
   *
   * @example
   * http: { keepAliveTimeoutMs: 30_000 }
   */
  keepAliveTimeoutMs?: number;
  /**
   * Bound on opening a connection (TCP, and the TLS handshake), within the attempt's `timeoutMs`. Default 10000.
   *
   * @example
   * http: { connectTimeoutMs: 2000 }
   */
  connectTimeoutMs?: number;
  /**
   * The egress proxy (`http://` or `https://` URL, user info allowed): every request goes through a `CONNECT`
   * tunnel to it. `false`: connect directly, whatever the environment says. Default: the environment, read once at
   * start-up as Node's `NODE_USE_ENV_PROXY` reads it: `HTTPS_PROXY` for https providers (else `HTTP_PROXY`),
   * `HTTP_PROXY` for http ones, lower-case forms first, except for hosts in `NO_PROXY` and for loopback
   * (`localhost`, `127.0.0.1`, `::1`). The proxy's user and password never appear in a decision, log or error.
   *
   * @example
   * http: { proxy: 'http://egress.internal:3128' }
   */
  proxy?: string | false;
  /**
   * TLS towards the provider. Certificates are always checked: there is no switch for it, and
   * `NODE_TLS_REJECT_UNAUTHORIZED=0` does not change it.
   *
   * @example
   * http: { tls: { ca: '/etc/precheck/provider-ca.pem', cert: '/etc/precheck/client.pem', key: '/etc/precheck/client.key' } }
   */
  tls?: TlsSettings;
}

/** Each value: PEM text (it contains `-----BEGIN`), or the path of a file holding it, read at start-up. */
export interface TlsSettings {
  /**
   * The certificate authorities trusted for this provider (one or more certificates), instead of Node's default
   * ones: for a provider behind a private CA.
   *
   * @example
   * tls: { ca: '/etc/precheck/provider-ca.pem' }
   */
  ca?: string;
  /**
   * The client certificate (mutual TLS), optionally followed by its intermediates; needs `key`.
   *
   * @example
   * tls: { cert: '/etc/precheck/client.pem', key: '/etc/precheck/client.key' }
   */
  cert?: string;
  /**
   * The client certificate's private key (unencrypted PEM); must fit `cert`.
   *
   * @example
   * tls: { cert: '/etc/precheck/client.pem', key: readFileSync('/etc/precheck/client.key', 'utf8') }
   */
  key?: string;
  /**
   * The name sent in SNI and checked against the provider's certificate, when it differs from the URL's host
   * (e.g. a provider reached by IP address).
   *
   * @example
   * tls: { servername: 'api.provider.example' }
   */
  servername?: string;
}
