import { createPrecheck } from '../create-precheck.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { providerVariant, withWrongCredentials } from '../sandbox/wrong-credentials.js';
import type { Decision } from '../types/decision.js';
import type { Intent } from '../types/request.js';
import { decisionCases, type DecisionCase } from './decision-cases.js';

/**
 * Bound on one attempt. The triggers that never answer (or drip) reach it whatever it is; every other check gets
 * a bound it cannot reach, so that a busy machine cannot turn a slow answer into a timeout and change the table.
 */
const SILENT_TIMEOUT_MS = 300;
const TIMEOUT_MS = 5000;
const INTENTS: Intent[] = ['credit', 'debit'];
/** Accounts checked side by side: enough to finish fast, few enough that none waits on the others' work. */
const CONCURRENCY = 8;
const PROVIDER_NAMES = { bmo: 'B-MO', beep: 'BEEP', 'mtn-momo': 'MTN MoMo', gsma: 'GSMA' } as const;

/** What the decision says beyond its status; never anything that changes from run to run (ids, timings). */
function detail(decision: Decision): string {
  const nameCheck = 'nameCheck' in decision && decision.nameCheck ? `, nameCheck ${decision.nameCheck.code}` : '';
  switch (decision.status) {
    case 'proceed':
      return `createAccount: ${decision.createAccount}, verified: ${decision.verified}${nameCheck}`;
    case 'retry':
      return decision.reason + (decision.retryAfterMs !== undefined ? `, retry after ${decision.retryAfterMs} ms` : '');
    case 'abort':
      return decision.reason + nameCheck;
    default:
      return nameCheck ? nameCheck.slice(2) : '—';
  }
}

/** One check through a fresh engine (its own circuit breaker and cache: checks side by side do not interfere). */
async function observe(sandbox: Sandbox, item: DecisionCase, intent: Intent): Promise<Decision> {
  const providers = item.wrongCredentials ? withWrongCredentials(sandbox.providers) : sandbox.providers;
  const precheck = createPrecheck({
    providers: { ...providers, ...(item.variant && providerVariant(sandbox, item.variant)) },
    ...item.engine,
    http: { timeoutMs: item.silent ? SILENT_TIMEOUT_MS : TIMEOUT_MS, ...item.engine?.http },
  });
  try {
    return await precheck.check(item.request(intent));
  } finally {
    precheck.close();
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * Every provider × intent × provider answer, decided by the real engine over HTTP against a fresh sandbox, as a
 * Markdown table. Accounts are checked side by side (a few at a time), the checks of one account one after the
 * other; the rows come out in the cases' order, whatever order the checks finish in.
 */
export async function decisionTable(): Promise<string> {
  const sandbox = await startSandbox();
  try {
    const cases = decisionCases();
    // Warm up (code paths, connections) with one check per provider, so that the first rows are not timed cold.
    const firstOf = (provider: DecisionCase['provider']) => cases.find((item) => item.provider === provider)!;
    await Promise.all([firstOf('bmo'), firstOf('beep'), firstOf('mtn-momo'), firstOf('gsma')].map((item) => observe(sandbox, item, 'debit')));
    const decisions = new Map<string, Decision>();
    const byAccount = new Map<string, DecisionCase[]>();
    for (const item of cases) byAccount.set(item.account, [...(byAccount.get(item.account) ?? []), item]);
    const accounts = [...byAccount.values()];
    const worker = async () => {
      for (let items = accounts.shift(); items; items = accounts.shift()) {
        for (const item of items) {
          for (const intent of INTENTS) decisions.set(`${cases.indexOf(item)} ${intent}`, await observe(sandbox, item, intent));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const rows = cases.flatMap((item, index) =>
      INTENTS.map((intent) => {
        const decision = decisions.get(`${index} ${intent}`)!;
        return `| ${[PROVIDER_NAMES[item.provider], intent, item.answer, decision.status, detail(decision)].map(cell).join(' | ')} |`;
      }),
    );
    return [
      'Observed against the sandbox over HTTP, one engine per check: ' +
        `\`createPrecheck({ providers: sandbox.providers, http: { timeoutMs: ${SILENT_TIMEOUT_MS} } })\` for the triggers that never ` +
        `answer (or drip), \`timeoutMs: ${TIMEOUT_MS}\` for the others (which answer at once), plus the option the answer names.`,
      '',
      '| provider | intent | provider answer (sandbox trigger) | decision | reason / createAccount / verified |',
      '|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    await sandbox.close();
  }
}
