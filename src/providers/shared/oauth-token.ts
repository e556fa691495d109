import { credentialForms } from '../../core/redact.js';
import type { LookupOutcome } from '../../core/account-provider.js';
import type { Exchange } from './exchange.js';

/** What a token request gave: a token and its lifetime, or the outcome the look-up ends with instead. */
export type TokenAnswer = { kind: 'issued'; token: string; expiresInS: number } | { kind: 'failed'; outcome: LookupOutcome };

/** A token is renewed this long before the provider says it expires (MTN's advice; GSMA tokens last as long). */
export const RENEW_BEFORE_EXPIRY_MS = 10 * 60_000;

/** Tokens remembered for redaction after they are replaced: an answer may still quote one it was asked with. */
const TOKENS_REMEMBERED = 4;

/**
 * One access token (for one provider product), shared by every check: kept until 10 minutes before it expires,
 * asked for by one request however many checks need it at once, renewed on a refusal.
 *
 * The token request is not tied to any one check's signal (another check may be waiting for it): it has its own
 * bound, `requestTimeoutMs` (the engine's `deadlineMs`: no check waits longer), and each caller stops waiting when
 * its own signal aborts, so that a slow token endpoint ends a check by its own attempt bound (`timeout`).
 */
export class TokenCache {
  private current?: { token: string; renewAt: number };
  private pending?: Promise<TokenAnswer>;
  private forms: string[] = [];
  private readonly remembered: string[] = [];

  constructor(
    /** Asks the provider for a token. Must resolve (not reject), and stop when `signal` aborts. */
    private readonly request: (signal: AbortSignal) => Promise<TokenAnswer>,
    private readonly requestTimeoutMs: number,
  ) {}

  /** The kept token while it is fresh, else a new one (one request for every check that asks meanwhile). */
  get(signal: AbortSignal): Promise<TokenAnswer> {
    if (this.current && Date.now() < this.current.renewAt) {
      return Promise.resolve({ kind: 'issued', token: this.current.token, expiresInS: (this.current.renewAt - Date.now()) / 1000 });
    }
    this.pending ??= this.fetch();
    return untilAborted(this.pending, signal);
  }

  /** The provider refused `stale` (a 401): a new token, or the one another check has already renewed it with. */
  renew(stale: string, signal: AbortSignal): Promise<TokenAnswer> {
    if (this.current?.token === stale) this.current = undefined;
    return this.get(signal);
  }

  /**
   * Sends with the kept token (`send` puts it in the request); when the provider refuses it (401), renews it once and
   * sends again. A token that cannot be had ends the look-up with the token request's outcome.
   */
  async sendWithToken(
    send: (token: string) => Promise<Exchange>,
    signal: AbortSignal,
  ): Promise<{ kind: 'failed'; outcome: LookupOutcome } | { kind: 'asked'; result: Exchange }> {
    let token = await this.get(signal);
    if (token.kind === 'failed') return token;
    let result = await send(token.token);
    if (result.kind === 'answered' && result.status === 401) {
      token = await this.renew(token.token, signal);
      if (token.kind === 'failed') return token;
      result = await send(token.token);
    }
    return { kind: 'asked', result };
  }

  /** Every form of the tokens issued lately (see `credentialForms`): to cut out of whatever a provider says. */
  tokenForms(): readonly string[] {
    return this.forms;
  }

  private async fetch(): Promise<TokenAnswer> {
    try {
      const answer = await this.request(AbortSignal.timeout(this.requestTimeoutMs));
      if (answer.kind === 'issued') {
        this.current = { token: answer.token, renewAt: Date.now() + answer.expiresInS * 1000 - RENEW_BEFORE_EXPIRY_MS };
        this.remember(answer.token);
      }
      return answer;
    } finally {
      this.pending = undefined;
    }
  }

  private remember(token: string): void {
    this.remembered.push(token);
    if (this.remembered.length > TOKENS_REMEMBERED) this.remembered.shift();
    this.forms = credentialForms(this.remembered);
  }
}

function untilAborted(answer: Promise<TokenAnswer>, signal: AbortSignal): Promise<TokenAnswer> {
  if (signal.aborted) return Promise.resolve(CANCELLED);
  return new Promise((resolve) => {
    const stop = () => resolve(CANCELLED);
    signal.addEventListener('abort', stop, { once: true });
    void answer.then((value) => {
      signal.removeEventListener('abort', stop);
      resolve(value);
    });
  });
}

const CANCELLED: TokenAnswer = {
  kind: 'failed',
  outcome: { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: 'cancelled' } },
};

/** Longest lifetime believed: a token is asked for again at least daily, whatever `expires_in` said. */
const MAX_LIFETIME_S = 24 * 60 * 60;

/** A token sent back as `Authorization: Bearer …`: visible ASCII only, bounded. */
const TOKEN_SHAPE = /^[\x21-\x7E]{1,4096}$/;

/**
 * A 2xx token answer, `{ access_token, expires_in }` (OAuth 2.0, and MTN's own): the token, or `unexpected`.
 * `expires_in` as a number or a numeric string (both seen).
 */
export function issuedToken(body: unknown): TokenAnswer {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const token = record.access_token;
  const expiresIn = typeof record.expires_in === 'string' && /^\d{1,9}$/.test(record.expires_in) ? Number(record.expires_in) : record.expires_in;
  if (typeof token !== 'string' || !TOKEN_SHAPE.test(token) || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    return { kind: 'failed', outcome: { kind: 'unexpected', detail: 'the token answer is not { access_token, expires_in }' } };
  }
  return { kind: 'issued', token, expiresInS: Math.min(expiresIn, MAX_LIFETIME_S) };
}
