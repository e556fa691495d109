import type { KyInstance } from 'ky';
import { exchange, transportOutcome, type Exchange } from '../shared/exchange.js';
import { isRecord, parseJson } from '../../transport/read-body.js';
import type { Account } from '../../core/decision.js';
import type { GsmaSettings } from './gsma-settings.js';
import type { ProviderDeps } from '../provider-definition.js';
import type { LookupTarget } from '../../core/request.js';
import { cleanText } from '../../core/clean-text.js';
import type { AccountProvider, LookupOutcome, ProviderStatus, RequestField } from '../../core/account-provider.js';
import { basicCredentials } from '../shared/basic-credentials.js';
import { addHolderName } from '../shared/holder-name.js';
import { issuedToken, TokenCache, type TokenAnswer } from '../shared/oauth-token.js';
import { gsmaError } from './gsma-error.js';

export const DEFAULT_GSMA_IDENTIFIER_TYPE = 'msisdn';

/**
 * GSMA Mobile Money API (1.1 / 1.2): `GET /accounts/{type}/{id}/status`, then, for an `available` account,
 * `GET /accounts/{type}/{id}/accountname`. Basic authentication on every request, or an OAuth 2.0 client-credentials
 * token (kept, shared, renewed once on a 401).
 */
export class GsmaProvider implements AccountProvider {
  readonly displayName = 'GSMA';
  /** An `unregistered` identifier may at most get a voucher, never an account: a credit to it is not a transfer. */
  readonly createsAccounts = false;
  readonly requiredFields: readonly RequestField[];
  private readonly identifierType: string;
  private readonly tokens?: TokenCache;

  constructor(
    private readonly http: KyInstance,
    private readonly tokenHttp: KyInstance,
    private readonly settings: GsmaSettings,
    private readonly config: Pick<ProviderDeps<unknown>, 'credentialForms' | 'deadlineMs'>,
  ) {
    this.identifierType = settings.identifierType ?? DEFAULT_GSMA_IDENTIFIER_TYPE;
    this.requiredFields = this.identifierType === 'msisdn' ? ['phone'] : ['accountNumber'];
    if (settings.auth.type === 'oauth2') this.tokens = new TokenCache((signal) => this.requestToken(signal), config.deadlineMs);
  }

