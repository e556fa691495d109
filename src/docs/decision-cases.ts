import { BEEP_TRIGGERS, BMO_TRIGGERS, type Trigger } from '../sandbox/fixtures.js';
import { GSMA_TRIGGERS } from '../sandbox/gsma-fixtures.js';
import { MTN_TRIGGERS } from '../sandbox/mtn-momo-fixtures.js';
import { beepRequest, bmoRequest, gsmaRequest, mtnRequest } from '../sandbox/requests.js';
import type { ProviderVariant } from '../sandbox/wrong-credentials.js';
import type { PrecheckOptions } from '../types/options.js';
import type { Intent, PrecheckRequest } from '../types/request.js';

/** One provider answer to observe, for both intents. */
export interface DecisionCase {
  provider: 'bmo' | 'beep' | 'mtn-momo' | 'gsma';
  /** The provider's answer in words, with the sandbox value that triggers it. */
  answer: string;
  request: (intent: Intent) => PrecheckRequest;
  /** Engine options on top of the sandbox's providers and the table's timeout. */
  engine?: Omit<PrecheckOptions, 'providers'>;
  wrongCredentials?: boolean;
  /** Provider settings that need more than a trigger value (see `providerVariant`). */
  variant?: ProviderVariant;
  /** The trigger never answers (or drips): only these checks are meant to reach the per-attempt timeout. */
  silent?: boolean;
  /**
   * Checks of the same account run one after the other: the sandbox counts the failures of its "fails N times"
   * triggers per account, so two checks side by side would share them.
   */
  account: string;
}

/** The triggers that fail a few times and then answer: checked with enough retries to get past the failures. */
const RETRYING: Omit<PrecheckOptions, 'providers'> = { http: { retries: 2, backoffMs: 1 } };
const engineFor = (trigger: Trigger<{ kind: string }>) => (trigger.answer.kind === 'flaky' ? RETRYING : undefined);
const withRetries = (trigger: Trigger<{ kind: string }>) => (trigger.answer.kind === 'flaky' ? ', retries: 2' : '');
const isSilent = (trigger: Trigger<{ kind: string; fault?: string }>) =>
  trigger.answer.kind === 'fault' && (trigger.answer.fault === 'hang' || trigger.answer.fault === 'drip');

const bmo = (phone: string, extra: Partial<PrecheckRequest> = {}) => (intent: Intent) => bmoRequest(intent, phone, extra);
const beep = (accountNumber: string) => (intent: Intent) => beepRequest(intent, accountNumber);
const mtn = (phone: string) => (intent: Intent) => mtnRequest(intent, phone);
/** A GSMA trigger is `type/identifier`: a phone for `msisdn`, an account number (and its settings) otherwise. */
const gsma = (trigger: string) => {
  const [type, identifier] = trigger.split('/');
  return type === 'msisdn'
    ? { request: (intent: Intent) => gsmaRequest(intent, identifier) }
    : { request: (intent: Intent): PrecheckRequest => ({ provider: 'gsma', intent, accountNumber: identifier }), variant: 'gsma-accountid' as const };
};

/** The name check under the default policy: typed name and the name-check account it is checked against. */
const NAME_CHECK_CASES = {
  bmo: [
    ['Kofi Mensah', '+2290197000020'],
    ['Kofi Mensha', '+2290197000020'],
    ['Yaw Mensah', '+2290197000020'],
    ['Kofi Mensah', '+2290197000021'],
  ],
  beep: [
    ['Mamadou Aliou Diallo', '307002'],
    ['Mamadou Diallo', '307002'],
    ['Ousmane Diallo', '307002'],
    ['Kofi Mensah', '307003'],
  ],
} as const;

