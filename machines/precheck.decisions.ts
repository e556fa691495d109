import type {
  AbortReason,
  Account,
  Decision,
  NeedsConfirmationDecision,
  NeedsNamesDecision,
  PayeeNameCheck,
  RetryReason,
  Trace,
} from '../src/core/decision.js';
import type { Intent } from '../src/core/request.js';
import { boundRetryAfter } from '../src/core/retry-after.js';
import type { PrecheckContext } from './precheck.context.js';

/** The fields every decision has. */
function commonFields(context: PrecheckContext, now: number) {
  const transactionId = context.target?.transactionId;
  return {
    provider: context.provider,
    intent: context.intent as Intent,
    attempts: context.attempts,
    ...(transactionId !== undefined && { transactionId }),
    trace: traceOf(context, now),
  };
}

function traceOf(context: PrecheckContext, now: number): Trace {
  const status = context.answer?.providerStatus;
  return {
    states: context.trace,
    ...(context.transitions && { transitions: context.transitions }),
    attempts: context.attempts,
    durationMs: Math.max(0, now - context.startedAt),
    ...(status && { providerStatus: { ...status } }),
  };
}

/** The account as the provider knows it, completed with what the request said. */
function accountOf(context: PrecheckContext): Account {
  const { target } = context;
  const account = context.answer?.kind === 'found' ? { ...context.answer.account } : {};
  if (!account.phone && target?.phone) account.phone = target.phone;
  if (!account.accountNumber && target?.accountNumber) account.accountNumber = target.accountNumber;
  return account;
}

/** The decision a finished check resolves to. */
export function decisionOf(context: PrecheckContext, now = Date.now()): Decision {
  const { verdict, target } = context;
  const common = commonFields(context, now);
  if (verdict?.status === 'proceed') {
    const account = accountOf(context);
    if (verdict.createAccount && target?.names) {
      account.firstName = target.names.firstName;
      account.lastName = target.names.lastName;
      account.fullName = `${target.names.firstName} ${target.names.lastName}`;
    }
    return {
      status: 'proceed',
      ...common,
      createAccount: verdict.createAccount,
      verified: verdict.verified,
      account,
      ...nameCheckOf(context),
    };
  }
  if (verdict?.status === 'retry') {
    const { reason } = verdict;
    // Whoever gave the wait (a provider, a custom provider, the circuit's cool-down), a decision carries it bounded.
    const retryAfterMs = boundRetryAfter(verdict.retryAfterMs);
    return {
      status: 'retry',
      ...common,
      reason,
      message: retryMessage(context, reason),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    };
  }
  const reason: AbortReason = verdict?.status === 'abort' ? verdict.reason : 'unexpected-response';
  const detail = verdict?.status === 'abort' ? verdict.detail : undefined;
  return {
    status: 'abort',
    ...common,
    intent: context.intent,
    reason,
    message: abortMessage(context, reason, detail),
    ...nameCheckOf(context),
  };
}

/** `nameCheck` for a decision that followed a name check: a copy, so that no caller can change the context's. */
function nameCheckOf(context: PrecheckContext): { nameCheck?: PayeeNameCheck } {
  return context.nameCheck ? { nameCheck: { ...context.nameCheck } } : {};
}

/** How a paused check goes on: by its `checkId` (saved in the store), or `actor` where the caller holds the waiting actor itself. */
export type ContinueBy = { checkId: string } | 'actor';

/** How a check saved by its `checkId` goes on, as its message ends (the CLI, which has no ids, says it its own way). */
export const RESUME_BY_CHECK_ID = {
  names: 'resume this check by its checkId with NAMES { firstName, lastName }, or check again with names.',
  confirmation: 'then resume this check by its checkId with CONFIRM or REJECT.',
} as const;

/** What `check()` answers where an actor would wait in `awaitingNames`. */
export function needsNamesDecision(context: PrecheckContext, by: ContinueBy = 'actor', now = Date.now()): NeedsNamesDecision {
  const how =
    by === 'actor'
      ? 'check again with names (firstName, lastName), or send NAMES to the waiting actor.'
      : RESUME_BY_CHECK_ID.names;
  return {
    status: 'needs-names',
    ...(typeof by === 'object' && { checkId: by.checkId }),
    ...commonFields(context, now),
    message: `${context.providerName} has no account for ${accountKey(context)}. The credit can create it: ${how}`,
  };
}

/** What `check()` answers where an actor would wait in `awaitingConfirmation`. */
export function needsConfirmationDecision(
  context: PrecheckContext,
  by: ContinueBy = 'actor',
  now = Date.now(),
): NeedsConfirmationDecision {
  const account = accountOf(context);
  return {
    status: 'needs-confirmation',
    ...(typeof by === 'object' && { checkId: by.checkId }),
    ...commonFields(context, now),
    account,
    ...nameCheckOf(context),
    message: context.nameCheck ? nameConfirmationMessage(context, by) : payeeConfirmationMessage(context, account, by),
  };
}

function payeeConfirmationMessage(context: PrecheckContext, account: Account, by: ContinueBy): string {
  const how =
    by === 'actor'
      ? 'then check again with confirmPayee: false, or send CONFIRM or REJECT to the waiting actor.'
      : RESUME_BY_CHECK_ID.confirmation;
  return `${context.providerName} knows ${accountKey(context)} as "${account.fullName ?? 'an unnamed account'}". Ask the payer to confirm, ${how}`;
}

