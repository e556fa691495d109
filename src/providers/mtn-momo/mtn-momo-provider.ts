import type { KyInstance } from 'ky';
import { exchange, transportOutcome, type Exchange } from '../shared/exchange.js';
import { isRecord, parseJson } from '../../transport/read-body.js';
import type { Account } from '../../core/decision.js';
import type { MtnMomoSettings, MtnProduct } from './mtn-momo-settings.js';
import type { ProviderDeps } from '../provider-definition.js';
import type { LookupTarget } from '../../core/request.js';
import { cleanText } from '../../core/clean-text.js';
import type { AccountProvider, LookupOutcome } from '../../core/account-provider.js';
import { basicCredentials } from '../shared/basic-credentials.js';
import { addHolderName } from '../shared/holder-name.js';
import { issuedToken, TokenCache, type TokenAnswer } from '../shared/oauth-token.js';
import { mtnError, mtnWords } from './mtn-error.js';

/** The MTN product a movement of money goes through: a credit is a Disbursement, a debit a Collection. */
export const PRODUCT_OF = { credit: 'disbursement', debit: 'collection' } as const satisfies Record<string, MtnProduct>;

/** 500 codes that say this partner's set-up is wrong (market, permissions), not that MTN is failing. */
const NOT_CONFIGURED_CODES = new Set(['NOT_ALLOWED_TARGET_ENVIRONMENT', 'NOT_ALLOWED']);

/**
 * MTN MoMo Open API: `active` (is the holder registered and active?), then `basicuserinfo` (the holder's name), on
 * the product the money moves through, with that product's token.
 */
export class MtnMomoProvider implements AccountProvider {
  readonly displayName = 'MTN MoMo';
  /** MTN never creates a wallet on a credit (the transfer fails `PAYEE_NOT_FOUND`). */
  readonly createsAccounts = false;
  readonly requiredFields = ['phone'] as const;
  private readonly tokens: Record<MtnProduct, TokenCache>;

  constructor(
    private readonly http: KyInstance,
    private readonly settings: MtnMomoSettings,
    private readonly config: Pick<ProviderDeps<unknown>, 'credentialForms' | 'deadlineMs'>,
  ) {
    const cache = (product: MtnProduct) => new TokenCache((signal) => this.requestToken(product, signal), config.deadlineMs);
    this.tokens = { collection: cache('collection'), disbursement: cache('disbursement') };
  }

  refusal(target: LookupTarget): string | undefined {
    const product = PRODUCT_OF[target.intent];
    return this.settings.subscriptionKeys[product]
      ? undefined
      : `MTN MoMo has no subscription key for the ${product} product, which a ${target.intent} asks: set providers['mtn-momo'].subscriptionKeys.${product}`;
  }

  /** The product: a credit's answer (Disbursement, its own key) is never a debit's (Collection). */
  answerScope(target: LookupTarget): string {
    return PRODUCT_OF[target.intent];
  }