  async lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    // A phone is E.164 (validated): `+` and digits, sent as they are (as the GSMA SDKs do). Any other identifier is
    // one path segment.
    const identifier = this.identifierType === 'msisdn' ? (target.phone ?? '') : encodeURIComponent(target.accountNumber ?? '');
    const account = `accounts/${this.identifierType}/${identifier}`;
    const status = await this.ask(`${account}/status`, signal);
    if (status.kind === 'failed') return status.outcome;
    const result = status.result;
    if (result.kind !== 'answered' || result.status !== 200) return this.failure(result);
    const body = parseJson(result.body);
    const accountStatus = isRecord(body) && typeof body.accountStatus === 'string' ? body.accountStatus.toLowerCase() : undefined;
    const subStatus = isRecord(body) ? cleanText(body.subStatus, 200, this.forms()) : undefined;
    const providerStatus: ProviderStatus = { code: accountStatus ?? 200, ...(subStatus && { description: subStatus }) };
    switch (accountStatus) {
      case 'available':
        return this.found(`${account}/accountname`, target, signal);
      case 'unregistered':
        return { kind: 'not-found', providerStatus };
      case 'unavailable':
        return { kind: 'inactive', providerStatus };
      default:
        return { kind: 'unexpected', detail: 'the 200 body is not { accountStatus: available | unavailable | unregistered }', providerStatus: { code: 200 } };
    }
  }

  /** Available: the account's name when `accountname` gives it; without it (and the trace saying why) when not. */
  private async found(path: string, target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const account: Account = {
      ...(target.phone && { phone: target.phone }),
      ...(target.accountNumber && { accountNumber: target.accountNumber }),
    };
    const why = (detail: string): LookupOutcome => ({
      kind: 'found',
      account,
      providerStatus: { code: 'available', description: cleanText(`the account is available; no name: ${detail}`, 200, this.forms()) },
    });
    const answer = await this.ask(path, signal);
    if (answer.kind === 'failed') return why(`the token request failed (${answer.outcome.kind})`);
    const result = answer.result;
    if (result.kind !== 'answered') return why(result.kind === 'transport-failed' ? result.detail : `HTTP ${result.status}, ${result.detail}`);
    if (result.status !== 200) {
      const error = gsmaError(result.body, this.forms());
      return why(`accountname answered HTTP ${result.status}${error ? ` ${error.said}` : ''}`);
    }
    const body = parseJson(result.body);
    const name = isRecord(body) && isRecord(body.name) ? body.name : undefined;
    if (!name) return why('accountname has no name');
    const given = { firstName: name.firstName, lastName: name.lastName, fullName: name.fullName };
    if (!addHolderName(account, given, this.forms())) return why('accountname has no name');
    return { kind: 'found', account, providerStatus: { code: 'available' } };
  }

  /** Any answer but a 200 from `status`: an `errorObject` by its category and code, else by the HTTP status. */
  private failure(result: Exchange): LookupOutcome {
    if (result.kind !== 'answered') return transportOutcome(result)!;
    const { status, retryAfterMs } = result;
    const error = gsmaError(result.body, this.forms());
    const providerStatus: ProviderStatus = error
      ? { code: error.said, ...(error.description && { description: error.description }) }
      : { code: status };
    const is = (category: string, code?: string) => error?.category === category.toLowerCase() && (code === undefined || error.code === code.toLowerCase());
    if (status === 404) {
      // No errorObject: the gateway knows no such route (a wrong base URL, or a provider without this API).
      if (!error) return { kind: 'refused', reason: 'service-not-configured', providerStatus };
      if (is('identification')) return { kind: 'not-found', providerStatus };
    }
    if (is('authorisation')) return { kind: 'refused', reason: 'auth-failed', providerStatus };
    if (is('businessRule', 'incorrectState')) return { kind: 'inactive', providerStatus };
    if (is('businessRule', 'rateLimitError')) return { kind: 'unavailable', reason: 'rate-limited', retryAfterMs, providerStatus };
    if (status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 429) {
      return { kind: 'unexpected', detail: error ? `HTTP ${status} ${error.said}` : `HTTP ${status}`, providerStatus };
    }
    const common = transportOutcome(result);
    if (common) return { ...common, providerStatus };
    return { kind: 'unexpected', detail: `HTTP ${status}`, providerStatus };
  }

  /** One GET, authenticated; with OAuth, the token is renewed once if the provider refuses it (401). */
  private async ask(path: string, signal: AbortSignal): Promise<{ kind: 'failed'; outcome: LookupOutcome } | { kind: 'asked'; result: Exchange }> {
    const send = (authorization: string) =>
      exchange(() =>
        this.http.get(path, {
          signal,
          headers: { authorization, accept: 'application/json', ...(this.settings.apiKey && { 'x-api-key': this.settings.apiKey }) },
        }),
      );
    const { auth } = this.settings;
    if (auth.type === 'basic' || !this.tokens) {
      const basic = auth.type === 'basic' ? basicCredentials(auth.username, auth.password) : '';
      return { kind: 'asked', result: await send(`Basic ${basic}`) };
    }
    return this.tokens.sendWithToken((token) => send(`Bearer ${token}`), signal);
  }

  /** OAuth 2.0 client credentials (RFC 6749 §4.4): Basic `clientId:clientSecret`, `grant_type=client_credentials`. */
  private async requestToken(signal: AbortSignal): Promise<TokenAnswer> {
    const { auth, apiKey } = this.settings;
    if (auth.type !== 'oauth2') throw new Error('unreachable');
    const result = await exchange(() =>
      this.tokenHttp.post(auth.tokenUrl, {
        signal,
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        headers: {
          authorization: `Basic ${basicCredentials(auth.clientId, auth.clientSecret)}`,
          accept: 'application/json',
          ...(apiKey && { 'x-api-key': apiKey }),
        },
      }),
    );
    if (result.kind === 'answered' && result.status >= 200 && result.status <= 299) {
      const answer = issuedToken(parseJson(result.body));
      return answer.kind === 'issued' ? answer : { kind: 'failed', outcome: { ...answer.outcome, providerStatus: { code: `token ${result.status}` } } };
    }
    if (result.kind !== 'answered') return { kind: 'failed', outcome: transportOutcome(result)! };
    const body = parseJson(result.body);
    const said = isRecord(body) ? cleanText(body.error, 64, this.forms()) : undefined;
    const providerStatus: ProviderStatus = { code: `token ${result.status}`, ...(said && { description: said }) };
    // RFC 6749 §5.2: a refused client is a 400 (`invalid_client`, `invalid_grant`) or a 401.
    if (result.status === 400 || result.status === 401 || result.status === 403) {
      return { kind: 'failed', outcome: { kind: 'refused', reason: 'auth-failed', providerStatus } };
    }
    if (result.status === 404) return { kind: 'failed', outcome: { kind: 'refused', reason: 'service-not-configured', providerStatus } };
    const common = transportOutcome(result);
    return { kind: 'failed', outcome: common ? { ...common, providerStatus } : { kind: 'unexpected', detail: `token HTTP ${result.status}`, providerStatus } };
  }

  /** The configured credentials' forms and the live tokens': cut out of everything the provider says. */
  private forms(): string[] {
    return this.tokens ? [...this.config.credentialForms, ...this.tokens.tokenForms()] : this.config.credentialForms;
  }
}
