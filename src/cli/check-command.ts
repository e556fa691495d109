import { RESUME_BY_CHECK_ID } from '../../machines/precheck.decisions.js';
import { createPrecheck } from '../engine/create-precheck.js';
import { PrecheckConfigError } from '../engine/options/read-options.js';
import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { providerVariant, sandboxVariants } from '../sandbox/wrong-credentials.js';
import { PARTY_ID_TYPES } from '../core/party-id-type.js';
import type { Decision, DecisionStatus } from '../core/decision.js';
import { INTENTS, type PrecheckRequest } from '../core/request.js';
import { ENGINE_FLAGS, ENGINE_FLAGS_HELP, engineOptionsFrom } from './engine-options.js';
import { parseFlags } from './parse-flags.js';
import { anyProvider, PROVIDER_ENV_HELP, providersFromEnv } from './provider-env.js';
import { listChoices, readChoice } from './read-choice.js';
import { UsageError } from './usage-error.js';
import { writePath } from './docs-command.js';
import { providersInWords } from './provider-words.js';

export const EXIT_CODES: Record<DecisionStatus, number> = { proceed: 0, 'needs-names': 3, 'needs-confirmation': 6, abort: 4, retry: 5 };

/** The providers `--sandbox` answers for: every built-in one. */
const SANDBOX_PROVIDERS: readonly string[] = BUILTIN_PROVIDERS.map((provider) => provider.name);

export const CHECK_HELP = `Usage: precheck check --provider ${SANDBOX_PROVIDERS.join('|')} --intent credit|debit [fields] [--sandbox] [--json]

Runs one pre-check against ${providersInWords('or')}. Endpoints and credentials come from the environment, or from
the embedded sandbox with --sandbox.

Fields:
  --phone +2290197000001      B-MO's, MTN MoMo's and GSMA's key; BEEP's MSISDN
  --account-number 307001     BEEP account number (GSMA's, with an identifier type other than msisdn) (also --account)
  --service-code GH-DSTV      BEEP service code (also --service)
  --country-code GH           BEEP country, ISO alpha-2 (also --country)
  --party-id-type TYPE --party-identifier ID [--party-sub-id SUB]
                              Mojaloop's party, instead of --phone (TYPE: ${PARTY_ID_TYPES.join(', ')})
  --currency XOF              ISO 4217: a party that lists its currencies must take it
  --transaction-id ID         your reference (BEEP payerTransactionID)
  --first-name NAME --last-name NAME   names for a credit that creates a B-MO account: a check that stops at
                              needs-names proceeds when run again with them
  --confirm-payee             stop at a found account and print its name (needs-confirmation)
  --payee-name "NAME"         the payee's name as the payer typed it: checked against the name the provider holds
                              (match proceeds, close match asks to confirm, no match aborts name-mismatch)
  --confirm | --reject        the payer's answer to needs-confirmation: run the same check again with it, and where
                              it stops to ask, it goes on with that answer (proceed, or abort payee-rejected)
Options:
  --sandbox       check against the embedded fake ${providersInWords()} instead of the environment's endpoints
  --sandbox-variant NAME   with --sandbox, a fake's settings that need more than a trigger, e.g. mojaloop-fspiop
                  (Mojaloop through the FSPIOP switch fake, signed callbacks); a wrong name lists them all
${ENGINE_FLAGS_HELP}
  --json          print the decision as JSON (errors too: {"status":"error","error":"usage"|"configuration"|"runtime","message"})
  --path FILE     also write the check's path on the chart, as SVG (see precheck docs --path)
Environment:
${PROVIDER_ENV_HELP}
Exit code: 0 proceed, 3 needs-names, 4 abort, 5 retry, 6 needs-confirmation, 2 usage or configuration error,
1 a failure at run time (the sandbox could not start, say).`;

/** How a paused check goes on from the command line: the CLI keeps no check between runs, so it is run again. */
const RUN_AGAIN = {
  'needs-names': 'run the same check again with --first-name NAME --last-name NAME.',
  'needs-confirmation': 'then run the same check again with --confirm (or --reject).',
} as const;

/**
 * The decision as the CLI can act on it: without a `checkId` (this process's store ends with it), and a pause says
 * which flags go on with it, rather than how a library caller resumes by id.
 */
function inCliWords(decision: Decision): Decision {
  const { checkId: _unusable, ...rest } = decision;
  if (rest.status !== 'needs-names' && rest.status !== 'needs-confirmation') return rest;
  const byId = rest.status === 'needs-names' ? RESUME_BY_CHECK_ID.names : RESUME_BY_CHECK_ID.confirmation;
  const message = rest.message.endsWith(byId) ? `${rest.message.slice(0, -byId.length)}${RUN_AGAIN[rest.status]}` : rest.message;
  return { ...rest, message };
}

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
    throw new UsageError(`${name} and ${alias} are the same field: give it once`);
  }
  return value ?? aliasValue;
}

