import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A configured `snapshotKeys` entry: the secret's UTF-8 bytes, and an id that names it without revealing it. */
export interface SnapshotKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** What `persist()` adds when keys are configured. `mac`: HMAC-SHA-256, base64url, over the canonical JSON. */
export interface SnapshotSignature {
  alg: 'HS256';
  /** Which key signed: the first 8 base64url characters of SHA-256 over a label and the key. Not secret. */
  kid: string;
  mac: string;
}

/** Secrets shorter than this are refused at start-up (HMAC-SHA-256's own output size). */
export const MIN_SNAPSHOT_KEY_BYTES = 32;
export const MAX_SNAPSHOT_KEYS = 4;

export function snapshotKey(secret: string): SnapshotKey {
  const bytes = Buffer.from(secret, 'utf8');
  const id = createHash('sha256').update('precheck snapshot key id\0').update(bytes).digest('base64url').slice(0, 8);
  return { id, secret: bytes };
}

const macOf = (key: SnapshotKey, canonical: string) => createHmac('sha256', key.secret).update(canonical, 'utf8').digest();

export function signCanonical(canonical: string, key: SnapshotKey): SnapshotSignature {
  return { alg: 'HS256', kid: key.id, mac: macOf(key, canonical).toString('base64url') };
}

/**
 * Whether `signature` is a MAC of `canonical` by one of `keys`, named by its `kid`. Every key is tried, each
 * compared in constant time, so that the time taken says nothing about how close a forgery came.
 */
export function signatureMatches(canonical: string, signature: SnapshotSignature, keys: readonly SnapshotKey[]): boolean {
  const given = Buffer.from(signature.mac, 'base64url');
  if (given.length !== 32 || given.toString('base64url') !== signature.mac) return false;
  let matched = false;
  for (const key of keys) {
    const equal = timingSafeEqual(macOf(key, canonical), given);
    matched = (equal && key.id === signature.kid) || matched;
  }
  return matched;
}
