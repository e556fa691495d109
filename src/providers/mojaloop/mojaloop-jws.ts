import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PrecheckConfigError } from '../../core/precheck-config-error.js';
import type { MojaloopJwsSettings } from './mojaloop-settings.js';

/** The JWS algorithms FSPIOP allows, each with the key type it needs. */
const ALGORITHMS = { RS256: 'rsa', ES256: 'ec' } as const;
type Algorithm = keyof typeof ALGORITHMS;

/** `jws.keys` read: each FSP's public key, from PEM text or the file it names (as `tls`). Refused at start-up. */
export function readJwsKeys(jws: MojaloopJwsSettings | undefined): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const [fspId, value] of Object.entries(jws?.keys ?? {})) {
    const where = `providers.mojaloop.jws.keys.${fspId}`;
    let pem = value;
    if (!value.includes('-----BEGIN')) {
      try {
        pem = readFileSync(value, 'utf8');
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new PrecheckConfigError(`${where}: the file cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
      }
    }
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new PrecheckConfigError(`${where} is not a readable public key or certificate (PEM)`);
    }
    if (key.asymmetricKeyType !== 'rsa' && !(key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')) {
      throw new PrecheckConfigError(`${where} must be an RSA key (RS256) or an EC P-256 key (ES256)`);
    }
    keys.set(fspId, key);
  }
  if (jws?.verify && keys.size === 0) throw new PrecheckConfigError('providers.mojaloop.jws.keys: give at least one key with verify: true');
  return keys;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** What a callback brings to be verified. */
export interface SignedCallback {
  /** `FSPIOP-Signature`: JSON `{ signature, protectedHeader }`. */
  signatureHeader: string | null;
  /** `FSPIOP-Source`. */
  source: string | null;
  /** The callback's own method and its path from `/parties` on (what `FSPIOP-URI` must say). */
  method: string;
  uri: string;
  /** The body exactly as received. */
  body: string;
}

/**
 * Verifies an FSPIOP JWS (sdk-standard-components' format): the signature over `protectedHeader.base64url(body)`
 * with the key of the callback's `FSPIOP-Source`, and the protected header's `FSPIOP-URI`, `FSPIOP-HTTP-Method` and
 * `FSPIOP-Source` equal to the callback's own path, method and source. Answers why it does not verify, or undefined.
 */
export function jwsRefusal(callback: SignedCallback, keys: ReadonlyMap<string, KeyObject>): string | undefined {
  if (!callback.signatureHeader) return 'no FSPIOP-Signature header';
  if (!callback.source) return 'no FSPIOP-Source header';
  const key = keys.get(callback.source);
  if (!key) return 'no key is configured for this FSPIOP-Source';
  let signature: unknown;
  let protectedHeader: unknown;
  try {
    ({ signature, protectedHeader } = JSON.parse(callback.signatureHeader) as Record<string, unknown>);
  } catch {
    return 'FSPIOP-Signature is not JSON { signature, protectedHeader }';
  }
  if (typeof signature !== 'string' || typeof protectedHeader !== 'string') return 'FSPIOP-Signature is not JSON { signature, protectedHeader }';
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'the protected header is not base64url JSON';
  }
  const alg = header.alg;
  if (alg !== 'RS256' && alg !== 'ES256') return 'the protected header\'s alg is not RS256 or ES256';
  if (ALGORITHMS[alg as Algorithm] !== key.asymmetricKeyType) return `alg ${String(alg)} does not fit the source's key`;
  const input = `${protectedHeader}.${base64url(callback.body)}`;
  const valid = verify('sha256', Buffer.from(input), alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key, Buffer.from(signature, 'base64url'));
  if (!valid) return 'the signature does not verify with the key of its FSPIOP-Source';
  if (header['FSPIOP-URI'] !== callback.uri) return 'the signature was made for another URI';
  if (header['FSPIOP-HTTP-Method'] !== callback.method) return 'the signature was made for another method';
  if (header['FSPIOP-Source'] !== callback.source) return 'the signature was made for another FSPIOP-Source';
  return undefined;
}

/** Signs as sdk-standard-components' `JwsSigner` does (the sandbox's switch signs its callbacks with it). */
export function signJws(
  privateKey: KeyObject,
  protectedFields: { 'FSPIOP-URI': string; 'FSPIOP-HTTP-Method': string; 'FSPIOP-Source': string; 'FSPIOP-Destination'?: string; Date?: string },
  body: string,
): string {
  const alg: Algorithm = privateKey.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
  const protectedHeader = base64url(JSON.stringify({ alg, ...protectedFields }));
  const input = Buffer.from(`${protectedHeader}.${base64url(body)}`);
  const signature = sign('sha256', input, alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return JSON.stringify({ signature: signature.toString('base64url'), protectedHeader });
}
