import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PrecheckConfigError } from '../core/precheck-config-error.js';
import type { TlsSettings } from './transport-settings.js';

/** `tls` read: PEM text, every certificate parsed, the key parsed. */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * PEM text as given, or the content of the file it names. Messages never quote the value: a key pasted without its
 * `-----BEGIN` line would otherwise be printed as a "path".
 */
function pemOf(where: string, value: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new PrecheckConfigError(`${where}: the file cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

function certificatesOf(where: string, pem: string): X509Certificate[] {
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw new PrecheckConfigError(`${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new PrecheckConfigError(`${where}: certificate ${i + 1} cannot be read`);
    }
  });
}

function privateKeyOf(where: string, pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new PrecheckConfigError(`${where} is not a readable private key (PEM, not encrypted)`);
  }
}

/**
 * One level's `tls` (engine-wide or a provider's), its shape already checked by the options schema: each PEM read
 * (from its file when it is a path) and parsed. The pair is checked once merged (`requireKeyPair`).
 */
export function readTls(where: string, tls: TlsSettings | undefined): TlsMaterial {
  if (tls === undefined) return {};
  const { ca, cert, key, servername } = tls;
  const material: TlsMaterial = {};
  if (ca !== undefined) {
    material.ca = pemOf(`${where}.ca`, ca);
    certificatesOf(`${where}.ca`, material.ca);
  }
  if (cert !== undefined) {
    material.cert = pemOf(`${where}.cert`, cert);
    certificatesOf(`${where}.cert`, material.cert);
  }
  if (key !== undefined) {
    material.key = pemOf(`${where}.key`, key);
    privateKeyOf(`${where}.key`, material.key);
  }
  if (servername !== undefined) material.servername = servername;
  return material;
}

/** A client certificate comes with its key, and the key must be the certificate's. `who`: whose TLS this is. */
export function requireKeyPair(who: string, tls: TlsMaterial): void {
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new PrecheckConfigError(`${who}: tls.cert and tls.key go together (a client certificate and its private key)`);
  }
  if (tls.cert === undefined || tls.key === undefined) return;
  const [leaf] = certificatesOf(`${who} tls.cert`, tls.cert);
  if (!leaf.checkPrivateKey(privateKeyOf(`${who} tls.key`, tls.key))) {
    throw new PrecheckConfigError(`${who}: tls.key does not fit tls.cert (the first certificate must be the key's)`);
  }
}
