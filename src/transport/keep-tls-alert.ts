import type { buildConnector } from 'undici';

/**
 * undici (7.x) loses a TLS alert received after the handshake: the server refusing our client certificate, or
 * asking for one we do not have (TLS 1.3 sends both once the handshake is over). The `end` that follows the alert's
 * `error` destroys the socket with "other side closed", which replaces the alert as the request's error. Destroying
 * the socket at its first error leaves no `end` to follow: the request fails with the alert, which says why.
 */
export function keepTlsAlert(connect: buildConnector.connector): buildConnector.connector {
  return (options, callback) =>
    connect(options, (...args) => {
      args[1]?.prependOnceListener('error', function destroyAtFirstError(this: NonNullable<(typeof args)[1]>) {
        this.destroy();
      });
      callback(...args);
    });
}
