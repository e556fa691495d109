import { createPrecheck } from '../create-precheck.js';
import { BEEP_TRIGGERS, BMO_TRIGGERS } from '../sandbox/fixtures.js';
import { beepRequest, bmoRequest } from '../sandbox/requests.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import type { Decision } from '../types/decision.js';
import type { PrecheckOptions } from '../types/options.js';
import type { Intent, PrecheckRequest } from '../types/request.js';

interface Case {
  provider: 'bmo' | 'beep';
  /** Never answers in time: checked side by side with the other silent cases, the rest one at a time. */
  silent?: boolean;
  answer: string;
  request: (intent: Intent) => PrecheckRequest;
  engine?: Omit<PrecheckOptions, 'providers'>;
  wrongCredentials?: boolean;
}

/**
 * Settings of the observed runs: a timeout long enough that only the silent triggers reach it, whatever the machine's
 * load; two retries (and a short back-off) for the triggers that fail twice, none elsewhere.
 */
const ENGINE = { http: { timeoutMs: 1000 }, breaker: false, cache: { ttlMs: 0, notFoundTtlMs: 0 } } as const;
const RETRYING = { ...ENGINE, http: { timeoutMs: 1000, retries: 2, backoffMs: 1 } } as const;

type Trigger = { value: string; case: string; answer: { kind: string; fault?: string } };
const isSilent = (trigger: Trigger) => trigger.answer.kind === 'fault' && ['hang', 'drip'].includes(trigger.answer.fault ?? '');
const engineFor = (trigger: Trigger) => (trigger.answer.kind === 'flaky' ? RETRYING : undefined);

const bmo = (phone: string, extra: Partial<PrecheckRequest> = {}) => (intent: Intent) => bmoRequest(intent, phone, extra);
const beep = (accountNumber: string) => (intent: Intent) => beepRequest(intent, accountNumber);

function cases(): Case[] {
  return [
    ...BMO_TRIGGERS.map((t): Case => ({ provider: 'bmo', answer: `${t.case} (${t.value})`, request: bmo(t.value), silent: isSilent(t), engine: engineFor(t) })),
    { provider: 'bmo', answer: 'customer not found, names given', request: bmo('+2290197000404', { names: { firstName: 'Afi', lastName: 'Agbo' } }) },
    { provider: 'bmo', answer: '401 wrong credentials', request: bmo('+2290197000001'), wrongCredentials: true },
    ...BEEP_TRIGGERS.map((t): Case => ({ provider: 'beep', answer: `${t.case} (${t.value})`, request: beep(t.value), silent: isSilent(t), engine: engineFor(t) })),
    { provider: 'beep', answer: "validation not set up (301), unverifiable: 'proceed'", request: beep('301001'), engine: { unverifiable: 'proceed' } },
    { provider: 'beep', answer: 'auth 132 wrong credentials', request: beep('307001'), wrongCredentials: true },
    { provider: 'bmo', answer: 'phone with path characters', request: bmo('+2290197000001/../admin') },
    { provider: 'beep', answer: 'missing serviceCode', request: (intent) => ({ provider: 'beep', intent, countryCode: 'GH', accountNumber: '307001' }) },
  ];
}

function detail(decision: Decision): string {
  switch (decision.status) {
    case 'proceed':
      return [decision.createAccount ? 'create account' : '', decision.verified ? 'verified' : 'unverified'].filter(Boolean).join(', ');
    case 'retry':
      return decision.reason + (decision.retryAfterMs !== undefined ? `, retry after ${decision.retryAfterMs} ms` : '');
    case 'abort':
      return decision.reason;
    default:
      return '';
  }
}

async function observe(sandbox: Sandbox, item: Case, intent: Intent): Promise<Decision> {
  const { bmo: bmoSettings, beep: beepSettings } = sandbox.providers;
  const precheck = createPrecheck({
    providers: item.wrongCredentials
      ? { bmo: { ...bmoSettings, apiSecret: 'wrong-secret' }, beep: { ...beepSettings, password: 'wrong-password' } }
      : sandbox.providers,
    ...ENGINE,
    ...item.engine,
  });
  return precheck.check(item.request(intent));
}

/**
 * Every provider × intent × provider answer, decided by the real engine against a fresh sandbox, as a Markdown
 * table. One check at a time: the table must come out the same on every run (the flaky triggers count attempts,
 * and a busy event loop would turn slow answers into timeouts).
 */
export async function decisionTable(): Promise<string> {
  const sandbox = await startSandbox();
  const show = (decision: Decision) => `${decision.status}${detail(decision) ? ` (${detail(decision)})` : ''}`;
  try {
    const row = async (item: Case) => {
      const [credit, debit] = item.silent
        ? await Promise.all([observe(sandbox, item, 'credit'), observe(sandbox, item, 'debit')])
        : [await observe(sandbox, item, 'credit'), await observe(sandbox, item, 'debit')];
      return `| ${item.provider === 'bmo' ? 'B-MO' : 'BEEP'} | ${item.answer.replace(/\|/g, '\\|')} | ${show(credit)} | ${show(debit)} |`;
    };
    const all = cases();
    const silentRows = Promise.all(all.filter((item) => item.silent).map(row));
    const rowsByCase = new Map<Case, string>();
    for (const item of all.filter((c) => !c.silent)) rowsByCase.set(item, await row(item));
    (await silentRows).forEach((text, index) => rowsByCase.set(all.filter((item) => item.silent)[index], text));
    const rows = all.map((item) => rowsByCase.get(item)!);
    return [
      `Observed against the sandbox over HTTP with \`${JSON.stringify(ENGINE)}\` (and \`retries: 2\` for the triggers that fail twice).`,
      '',
      '| provider | provider answer (sandbox trigger) | credit | debit |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    await sandbox.close();
  }
}
