import { MAX_HELD_NAME_LENGTH, PAYEE_NAME_CODES as CODES, type PayeeNameMatch, type PayeeNameMatcher } from '../src/core/payee-name.js';
import type { LookupOutcome } from '../src/core/account-provider.js';
import type { Account, PayeeNameCheck } from '../src/core/decision.js';
import { DEFAULT_NAME_CHECK_POLICY, type NameCheckPolicy } from '../src/core/name-check-policy.js';
import { cleanText } from '../src/core/clean-text.js';
import type { PrecheckContext } from './precheck.context.js';

/** What a check does after the name check: go on (to payee confirmation if asked), ask the payer, or stop. */
export type NameCheckStep = 'proceed' | 'confirm' | 'abort';

const NOT_POSSIBLE: PayeeNameCheck = { result: 'not-possible', code: 'NOAP' };

/** The step the policy (the request's, over the engine's) gives the check's name-check answer; undefined before one. */
export function nameCheckStep(context: PrecheckContext, engine: NameCheckPolicy = DEFAULT_NAME_CHECK_POLICY): NameCheckStep | undefined {
  const policy = { ...engine, ...context.target?.nameCheck };
  switch (context.nameCheck?.result) {
    case undefined:
      return undefined;
    case 'match':
      return 'proceed';
    case 'close-match':
      return policy.onCloseMatch;
    case 'no-match':
      return policy.onNoMatch;
    case 'not-possible':
      return policy.onNotPossible;
  }
}

/**
 * The name check on a found account: the matcher's answer, kept as a decision shows it (the held name only on a close
 * match), and the provider's answer without the held name — from here on no decision, trace, span or snapshot has it.
 * A matcher that throws or answers something else counts as not-possible (the name could not be checked).
 */
export function checkName(context: PrecheckContext, matcher: PayeeNameMatcher): Pick<PrecheckContext, 'nameCheck' | 'answer'> {
  const { answer } = context;
  const typed = context.target?.payeeName;
  if (answer?.kind !== 'found' || typed === undefined) return { nameCheck: NOT_POSSIBLE, answer };
  const { firstName, lastName, fullName } = answer.account;
  let match: unknown;
  try {
    match = matcher(typed, { firstName, lastName, fullName });
  } catch {
    match = undefined;
  }
  return { nameCheck: summary(match), answer: withoutHeldName(answer) };
}

/** The matcher's answer as decisions carry it: result, its code, and the held name on a close match only. */
function summary(match: unknown): PayeeNameCheck {
  const result = (match as Partial<PayeeNameMatch> | undefined)?.result;
  if (typeof result !== 'string' || !Object.hasOwn(CODES, result)) return NOT_POSSIBLE;
  const outcome = result as keyof typeof CODES;
  if (outcome !== 'close-match') return { result: outcome, code: CODES[outcome] };
  const heldName = cleanText((match as PayeeNameMatch).heldName, MAX_HELD_NAME_LENGTH);
  // A close match the payer cannot be shown cannot be confirmed.
  return heldName ? { result: outcome, code: CODES[outcome], heldName } : NOT_POSSIBLE;
}

/** The found answer with no name left in it: the account's names, and any of them in the provider's own words. */
function withoutHeldName(answer: Extract<LookupOutcome, { kind: 'found' }>): LookupOutcome {
  const { firstName, lastName, fullName, ...account } = answer.account;
  const names = [fullName, firstName, lastName].filter((name): name is string => typeof name === 'string' && name.length > 1);
  const status = answer.providerStatus;
  const description = status?.description && names.length > 0 ? cutOut(status.description, names) : status?.description;
  return {
    kind: 'found',
    account: account satisfies Account,
    ...(status && { providerStatus: { code: status.code, ...(description !== undefined && { description }) } }),
  };
}

/** `text` with every occurrence of the names (any case) replaced by `[name]`. */
function cutOut(text: string, names: readonly string[]): string {
  let out = text;
  for (const name of names) {
    const lower = name.toLowerCase();
    for (let at = out.toLowerCase().indexOf(lower); at >= 0; at = out.toLowerCase().indexOf(lower, at + 6)) {
      out = `${out.slice(0, at)}[name]${out.slice(at + name.length)}`;
    }
  }
  return out;
}
