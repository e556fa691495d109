import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and its certificate: PEM text, and the files holding it. */
export interface Identity {
  key: string;
  cert: string;
  keyFile: string;
  certFile: string;
}

export interface TestPki {
  /** The private CA: signs every certificate below but `stranger`. */
  ca: Identity;
  /** For `127.0.0.1` and `localhost`. */
  server: Identity;
  /** For `api.provider.test` only: reached by IP address, it needs `tls.servername`. */
  namedServer: Identity;
  /** A client certificate (mutual TLS). */
  client: Identity;
  /** A client certificate from another CA, which the servers do not trust. */
  stranger: Identity;
  /** A server certificate for `127.0.0.1` from that other CA (`other-ca.pem`), which the clients do not trust. */
  strangerServer: Identity;
  /** A server certificate for `127.0.0.1` from the private CA that expired a day before it was issued. */
  expiredServer: Identity;
  /** A server certificate for `127.0.0.1` signed by its own key. */
  selfSigned: Identity;
  dir: string;
  remove(): void;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * A throw-away PKI made with the system's `openssl` (3.x, on every machine this runs on, CI included): no
 * certificate is checked in, none outlives the test run (2 days' validity, deleted by `remove()`).
 */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'precheck-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const identity = (name: string): Identity => {
    const keyFile = join(dir, `${name}.key`);
    const certFile = join(dir, `${name}.pem`);
    return { keyFile, certFile, key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  };
  const authority = (name: string) => {
    openssl('req', '-x509', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=precheck test ${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    return identity(name);
  };
  const issue = (name: string, by: string, extensions: string, days = '2') => {
    writeFileSync(join(dir, `${name}.ext`), `basicConstraints=CA:FALSE\n${extensions}\n`);
    openssl('req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=precheck test ${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${by}.pem`, '-CAkey', `${by}.key`, '-CAcreateserial', '-days', days, '-out', `${name}.pem`,
      '-extfile', `${name}.ext`);
    return identity(name);
  };
  const selfSigned = (name: string) => {
    openssl('req', '-x509', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=precheck test ${name}`,
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:FALSE');
    return identity(name);
  };
  const ca = authority('ca');
  authority('other-ca');
  return {
    ca,
    server: issue('server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'),
    namedServer: issue('named-server', 'ca', 'subjectAltName=DNS:api.provider.test\nextendedKeyUsage=serverAuth'),
    client: issue('client', 'ca', 'extendedKeyUsage=clientAuth'),
    stranger: issue('stranger', 'other-ca', 'extendedKeyUsage=clientAuth'),
    strangerServer: issue('stranger-server', 'other-ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'),
    expiredServer: issue('expired-server', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth', '-1'),
    selfSigned: selfSigned('self-signed'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
