import type { KyInstance } from 'ky';
import { exchange, transportOutcome } from '../shared/exchange.js';
import { isRecord, parseJson } from '../../transport/read-body.js';
import type { BeepSettings } from './beep-settings.js';
import type { ProviderDeps } from '../provider-definition.js';
import type { LookupTarget } from '../../core/request.js';
import { cleanText } from '../../core/clean-text.js';
import type { AccountProvider, LookupOutcome, ProviderStatus } from '../../core/account-provider.js';
import { DEFAULT_BEEP_PATH } from './beep-path.js';

export { DEFAULT_BEEP_PATH };

const AUTH_SUCCEEDED = 131;
const AUTH_FAILED = 132;
const AUTH_GENERIC_FAILURE = 174;

/** BEEP result codes that say the account is valid: 307 valid, 308 bill available, 200 profile action succeeded. */
const ACCOUNT_VALID = new Set([200, 307, 308]);
const INVALID_ACCOUNT = 306;
const VALIDATION_NOT_SET_UP = 301;
const SERVICE_NOT_CONFIGURED = 167;

/** BEEP `validateAccount`, over the v1 global API: one POST, the outcome in the body's codes. */
export class BeepProvider implements AccountProvider {
  readonly displayName = 'BEEP';
  readonly createsAccounts = false;
  readonly requiredFields = ['countryCode', 'serviceCode', 'accountNumber'] as const;

  constructor(
    private readonly http: KyInstance,
    private readonly settings: BeepSettings,
    /** Its `credentialForms`: cut out of the provider's words before anything else is done with them. */
    private readonly config: Pick<ProviderDeps<unknown>, 'credentialForms'>,
  ) {}

  async lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const packet = {
      serviceCode: target.serviceCode,
      MSISDN: target.phone?.slice(1),
      accountNumber: target.accountNumber,
      payerTransactionID: target.transactionId,
      requestExtraData: target.extra ?? {},
    };
    const body = {
      function: 'BEEP.validateAccount',
      countryCode: target.countryCode,
      payload: { credentials: { username: this.settings.username, password: this.settings.password }, packet: [packet] },
    };
    const path = (this.settings.path ?? DEFAULT_BEEP_PATH).replace(/^\//, '');
    const result = await exchange(() => this.http.post(path, { json: body, signal }));
    const common = transportOutcome(result);
    if (common) return common;
    if (result.kind !== 'answered') throw new Error('unreachable');
    if (result.status < 200 || result.status > 299) {
      return { kind: 'unexpected', detail: `HTTP ${result.status}`, providerStatus: { code: result.status } };
    }
    return readValidation(parseJson(result.body), target, this.config.credentialForms);
  }
}

/** Maps the documented JSON answer; anything else is `unexpected`. */
function readValidation(answer: unknown, target: LookupTarget, credentials: readonly string[]): LookupOutcome {
  const text = (value: unknown, maxLength?: number) => cleanText(value, maxLength, credentials);
  if (!isRecord(answer) || !isRecord(answer.authStatus)) {
    return { kind: 'unexpected', detail: 'the body is not a validateAccount answer' };
  }
  const authCode = toCode(answer.authStatus.authStatusCode);
  const authStatus: ProviderStatus = { code: authCode ?? 'missing', description: text(answer.authStatus.authStatusDescription) };
  if (authCode === AUTH_FAILED) return { kind: 'refused', reason: 'auth-failed', providerStatus: authStatus };
  if (authCode === AUTH_GENERIC_FAILURE) {
    return { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: authStatus };
  }
  if (authCode !== AUTH_SUCCEEDED) return { kind: 'unexpected', detail: 'unknown auth status', providerStatus: authStatus };

  const result = Array.isArray(answer.results) ? answer.results[0] : undefined;
  if (!isRecord(result)) return { kind: 'unexpected', detail: 'no result in the answer', providerStatus: authStatus };
  const code = toCode(result.statusCode);
  const providerStatus: ProviderStatus = { code: code ?? 'missing', description: text(result.statusDescription) };
  if (code !== undefined && ACCOUNT_VALID.has(code)) {
    const fullName = text(result.customerName, 100);
    const accountNumber = text(result.accountNumber, 64) ?? target.accountNumber;
    return {
      kind: 'found',
      account: { ...(target.phone && { phone: target.phone }), accountNumber, ...(fullName && { fullName }) },
      providerStatus,
    };
  }
  if (code === INVALID_ACCOUNT) return { kind: 'not-found', providerStatus };
  if (code === VALIDATION_NOT_SET_UP) return { kind: 'unverifiable', providerStatus };
  if (code === SERVICE_NOT_CONFIGURED) return { kind: 'refused', reason: 'service-not-configured', providerStatus };
  return { kind: 'unexpected', detail: 'unknown result status', providerStatus };
}

/** The docs type codes as integers; gateways have been seen sending them as strings. */
function toCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,4}$/.test(value)) return Number(value);
  return undefined;
}
