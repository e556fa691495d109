import { createHash, timingSafeEqual } from 'node:crypto';

/** Who is calling: a short hash of their token (what logs, ownership and idempotency scopes use), never the token. */
export type Caller = string;

/** The caller when no token is configured (`--insecure-local` on loopback): everyone is the same local caller. */
export const LOCAL_CALLER: Caller = 'local';

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** 16 hex characters (64 bits) of the token's SHA-256: enough to tell callers apart, useless to recover the token. */
export const callerOf = (token: string): Caller => digest(token).toString('hex').slice(0, 16);

export interface Authenticator {
  /** True when tokens are required. */
  readonly required: boolean;
  /** The caller an `Authorization` header names, or undefined when it names none that is configured. */
  authenticate(authorization: string | undefined): Caller | undefined;
}

/**
 * Bearer tokens, compared in constant time: the presented token and every configured one are hashed to the same
 * length and every configured token is compared, so neither the length nor the position of a match shows in timing.
 */
export function bearerAuth(tokens: readonly string[]): Authenticator {
  const known = tokens.map((token) => ({ digest: digest(token), caller: callerOf(token) }));
  return {
    required: known.length > 0,
    authenticate(authorization) {
      if (known.length === 0) return LOCAL_CALLER;
      const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization ?? '');
      if (!match) return undefined;
      const presented = digest(match[1]);
      let found: Caller | undefined;
      for (const candidate of known) {
        if (timingSafeEqual(candidate.digest, presented)) found = candidate.caller;
      }
      return found;
    },
  };
}

export const MIN_TOKEN_LENGTH = 16;

/**
 * Throws unless every token is at least 16 visible ASCII characters: a short one can be guessed, and one with other
 * characters can never be sent in an `Authorization` header. The message names `source` and the token's position,
 * never the token.
 */
export function assertUsableTokens(tokens: readonly string[], source: string): void {
  tokens.forEach((token, index) => {
    const which = `${source}: token ${index + 1} of ${tokens.length}`;
    if (!/^[\x21-\x7e]*$/.test(token)) {
      throw new Error(`${which} has characters other than visible ASCII (a Bearer header cannot carry them); use a random hex or base64url string (openssl rand -hex 32).`);
    }
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new Error(`${which} is shorter than ${MIN_TOKEN_LENGTH} characters; use a random one of 32 or more (openssl rand -hex 32).`);
    }
  });
}

/** `PRECHECK_SERVE_TOKENS`: comma-separated, blanks ignored. Throws for a token that is unusable (`assertUsableTokens`). */
export function parseTokens(value: string | undefined): string[] {
  const tokens = (value ?? '').split(',').map((token) => token.trim()).filter((token) => token.length > 0);
  assertUsableTokens(tokens, 'PRECHECK_SERVE_TOKENS');
  return tokens;
}

export const WWW_AUTHENTICATE = 'Bearer realm="precheck"';
