import { randomBytes } from 'node:crypto';

interface IssuedToken {
  /** The fake that issued it. */
  provider: string;
  /** What it was issued for (a product, an API). */
  scope: string;
  issuedAt: number;
  expiresAt: number;
}

/** The access tokens the fakes have issued: live ones, and every one ever issued (for tests to look for). */
export class SandboxTokens {
  private readonly live = new Map<string, IssuedToken>();
  /** Every token issued, in order: a test looks for them in what the engine gives out. */
  readonly issued: string[] = [];

  issue(provider: IssuedToken['provider'], scope: string, expiresInS: number): string {
    const token = `${provider}.${scope}.${randomBytes(18).toString('base64url')}`;
    this.live.set(token, { provider, scope, issuedAt: performance.now(), expiresAt: Date.now() + expiresInS * 1000 });
    this.issued.push(token);
    return token;
  }

  /** The token of an `Authorization: Bearer` header, if it is live for `scope`, and when it was issued. */
  use(provider: IssuedToken['provider'], scope: string, authorization: string | undefined): { token: string; issuedAt: number } | undefined {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const entry = token ? this.live.get(token) : undefined;
    if (!token || !entry || entry.provider !== provider || entry.scope !== scope || entry.expiresAt <= Date.now()) return undefined;
    return { token, issuedAt: entry.issuedAt };
  }

  private readonly firstAsked = new Map<string, number>();

  /**
   * The "token revoked" triggers: a token issued before `key` was first asked about is refused for it (401), one
   * issued since (the engine's renewal) is accepted. Other accounts keep accepting the token.
   */
  refusedFor(key: string, token: { issuedAt: number }): boolean {
    if (!this.firstAsked.has(key)) this.firstAsked.set(key, performance.now());
    return token.issuedAt <= this.firstAsked.get(key)!;
  }
}