/** `--provider`, one of those this run can ask: the sandbox's, or those the environment configures. */
function readProvider(text: string | undefined, configured: readonly string[], sandbox: boolean): string {
  if (text === undefined) throw new UsageError(`--provider is required: ${listChoices(configured)}`);
  if (!sandbox && !configured.includes(text) && SANDBOX_PROVIDERS.includes(text)) {
    throw new PrecheckConfigError(
      `--provider ${text} is not configured: set its PRECHECK_* variables (see --help) or pass --sandbox; configured: ${configured.join(', ')}`,
    );
  }
  return readChoice('--provider', text, configured)!;
}

export async function checkCommand(args: string[], out: (text: string) => void): Promise<number> {
  const { values } = parseFlags({
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
      'party-id-type': { type: 'string' },
      'party-identifier': { type: 'string' },
      'party-sub-id': { type: 'string' },
      currency: { type: 'string' },
      'sandbox-variant': { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      'payee-name': { type: 'string' },
      confirm: { type: 'boolean' },
      reject: { type: 'boolean' },
      sandbox: { type: 'boolean' },
      json: { type: 'boolean' },
      path: { type: 'string' },
      ...ENGINE_FLAGS,
    },
  });
  if (values.confirm && values.reject) throw new UsageError('--confirm and --reject are two answers to the same question: give one');
  if ((values['first-name'] === undefined) !== (values['last-name'] === undefined)) {
    throw new UsageError('--first-name and --last-name go together: give both');
  }
  if (values['sandbox-variant'] !== undefined && !values.sandbox) throw new UsageError('--sandbox-variant goes with --sandbox');
  const answer = values.confirm ? 'CONFIRM' : values.reject ? 'REJECT' : undefined;
  const engineOptions = engineOptionsFrom(values, process.env);
  const providers = values.sandbox ? undefined : providersFromEnv(process.env);
  if (providers && !anyProvider(providers)) {
    throw new PrecheckConfigError('No provider configured: set the PRECHECK_* variables (see --help) or pass --sandbox.');
  }
  const configured = providers ? Object.keys(providers).filter((name) => providers[name as keyof typeof providers]) : [...SANDBOX_PROVIDERS];
  const request = {
    provider: readProvider(values.provider, configured, values.sandbox === true),
    intent: values.intent === undefined ? undefined : readChoice('--intent', values.intent, INTENTS),
    phone: values.phone,
    accountNumber: eitherName('--account-number', values['account-number'], '--account', values.account),
    serviceCode: eitherName('--service-code', values['service-code'], '--service', values.service),
    countryCode: eitherName('--country-code', values['country-code'], '--country', values.country),
    transactionId: values['transaction-id'],
    partyIdType: values['party-id-type'],
    partyIdentifier: values['party-identifier'],
    partySubIdOrType: values['party-sub-id'],
    currency: values.currency,
    ...(values['payee-name'] !== undefined && { payeeName: values['payee-name'] }),
    names: values['first-name'] !== undefined ? { firstName: values['first-name'], lastName: values['last-name']! } : undefined,
  } as PrecheckRequest;
  if (request.intent === undefined) throw new UsageError(`--intent is required: ${listChoices(INTENTS)}`);
  const variant = values['sandbox-variant'] === undefined ? undefined : readChoice('--sandbox-variant', values['sandbox-variant'], await sandboxVariants());

  let sandbox: Sandbox | undefined;
  try {
    if (values.sandbox) sandbox = await startSandbox();
    const engine = createPrecheck({
      ...engineOptions,
      providers: sandbox ? { ...sandbox.providers, ...(variant && providerVariant(sandbox, variant)) } : providers!,
    });
    // The sandbox's switch calls this engine back (a provider that answers by callback).
    sandbox?.attach(engine);
    let decision = await engine.check(request);
    // The payer answered on the command line: this process still holds the paused check, and resumes it with that.
    if (answer && decision.status === 'needs-confirmation' && decision.checkId) decision = await engine.resume(decision.checkId, { type: answer });
    await engine.close();
    const shown = inCliWords(decision);
    out(values.json ? JSON.stringify(shown) : describe(shown));
    if (values.path !== undefined) await writePath(values.path, decision, out);
    return EXIT_CODES[shown.status];
  } finally {
    await sandbox?.close();
  }
}