/** Every sandbox trigger of every provider, and the cases that need more than a trigger. */
export function decisionCases(): DecisionCase[] {
  return [
    ...BMO_TRIGGERS.map(
      (t): DecisionCase => ({ provider: 'bmo', answer: `${t.case} (\`${t.value}\`${withRetries(t)})`, request: bmo(t.value), engine: engineFor(t), silent: isSilent(t), account: t.value }),
    ),
    {
      provider: 'bmo',
      answer: 'customer not found, names given (`+2290197000404`)',
      request: bmo('+2290197000404', { names: { firstName: 'Afi', lastName: 'Agbo' } }),
      account: '+2290197000404',
    },
    ...NAME_CHECK_CASES.bmo.map(
      ([payeeName, phone]): DecisionCase => ({
        provider: 'bmo',
        answer: `found, payeeName "${payeeName}" (\`${phone}\`)`,
        request: bmo(phone, { payeeName }),
        account: phone,
      }),
    ),
    { provider: 'bmo', answer: '401 wrong credentials (`+2290197000001`)', request: bmo('+2290197000001'), wrongCredentials: true, account: '+2290197000001' },
    { provider: 'bmo', answer: 'phone with path characters (`+2290197000001/../admin`)', request: bmo('+2290197000001/../admin'), account: 'invalid' },
    ...BEEP_TRIGGERS.map(
      (t): DecisionCase => ({ provider: 'beep', answer: `${t.case} (\`${t.value}\`${withRetries(t)})`, request: beep(t.value), engine: engineFor(t), silent: isSilent(t), account: t.value }),
    ),
    {
      provider: 'beep',
      answer: "validation not set up (301) (`301001`, unverifiable: 'proceed')",
      request: beep('301001'),
      engine: { unverifiable: 'proceed' },
      account: '301001',
    },
    ...NAME_CHECK_CASES.beep.map(
      ([payeeName, accountNumber]): DecisionCase => ({
        provider: 'beep',
        answer: `account valid (307), payeeName "${payeeName}" (\`${accountNumber}\`)`,
        request: (intent) => beepRequest(intent, accountNumber, { payeeName }),
        account: accountNumber,
      }),
    ),
    { provider: 'beep', answer: 'auth 132 wrong credentials (`307001`)', request: beep('307001'), wrongCredentials: true, account: '307001' },
    {
      provider: 'beep',
      answer: 'missing serviceCode (`307001`)',
      request: (intent) => ({ provider: 'beep', intent, countryCode: 'GH', accountNumber: '307001' }),
      account: 'invalid',
    },
    ...MTN_TRIGGERS.map(
      (t): DecisionCase => ({ provider: 'mtn-momo', answer: `${t.case} (\`${t.value}\`${withRetries(t)})`, request: mtn(t.value), engine: engineFor(t), silent: isSilent(t), account: `mtn ${t.value}` }),
    ),
    { provider: 'mtn-momo', answer: 'any other number: active, "Sand Box" (`+256772123456`)', request: mtn('+256772123456'), account: 'mtn +256772123456' },
    { provider: 'mtn-momo', answer: 'token refused: wrong API key (`+2290196000001`)', request: mtn('+2290196000001'), wrongCredentials: true, account: 'mtn +2290196000001' },
    { provider: 'mtn-momo', answer: '404 without an MTN body: a base URL path that leads nowhere (`+2290196000001`)', request: mtn('+2290196000001'), variant: 'wrong-base-path', account: 'mtn +2290196000001' },
    { provider: 'mtn-momo', answer: 'only a collection key configured (`+2290196000001`)', request: mtn('+2290196000001'), variant: 'collection-key-only', account: 'mtn +2290196000001' },
    ...GSMA_TRIGGERS.map(
      (t): DecisionCase => ({ provider: 'gsma', answer: `${t.case} (\`${t.value}\`${withRetries(t)})`, ...gsma(t.value), engine: engineFor(t), silent: isSilent(t), account: `gsma ${t.value}` }),
    ),
    { provider: 'gsma', answer: 'any other identifier: 404 identification (`msisdn/+233240009999`)', request: (intent) => gsmaRequest(intent, '+233240009999'), account: 'gsma +233240009999' },
    { provider: 'gsma', answer: 'Basic authentication, available (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), variant: 'gsma-basic', account: 'gsma msisdn/+233240000001' },
    { provider: 'gsma', answer: 'token refused: wrong client secret (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), wrongCredentials: true, account: 'gsma msisdn/+233240000001' },
    { provider: 'gsma', answer: '404 without an errorObject: a base URL path that leads nowhere (`msisdn/+233240000001`)', request: (intent) => gsmaRequest(intent, '+233240000001'), variant: 'wrong-base-path', account: 'gsma msisdn/+233240000001' },
  ];
}
