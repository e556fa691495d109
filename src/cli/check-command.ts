import { parseArgs } from 'node:util';
import { createPrecheck } from '../create-precheck.js';
import { PrecheckConfigError } from '../options/read-options.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import type { Decision, DecisionStatus } from '../types/decision.js';
import type { PrecheckRequest } from '../types/request.js';
import { anyProvider, PROVIDER_ENV_HELP, providersFromEnv } from './provider-env.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_HELP, engineOptionsFrom } from './engine-options.js';
import { writePath } from './docs-command.js';

export const EXIT_CODES: Record<DecisionStatus, number> = { proceed: 0, 'needs-names': 3, 'needs-confirmation': 6, abort: 4, retry: 5 };

export const CHECK_HELP = `Usage: precheck check --provider bmo|beep|mtn-momo|gsma --intent credit|debit [fields] [--sandbox] [--json]

Runs one pre-check. Endpoints and credentials come from the environment, or from the embedded sandbox with --sandbox.

Fields:
  --phone +2290197000001      B-MO's, MTN MoMo's and GSMA's key; BEEP's MSISDN
  --account-number 307001     BEEP account number (GSMA's, with an identifier type other than msisdn) (also --account)
  --service-code GH-DSTV      BEEP service code (also --service)
  --country-code GH           BEEP country, ISO alpha-2 (also --country)
  --transaction-id ID         your reference (BEEP payerTransactionID)
  --first-name NAME --last-name NAME   names for a credit that creates a B-MO account
  --confirm-payee             stop at a found account and print its name (needs-confirmation)
  --payee-name "NAME"         the payee's name as the payer typed it: checked against the name the provider holds
                              (match proceeds, close match asks to confirm, no match aborts name-mismatch)
Options:
  --sandbox       check against the embedded fake B-MO and BEEP instead of the environment's endpoints
${ENGINE_FLAGS_HELP}
  --json          print the decision as JSON (errors too: {"status":"error","error":"usage"|"configuration","message"})
  --path FILE     also write the check's path on the chart, as SVG (see precheck docs --path)
Environment:
${PROVIDER_ENV_HELP}
Exit code: 0 proceed, 3 needs-names, 4 abort, 5 retry, 6 needs-confirmation, 2 usage or configuration error.`;

function describe(decision: Decision): string {
  const lines = [`${decision.status.toUpperCase()}  ${decision.provider} ${decision.intent}`];
  if (decision.status === 'proceed') {
    lines.push(`  verified: ${decision.verified}  create account: ${decision.createAccount}`);
    for (const [key, value] of Object.entries(decision.account)) lines.push(`  ${key}: ${value}`);
  } else {
    if ('reason' in decision) lines.push(`  reason: ${decision.reason}`);
    lines.push(`  ${decision.message}`);
    if (decision.status === 'retry' && decision.retryAfterMs !== undefined) lines.push(`  retry after: ${decision.retryAfterMs} ms`);
    if (decision.status === 'needs-confirmation' && !decision.nameCheck) lines.push(`  account name: ${decision.account.fullName ?? '(none)'}`);
  }
  if ('nameCheck' in decision && decision.nameCheck) {
    const { result, code, heldName } = decision.nameCheck;
    lines.push(`  name check: ${result} (${code})${heldName ? `, held name: ${heldName}` : ''}`);
  }
  if (decision.transactionId) lines.push(`  transaction: ${decision.transactionId}`);
  return lines.join('\n');
}

/** A field named as the request names it, or by its short alias; both with different values is a usage error. */
function eitherName(name: string, value: string | undefined, alias: string, aliasValue: string | undefined): string | undefined {
  if (value !== undefined && aliasValue !== undefined && value !== aliasValue) {
    throw new Error(`${name} and ${alias} are the same field: give it once`);
  }
  return value ?? aliasValue;
}

export async function checkCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      provider: { type: 'string' },
      intent: { type: 'string' },
      phone: { type: 'string' },
      'account-number': { type: 'string' },
      'service-code': { type: 'string' },
      'country-code': { type: 'string' },
      account: { type: 'string' },
      service: { type: 'string' },
      country: { type: 'string' },
      'transaction-id': { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      'payee-name': { type: 'string' },
      sandbox: { type: 'boolean' },
      json: { type: 'boolean' },
      path: { type: 'string' },
      ...ENGINE_FLAGS,
    },
  });
  const request = {
    provider: values.provider,
    intent: values.intent,
    phone: values.phone,
    accountNumber: eitherName('--account-number', values['account-number'], '--account', values.account),
    serviceCode: eitherName('--service-code', values['service-code'], '--service', values.service),
    countryCode: eitherName('--country-code', values['country-code'], '--country', values.country),
    transactionId: values['transaction-id'],
    ...(values['payee-name'] !== undefined && { payeeName: values['payee-name'] }),
    names:
      values['first-name'] !== undefined || values['last-name'] !== undefined
        ? { firstName: values['first-name'] ?? '', lastName: values['last-name'] ?? '' }
        : undefined,
  } as PrecheckRequest;

  const engineOptions = engineOptionsFrom(values, process.env);
  const providers = values.sandbox ? undefined : providersFromEnv(process.env);
  if (providers && !anyProvider(providers)) {
    throw new PrecheckConfigError('No provider configured: set the PRECHECK_* variables (see --help) or pass --sandbox.');
  }
  let sandbox: Sandbox | undefined;
  try {
    if (values.sandbox) sandbox = await startSandbox();
    const engine = createPrecheck({
      ...engineOptions,
      providers: sandbox?.providers ?? providers!,
    });
    const decision = await engine.check(request);
    out(values.json ? JSON.stringify(decision) : describe(decision));
    if (values.path !== undefined) await writePath(values.path, decision, out);
    return EXIT_CODES[decision.status];
  } finally {
    await sandbox?.close();
  }
}
