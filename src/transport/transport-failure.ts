/** Why a request got no answer: the socket's error code, and what it means when that is worth saying. */
export interface TransportFailure {
  code: string;
  description?: string;
}

const UNTRUSTED = "the provider's certificate is not from a CA we trust: for a private CA, set tls.ca";

/**
 * Connection and TLS failures by undici's, Node's and OpenSSL's codes, each one a real peer gives in the tests: which
 * side refused what, and which setting is concerned. Any other code is reported as it is.
 */
const DESCRIPTIONS: Record<string, string> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'the provider requires a client certificate (mutual TLS) and none was sent: set tls.cert and tls.key',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    'the TLS handshake failed: the provider may require a client certificate (tls.cert, tls.key), or share no TLS version or cipher with us',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  CERT_HAS_EXPIRED: "the provider's certificate has expired (or this host's clock is wrong): the provider must renew it",
  ERR_TLS_CERT_ALTNAME_INVALID: "the provider's certificate is not for this host name (tls.servername sets the name checked)",
  UND_ERR_CONNECT_TIMEOUT: 'no connection to the provider (TCP and TLS handshake) within http.connectTimeoutMs',
  ENGINE_CLOSED: 'the engine was closed (precheck.close())',
};

/** undici's words when a proxy answers `CONNECT` with anything but 200: the only place its status is given. */
const PROXY_REFUSAL = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling$/;

const codeOf = (error: unknown) => (error as { code?: unknown } | undefined)?.code;

/**
 * What a failed request's error (fetch's `cause`) says, without its message: messages may quote URLs, and a
 * proxy's user info with them. A proxy that refused the tunnel gives `proxy-<status>`.
 */
export function describeTransportFailure(error: unknown): TransportFailure {
  const refusal = error instanceof Error ? PROXY_REFUSAL.exec(error.message) : null;
  if (refusal) {
    const status = Number(refusal[1]);
    return {
      code: `proxy-${status}`,
      description:
        status === 407
          ? 'the egress proxy refused our proxy credentials (407 Proxy Authentication Required): check the user and password of the proxy URL'
          : `the egress proxy did not open a tunnel to the provider (HTTP ${status})`,
    };
  }
  // A TLS failure inside a proxy's tunnel comes wrapped (UND_ERR_PRX_TLS): its cause says what failed.
  const code = codeOf(error) === 'UND_ERR_PRX_TLS' ? (codeOf((error as { cause?: unknown }).cause) ?? codeOf(error)) : codeOf(error);
  if (typeof code !== 'string') return { code: 'network error' };
  const description = DESCRIPTIONS[code];
  return description ? { code, description } : { code };
}
