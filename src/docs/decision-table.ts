import { createPrecheck } from '../engine/create-precheck.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { providerVariant, withWrongCredentials } from '../sandbox/wrong-credentials.js';
import type { Decision } from '../core/decision.js';
import type { Intent, PrecheckRequest } from '../core/request.js';
import { decisionCases, type DecisionCase } from '../sandbox/decision-cases.js';

/**
 * Bound on one attempt. The triggers that never answer (or drip) reach it whatever it is; every other check gets
 * a bound it cannot reach, so that a busy machine cannot turn a slow answer into a timeout and change the table.
 */
const SILENT_TIMEOUT_MS = 300;
const TIMEOUT_MS = 5000;
const INTENTS: Intent[] = ['credit', 'debit'];
/** Accounts checked side by side: enough to finish fast, few enough that none waits on the others' work. */
const CONCURRENCY = 8;
/** How the table names a provider: as its definition does. */
const displayName = (name: string) => BUILTIN_PROVIDERS.find((provider) => provider.name === name)?.displayName ?? name;

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
  // A provider that answers by callback (the sandbox's switch) calls this engine back.
  const detach = sandbox.attach(precheck);
  try {
    return await precheck.check(item.request(intent));
  } finally {
    detach();
    precheck.close();
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** One observed decision: what the table shows, the states its path entered, and the sandbox command that repeats it. */
export interface ObservedRow {
  provider: string;
  intent: Intent;
  answer: string;
  status: Decision['status'];
  detail: string;
  /** Every state the check was in, by id, in order (from `trace.transitions`). */
  states: string[];
  /** `precheck check --sandbox …`, when the case needs nothing the CLI cannot say (wrong credentials, variants). */
  command?: string;
}

const FLAGS: [keyof PrecheckRequest, string][] = [
  ['phone', '--phone'],
  ['accountNumber', '--account-number'],
  ['serviceCode', '--service-code'],
  ['countryCode', '--country-code'],
  ['partyIdType', '--party-id-type'],
  ['partyIdentifier', '--party-identifier'],
  ['partySubIdOrType', '--party-sub-id'],
  ['currency', '--currency'],
  ['payeeName', '--payee-name'],
];

/** The CLI command that runs a case against the embedded sandbox, or undefined when flags cannot say it. */
function commandOf(item: DecisionCase, intent: Intent): string | undefined {
  if (item.wrongCredentials || item.variant) return undefined;
  const request = item.request(intent) as PrecheckRequest & Record<string, unknown>;
  const known = new Set(['provider', 'intent', 'names', ...FLAGS.map(([key]) => key)]);
  if (Object.keys(request).some((key) => !known.has(key) && request[key] !== undefined)) return undefined;
  const quoteArg = (value: string) => (/^[\w+.@:-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);
  const parts = ['precheck check --sandbox', `--provider ${request.provider}`, `--intent ${intent}`];
  for (const [key, flag] of FLAGS) if (typeof request[key] === 'string') parts.push(`${flag} ${quoteArg(request[key] as string)}`);
  if (request.names) parts.push(`--first-name ${quoteArg(request.names.firstName)} --last-name ${quoteArg(request.names.lastName)}`);
  const { http, unverifiable, ...rest } = item.engine ?? {};
  if (Object.keys(rest).length > 0) return undefined;
  if (http?.retries !== undefined) parts.push(`--retries ${http.retries}`);
  if (http?.backoffMs !== undefined) parts.push(`--backoff-ms ${http.backoffMs}`);
  if (item.silent) parts.push(`--timeout-ms ${SILENT_TIMEOUT_MS}`);
  if (unverifiable !== undefined) parts.push(`--unverifiable ${unverifiable}`);
  return parts.join(' ');
}

const statesOf = (decision: Decision) => {
  const transitions = decision.trace.transitions ?? [];
  return transitions.length === 0 ? [] : [transitions[0].from, ...transitions.map((entry) => entry.to)];
};

/**
 * Every provider × intent × provider answer, decided by the real engine over HTTP against a fresh sandbox.
 * Accounts are checked side by side (a few at a time), the checks of one account one after the other; the rows come
 * out in the cases' order, whatever order the checks finish in.
 */
export async function observedRows(): Promise<ObservedRow[]> {
  const sandbox = await startSandbox();
  try {
    const cases = decisionCases();
    // Warm up (code paths, connections) with one check per provider, so that the first rows are not timed cold.
    const firstOfEach = cases.filter((item, i) => cases.findIndex((other) => other.provider === item.provider) === i);
    await Promise.all(firstOfEach.map((item) => observe(sandbox, item, 'debit')));
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
    return cases.flatMap((item, index) =>
      INTENTS.map((intent): ObservedRow => {
        const decision = decisions.get(`${index} ${intent}`)!;
        const command = commandOf(item, intent);
        return {
          provider: displayName(item.provider),
          intent,
          answer: item.answer,
          status: decision.status,
          detail: detail(decision),
          states: statesOf(decision),
          ...(command && { command }),
        };
      }),
    );
  } finally {
    await sandbox.close();
  }
}

/** The observed decisions as a Markdown table. */
export async function decisionTable(observed?: ObservedRow[]): Promise<string> {
  const rows = (observed ?? (await observedRows())).map(
    (row) => `| ${[row.provider, row.intent, row.answer, row.status, row.detail].map(cell).join(' | ')} |`,
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
}
