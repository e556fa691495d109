import { randomBytes } from 'node:crypto';

const PREFIX = 'chk_';
/** 24 random bytes: 192 bits, 32 base64url characters. */
const RANDOM_BYTES = 24;
const CHECK_ID = /^chk_[A-Za-z0-9_-]{32}$/;

/**
 * A new check id: opaque, URL-safe, 36 characters, unguessable. It is the capability to continue someone's payment,
 * so it never derives from the phone, the account or a counter.
 */
export function newCheckId(): string {
  return PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
}

/** Whether `value` has the shape of a check id; anything else is refused without touching the store. */
export function isCheckId(value: unknown): value is string {
  return typeof value === 'string' && CHECK_ID.test(value);
}