  async lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const product = PRODUCT_OF[target.intent];
    // E.164 (validated): `+` and digits only; MTN takes the digits.
    const holder = `${product}/v1_0/accountholder/msisdn/${(target.phone ?? '').slice(1)}`;
    const active = await this.ask(product, `${holder}/active`, signal);
    if (active.kind === 'failed') return active.outcome;
    const result = active.result;
    if (result.kind === 'answered' && result.status === 200) {
      const body = parseJson(result.body);
      const isActive = isRecord(body) ? body.result : undefined;
      if (isActive === false) return { kind: 'not-found', providerStatus: { code: 200, description: 'result: false (not registered, or not active)' } };
      if (isActive !== true) return { kind: 'unexpected', detail: 'the 200 body is not { result: boolean }', providerStatus: { code: 200 } };
      return this.found(product, holder, target, signal);
    }
    return this.failure(result);
  }

  /** Active: the holder's name when `basicuserinfo` gives it; without it (and the trace saying why) when not. */
  private async found(product: MtnProduct, holder: string, target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const account: Account = { phone: target.phone };
    const info = await this.ask(product, `${holder}/basicuserinfo`, signal);
    const why = (detail: string): LookupOutcome => ({
      kind: 'found',
      account,
      providerStatus: { code: 'active', description: cleanText(`the holder is active; no name: ${detail}`, 200, this.forms()) },
    });
    if (info.kind === 'failed') return why(`the token request failed (${info.outcome.kind})`);
    const result = info.result;
    if (result.kind !== 'answered') return why(result.kind === 'transport-failed' ? result.detail : `HTTP ${result.status}, ${result.detail}`);
    if (result.status !== 200) {
      const error = mtnError(result.body, this.forms());
      return why(`basicuserinfo answered HTTP ${result.status}${error ? ` ${error.code}` : ''}`);
    }
    const body = parseJson(result.body);
    if (!isRecord(body)) return why('the basicuserinfo body is not a JSON object');
    const given = { firstName: body.given_name, lastName: body.family_name, fullName: body.name };
    if (!addHolderName(account, given, this.forms())) return why('basicuserinfo has no name');
    return { kind: 'found', account, providerStatus: { code: 'active' } };
  }

  /** Any answer but a 200 from `active`: what it says about the account, the partner or MTN. */
  private failure(result: Exchange): LookupOutcome {
    if (result.kind !== 'answered') return transportOutcome(result)!;
    const { status } = result;
    const error = mtnError(result.body, this.forms());
    const providerStatus = { code: error?.code ?? status, description: error?.message ?? mtnWords(result.body, this.forms()) };
    if (status === 404) {
      // MTN's own `{ code, message }`: the holder does not exist. Anything else: the gateway found no such route.
      return error
        ? { kind: 'not-found', providerStatus }
        : { kind: 'refused', reason: 'service-not-configured', providerStatus: { ...providerStatus, code: 404 } };
    }
    if (status >= 500 && error && NOT_CONFIGURED_CODES.has(error.code)) {
      return { kind: 'refused', reason: 'service-not-configured', providerStatus };
    }
    const common = transportOutcome(result);
    if (common) return { ...common, providerStatus };
    return { kind: 'unexpected', detail: `HTTP ${status}`, providerStatus };
  }

  /** One GET with the product's token: renewed once if the provider refuses it (401), then asked again. */
  private async ask(
    product: MtnProduct,
    path: string,
    signal: AbortSignal,
  ): Promise<{ kind: 'failed'; outcome: LookupOutcome } | { kind: 'asked'; result: Exchange }> {
    const send = (token: string) =>
      exchange(() =>
        this.http.get(path, {
          signal,
          headers: {
            authorization: `Bearer ${token}`,
            'x-target-environment': this.settings.targetEnvironment,
            'ocp-apim-subscription-key': this.settings.subscriptionKeys[product] ?? '',
          },
        }),
      );
    return this.tokens[product].sendWithToken(send, signal);
  }

  private async requestToken(product: MtnProduct, signal: AbortSignal): Promise<TokenAnswer> {
    const result = await exchange(() =>
      this.http.post(`${product}/token/`, {
        signal,
        headers: {
          authorization: `Basic ${basicCredentials(this.settings.apiUser, this.settings.apiKey)}`,
          'ocp-apim-subscription-key': this.settings.subscriptionKeys[product] ?? '',
        },
      }),
    );
    if (result.kind === 'answered' && result.status >= 200 && result.status <= 299) {
      const answer = issuedToken(parseJson(result.body));
      return answer.kind === 'issued' ? answer : { kind: 'failed', outcome: { ...answer.outcome, providerStatus: { code: `token ${result.status}` } } };
    }
    const outcome = this.failure(result);
    // 404 from the token endpoint is never about a holder: a wrong base URL or a product not subscribed.
    if (outcome.kind === 'not-found') return { kind: 'failed', outcome: { kind: 'refused', reason: 'service-not-configured', providerStatus: outcome.providerStatus } };
    return { kind: 'failed', outcome: withTokenCode(outcome) };
  }

  /** The configured credentials' forms and the live tokens': cut out of everything MTN says. */
  private forms(): string[] {
    return [...this.config.credentialForms, ...this.tokens.collection.tokenForms(), ...this.tokens.disbursement.tokenForms()];
  }
}

/** Marks a token answer's status as the token endpoint's, so that the trace tells it from the look-up's. */
function withTokenCode(outcome: LookupOutcome): LookupOutcome {
  const status = outcome.providerStatus;
  return status ? { ...outcome, providerStatus: { ...status, code: `token ${status.code}` } } : outcome;
}
