import { randomBytes } from 'node:crypto';

interface IssuedToken {
  provider: 'mtn-momo' | 'gsma';
  /** MTN: the product it was issued for; GSMA: `api`. */
  scope: string;
  expiresAt: number;
  /** Requests it has authorised so far. */
  uses: number;
}

/** The access tokens the MTN and GSMA fakes have issued: live ones, and every one ever issued (for tests to look for). */
export class SandboxTokens {
  private readonly live = new Map<string, IssuedToken>();
  /** Every token issued, in order: a test looks for them in what the engine gives out. */
  readonly issued: string[] = [];

  issue(provider: IssuedToken['provider'], scope: string, expiresInS: number): string {
    const token = `${provider}.${scope}.${randomBytes(18).toString('base64url')}`;
    this.live.set(token, { provider, scope, expiresAt: Date.now() + expiresInS * 1000, uses: 0 });
    this.issued.push(token);
    return token;
  }

  /** The token of an `Authorization: Bearer` header, if it is live for `scope`: counted as one more use. */
  use(provider: IssuedToken['provider'], scope: string, authorization: string | undefined): { token: string; usedBefore: boolean } | undefined {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const entry = token ? this.live.get(token) : undefined;
    if (!token || !entry || entry.provider !== provider || entry.scope !== scope || entry.expiresAt <= Date.now()) return undefined;
    entry.uses += 1;
    return { token, usedBefore: entry.uses > 1 };
  }

  revoke(token: string): void {
    this.live.delete(token);
  }
}