/** Why the payer is asked after a name check, never quoting the held name (a close match shows it in `nameCheck`). */
function nameConfirmationMessage(context: PrecheckContext, by: ContinueBy): string {
  const how =
    by === 'actor'
      ? 'then send CONFIRM or REJECT to the waiting actor.'
      : RESUME_BY_CHECK_ID.confirmation;
  const name = context.providerName;
  const key = accountKey(context);
  const warning = 'Paying may send the money to someone else: the payer should confirm only if they are sure of the account,';
  switch (context.nameCheck?.result) {
    case 'close-match':
      return `The name the payer typed is close to the name ${name} holds for ${key}, not the same. Show the payer nameCheck.heldName and ask them to confirm this is who they mean to pay, ${how}`;
    case 'no-match':
      return `The name the payer typed does not match the name ${name} holds for ${key} (the holder's name is not shown). ${warning} ${how}`;
    case 'not-possible':
      return `${name} gave no name for ${key}, so the name the payer typed could not be checked. ${warning} ${how}`;
    default:
      return `The name the payer typed matches the name ${name} holds for ${key}. Ask the payer to confirm, ${how}`;
  }
}

function accountKey(context: PrecheckContext): string {
  const { target } = context;
  const party = target?.partyIdType && target.partyIdentifier ? `${target.partyIdType} ${target.partyIdentifier}` : undefined;
  return target?.accountNumber ?? target?.phone ?? party ?? 'this account';
}

/** The provider's own code and words, e.g. ` (306 Invalid Account Number)`. */
function providerSaid(context: PrecheckContext): string {
  const status = context.answer?.providerStatus;
  if (!status) return '';
  return ` (${[status.code, status.description].filter((part) => part !== undefined).join(' ')})`;
}

function abortMessage(context: PrecheckContext, reason: AbortReason, detail?: string): string {
  const name = context.providerName;
  switch (reason) {
    case 'account-not-found':
      return context.intent === 'debit'
        ? `${name} has no account for ${accountKey(context)}${providerSaid(context)}: there is nothing to debit.`
        : `${name} does not recognise ${accountKey(context)}${providerSaid(context)} and does not create accounts: the credit would fail.`;
    case 'account-inactive':
      return `${name} knows ${accountKey(context)} but the account cannot take transactions${providerSaid(context)}: tell the customer to contact ${name}, not that the account does not exist.`;
    case 'auth-failed':
      return `${name} rejected our credentials${providerSaid(context)}: check the configured credentials.`;
    case 'service-not-configured':
      return `${name} has not configured service ${context.target?.serviceCode ?? ''} for this partner${providerSaid(context)}.`;
    case 'validation-unavailable':
      return `${name} cannot validate accounts for service ${context.target?.serviceCode ?? ''}${providerSaid(context)}; set unverifiable: 'proceed' to accept unverified accounts.`;
    case 'invalid-request':
      return `${detail ?? 'invalid request'}; nothing was sent to the provider.`;
    case 'unexpected-response': {
      const what = context.answer?.kind === 'unexpected' ? context.answer.detail : 'an answer we cannot read';
      return `${name} answered in a way we do not understand: ${what}${providerSaid(context)}. Not proceeding on a guess.`;
    }
    case 'names-required':
      return `No names were given for ${accountKey(context)} in time; the credit cannot create the account without them.`;
    case 'payee-rejected':
      return `The payer said ${accountKey(context)} is not the person they meant to pay.`;
    case 'confirmation-timeout':
      return `The payer did not confirm the payee for ${accountKey(context)} in time.`;
    case 'cancelled':
      return 'The check was cancelled by the caller.';
    case 'name-mismatch':
      return nameMismatchMessage(context);
    case 'currency-not-supported': {
      const currencies = context.answer?.kind === 'found' ? (context.answer.supportedCurrencies ?? []) : [];
      return `${name}'s account for ${accountKey(context)} does not take ${context.target?.currency ?? 'this currency'} (it takes ${currencies.join(', ') || 'none listed'}): the transfer would fail.`;
    }
    case 'check-not-found':
      return `${detail ?? 'No such check'}: it is unknown, expired past its retention, or was never saved. Start a new check.`;
  }
}

/** Never quoting the held name (a close match carries it in `nameCheck`). */
function nameMismatchMessage(context: PrecheckContext): string {
  const name = context.providerName;
  const key = accountKey(context);
  switch (context.nameCheck?.result) {
    case 'close-match':
      return `The name the payer typed is close to, but not, the name ${name} holds for ${key}; close matches are refused (nameCheck.onCloseMatch: 'abort').`;
    case 'not-possible':
      return `${name} gave no name for ${key}, so the name the payer typed could not be checked; unchecked names are refused (nameCheck.onNotPossible: 'abort').`;
    default:
      return `The name the payer typed does not match the name ${name} holds for ${key}: paying could send the money to someone else.`;
  }
}

function retryMessage(context: PrecheckContext, reason: RetryReason): string {
  const name = context.providerName;
  const attempts = `after ${context.attempts} attempt${context.attempts === 1 ? '' : 's'}`;
  switch (reason) {
    case 'store-unavailable':
      return 'The check store did not answer in time; nothing was changed. Resume again later.';
    case 'timeout':
      return context.answer?.kind === 'unavailable' && context.answer.reason === 'timeout'
        ? `${name} did not answer in time ${attempts}; try again later.`
        : `The check ran out of time ${attempts}; try again later.`;
    case 'rate-limited':
      return `${name} is limiting our request rate${providerSaid(context)} ${attempts}; try again later.`;
    case 'provider-unavailable':
      if (context.answer?.kind === 'unavailable' && context.answer.shed === 'circuit-open') {
        return `${name} failed repeatedly, so requests are paused for a while (circuit open); nothing was sent. Try again later.`;
      }
      if (context.answer?.kind === 'unavailable' && context.answer.shed === 'queue-full') {
        return `Too many checks are waiting for ${name}; nothing was sent. Try again later.`;
      }
      return `${name} is unavailable${providerSaid(context)} ${attempts}; try again later.`;
  }
}
