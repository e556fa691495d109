import type { KyInstance } from 'ky';
import { exchange, transportOutcome } from '../shared/exchange.js';
import { isRecord, parseJson } from '../../transport/read-body.js';
import type { Account } from '../../core/decision.js';
import type { BmoSettings } from './bmo-settings.js';
import type { ProviderDeps } from '../provider-definition.js';
import type { LookupTarget } from '../../core/request.js';
import { cleanText } from '../../core/clean-text.js';
import type { AccountProvider, LookupOutcome } from '../../core/account-provider.js';

/** B-MO does not publish its identity object's field names: these are the spellings we accept, first match wins. */
const FIELD_SPELLINGS = {
  firstName: ['firstname', 'firstName', 'first_name', 'given_name', 'givenName'],
  lastName: ['lastname', 'lastName', 'last_name', 'family_name', 'familyName', 'surname'],
  fullName: ['fullName', 'fullname', 'full_name', 'name'],
  phone: ['phone', 'phoneNumber', 'fullPhoneNumber', 'msisdn'],
} as const;

/** B-MO Customer Verification: `GET /external/customer/:fullPhoneNumber`. */
export class BmoProvider implements AccountProvider {
  readonly displayName = 'B-MO';
  readonly createsAccounts = true;
  readonly requiredFields = ['phone'] as const;

  /** The provider's ky client with B-MO's credential headers, built once: a lookup passes only its path and signal. */
  private readonly http: KyInstance;

  constructor(
    http: KyInstance,
    settings: BmoSettings,
    /** Its `credentialForms`: cut out of the provider's words before anything else is done with them. */
    private readonly config: Pick<ProviderDeps<unknown>, 'credentialForms'>,
  ) {
    this.http = http.extend({ headers: { 'X-Auth-ApiKey': settings.apiKey, 'X-Auth-ApiSecret': settings.apiSecret } });
  }

  async lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    // The phone is E.164 (validated): `+` then digits only, so nothing else can reach the path.
    const result = await exchange(() =>
      this.http.get(`external/customer/${encodeURIComponent(target.phone ?? '')}`, { signal }),
    );
    if (result.kind === 'answered' && result.status === 404) {
      return { kind: 'not-found', providerStatus: { code: 404, description: describe(result.body, this.config.credentialForms) } };
    }
    const common = transportOutcome(result);
    if (common) return common;
    if (result.kind !== 'answered') throw new Error('unreachable');
    if (result.status < 200 || result.status > 299) {
      return { kind: 'unexpected', detail: `HTTP ${result.status}`, providerStatus: { code: result.status } };
    }
    const identity = parseJson(result.body);
    if (!isRecord(identity)) {
      return { kind: 'unexpected', detail: 'the 200 body is not a JSON object', providerStatus: { code: result.status } };
    }
    return { kind: 'found', account: toAccount(identity, target, this.config.credentialForms), providerStatus: { code: 200 } };
  }
}

function toAccount(identity: Record<string, unknown>, target: LookupTarget, credentials: readonly string[]): Account {
  const pick = (spellings: readonly string[]) => {
    for (const key of spellings) {
      const value = Object.hasOwn(identity, key) ? cleanText(identity[key], 100, credentials) : undefined;
      if (value) return value;
    }
    return undefined;
  };
  const firstName = pick(FIELD_SPELLINGS.firstName);
  const lastName = pick(FIELD_SPELLINGS.lastName);
  const fullName = pick(FIELD_SPELLINGS.fullName) ?? ([firstName, lastName].filter(Boolean).join(' ') || undefined);
  // The number we asked about is the account's key; the body's copy is informative only.
  const account: Account = { phone: target.phone };
  if (firstName) account.firstName = firstName;
  if (lastName) account.lastName = lastName;
  if (fullName) account.fullName = fullName;
  return account;
}

/** The `message` of a B-MO error body, if it has one. */
function describe(body: string, credentials: readonly string[]): string | undefined {
  const parsed = parseJson(body);
  return isRecord(parsed) ? cleanText(parsed.message, 200, credentials) : undefined;
}
