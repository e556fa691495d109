import { isDeepStrictEqual } from 'node:util';
import * as v from 'valibot';
import { decisionOf } from '../../../machines/precheck.decisions.js';
import type { PrecheckContext, PrecheckMachine } from '../../../machines/precheck.machine.js';
import { pauseOf } from '../../../machines/precheck.pause.js';
import type { AccountProvider } from '../../core/account-provider.js';
import { validateRequest } from '../../core/validate-request.js';
import { canonicalJson } from './canonical-json.js';
import { PrecheckSnapshotError } from './snapshot-error.js';
import { describeSnapshotIssue, snapshotSchema } from './snapshot-schema.js';

/** How far ahead of this host's clock another instance's may be: times beyond it are refused. */
export const MAX_CLOCK_SKEW_MS = 60_000;
/** A finished check's `durationMs` is measured when its output is computed, just after the final state's entry. */
const OUTPUT_SLACK_MS = 1000;

type StateNode = PrecheckMachine['root'];

/** The JSON XState starts a restored actor from, built only from checked parts. */
export interface CheckedSnapshot {
  status: 'active' | 'done';
  value: unknown;
  context: PrecheckContext;
  children: Record<string, never>;
  historyValue: Record<string, never>;
  output?: unknown;
}

const refuse = (why: string): never => {
  throw new PrecheckSnapshotError(`the snapshot cannot be restored: ${why}`);
};

/** The atomic or final state a (valid) state value rests in. */
function leafOf(root: StateNode, value: unknown): StateNode {
  let node = root;
  let rest = value;
  while (typeof rest === 'object' && rest !== null) {
    const [key, inner] = Object.entries(rest)[0];
    node = node.states[key];
    rest = inner;
  }
  return node.states[rest as string];
}

function stateKeys(node: StateNode, keys = new Set<string>()): Set<string> {
  for (const child of Object.values(node.states)) {
    keys.add(child.key);
    stateKeys(child, keys);
  }
  return keys;
}

/** Where a snapshot can rest: waiting for people, finished, or mid-lookup (restoring asks the provider again). */
type Resting = { kind: 'paused'; waitingFor: 'names' | 'confirmation' } | { kind: 'final' } | { kind: 'inFlight' };

/** The state the value names, which must exist and be one a check rests in. Read from the chart, not from names. */
function restingState(machine: PrecheckMachine, value: unknown, context: PrecheckContext): { leaf: StateNode; resting: Resting } {
  let resolved: ReturnType<PrecheckMachine['resolveState']>;
  try {
    resolved = machine.resolveState({ value: value as never, context });
  } catch {
    return refuse('its state value names no state of the chart');
  }
  if (canonicalJson(resolved.value, 1024) !== canonicalJson(value, 1024)) refuse('its state value is not one the chart writes');
  const leaf = leafOf(machine.root, resolved.value);
  if (leaf.type === 'final') {
    if (leaf.parent !== machine.root) refuse('it rests in a final state that does not end the check');
    return { leaf, resting: { kind: 'final' } };
  }
  const pause = pauseOf(resolved);
  if (pause) return { leaf, resting: { kind: 'paused', waitingFor: pause.waitingFor } };
  // A state with eventless transitions is left in the step that entered it: no snapshot can rest there.
  if (!leaf.always?.length && resolved.can({ type: 'RESUMED' })) return { leaf, resting: { kind: 'inFlight' } };
  return refuse(`"${leaf.key}" is not a state a check rests in`);
}

/** The request the snapshot carries, validated exactly as `check()` validates one; provider facts from the registry. */
function checkTarget(context: PrecheckContext, findProvider: (name: string) => AccountProvider | undefined): void {
  const { target } = context;
  if (target === undefined) {
    // Only a request refused by validation has no target: nothing was asked, the context echoes the request.
    const refusedRequest = context.verdict?.status === 'abort' && context.verdict.reason === 'invalid-request';
    if (!refusedRequest || context.attempts !== 0 || context.answer || context.createsAccounts || context.providerName !== context.provider) {
      refuse('it has no validated request, yet the check went on');
    }
    return;
  }
  const validation = validateRequest(target, findProvider);
  if (!validation.valid) return refuse(`its request is not valid (${validation.message})`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(validation.target)), target)) {
    refuse('its request is not in the form validation gives it');
  }
  if (context.provider !== target.provider || context.intent !== target.intent) refuse('its provider or intent differs from its request’s');
  if (context.providerName !== validation.displayName || context.createsAccounts !== validation.createsAccounts) {
    refuse(`what it says of provider "${target.provider}" is not what the registered provider says`);
  }
  if (context.attempts < 1) refuse('it has a validated request but no lookup started');
}

/**
 * The name check as the chart leaves it: it follows a found answer exactly when the request has a `payeeName`, and
 * after it the answer holds no name (the chart cuts the held name out; a snapshot holding one was not written by it).
 */
function checkNameCheck(context: PrecheckContext): void {
  const found = context.answer?.kind === 'found';
  const nameGiven = context.target?.payeeName !== undefined;
  if (context.nameCheck !== undefined && !(found && nameGiven)) refuse('it has a name check without a found account and a payeeName');
  if (context.nameCheck === undefined && found && nameGiven) refuse('a found account with a payeeName was not name-checked');
  if (context.nameCheck !== undefined && context.answer?.kind === 'found') {
    const { firstName, lastName, fullName } = context.answer.account;
    if (firstName !== undefined || lastName !== undefined || fullName !== undefined) refuse('it holds the held name after a name check');
  }
}

/** Whether the verdict is the one the chart gives for this context's answer. */
function verdictFits(context: PrecheckContext): boolean {
  const { verdict, answer, intent } = context;
  const notFound = answer?.kind === 'not-found';
  const createsOnCredit = intent === 'credit' && context.createsAccounts;
  const namesGiven = context.target?.names !== undefined;
  switch (verdict?.status) {
    case 'proceed':
      if (verdict.createAccount) return !verdict.verified && notFound && createsOnCredit && namesGiven;
      return verdict.verified ? answer?.kind === 'found' : answer?.kind === 'unverifiable';
    case 'abort':
      switch (verdict.reason) {
        case 'account-not-found':
          return notFound && !createsOnCredit;
        case 'account-inactive':
          return answer?.kind === 'inactive';
        case 'names-required':
          return notFound && createsOnCredit && !namesGiven;
        case 'auth-failed':
        case 'service-not-configured':
          return answer?.kind === 'refused' && answer.reason === verdict.reason;
        case 'validation-unavailable':
          return answer?.kind === 'unverifiable';
        case 'unexpected-response':
          return answer?.kind === 'unexpected';
        case 'payee-rejected':
        case 'confirmation-timeout':
          return answer?.kind === 'found';
        case 'name-mismatch':
          // A match always goes on; any other answer stops under some policy (the engine's is not in the snapshot).
          return answer?.kind === 'found' && context.nameCheck !== undefined && context.nameCheck.result !== 'match';
        case 'cancelled':
          return true;
        case 'invalid-request':
          return context.target === undefined;
        default:
          return false; // the engine's own reasons (check-not-found): never the chart's
      }
    case 'retry': {
      const deadlinePassed = verdict.reason === 'timeout' && verdict.retryAfterMs === undefined && (!answer || answer.kind === 'unavailable');
      const answeredUnavailable =
        answer?.kind === 'unavailable' && answer.reason === verdict.reason && answer.retryAfterMs === verdict.retryAfterMs;
      return deadlinePassed || answeredUnavailable;
    }
    default:
      return false;
  }
}

/** The output the chart gives for a finished context, with the stored duration if it is the one the chart measured. */
function recomputedOutput(context: PrecheckContext, stored: unknown): unknown {
  const durationMs = (stored as { trace?: { durationMs?: unknown } } | undefined)?.trace?.durationMs;
  const earliest = Math.max(0, context.trace.at(-1)!.at - context.startedAt);
  if (typeof durationMs !== 'number' || !Number.isSafeInteger(durationMs) || durationMs < earliest || durationMs > earliest + OUTPUT_SLACK_MS) {
    return refuse('its output is not the decision the chart gives');
  }
  // What the chart's `output` computes (`decisionOf`), at the moment the stored duration says.
  const output = JSON.parse(JSON.stringify(decisionOf(context, context.startedAt + durationMs)));
  if (!isDeepStrictEqual(output, stored)) refuse('its output is not the decision the chart gives');
  return output;
}

/**
 * Checks a persisted XState snapshot against the chart and the registered providers, and answers the snapshot to
 * start from, built only from checked parts (no stored child actor, no stored output). Throws
 * `PrecheckSnapshotError` for anything the chart could not have written.
 */
export function checkSnapshot(
  machine: PrecheckMachine,
  raw: unknown,
  findProvider: (name: string) => AccountProvider | undefined,
  now = Date.now(),
): CheckedSnapshot {
  const parsed = v.safeParse(snapshotSchema, raw);
  if (!parsed.success) return refuse(describeSnapshotIssue(parsed.issues));
  const { status, value, children = {} } = parsed.output;
  const context = parsed.output.context as PrecheckContext;

  const { leaf, resting } = restingState(machine, value, context);
  if (status !== (resting.kind === 'final' ? 'done' : 'active')) refuse(`status "${status}" does not fit its state`);
  const invoked = new Set(resting.kind === 'inFlight' ? leaf.invoke.map((invoke) => invoke.id) : []);
  if (!Object.keys(children).every((id) => invoked.has(id))) refuse('it has child actors its state does not invoke');

  const known = stateKeys(machine.root);
  if (!context.trace.every((entry) => known.has(entry.state))) refuse('its trace names a state the chart does not have');
  if (context.trace.at(-1)!.state !== leaf.key) refuse('its trace does not end in the state it rests in');
  const leafId = leaf.id.slice(machine.root.id.length + 1);
  if (context.transitions?.length && context.transitions.at(-1)!.to !== leafId) refuse('its transitions do not end in the state it rests in');
  const latest = now + MAX_CLOCK_SKEW_MS;
  const times = [context.startedAt, ...context.trace.map((entry) => entry.at), context.waitingSince ?? 0];
  if (times.some((time) => time > latest)) refuse('it holds times in the future');

  checkTarget(context, findProvider);
  if (context.answer && context.attempts < 1) refuse('it has an answer, yet no lookup happened');
  checkNameCheck(context);

  switch (resting.kind) {
    case 'paused': {
      if (context.verdict) refuse('a wait cannot have a verdict');
      if (context.waitingSince === undefined) refuse('a wait without waitingSince');
      const fits =
        resting.waitingFor === 'names'
          ? context.intent === 'credit' && context.createsAccounts && context.answer?.kind === 'not-found' && !context.target?.names
          : context.answer?.kind === 'found' &&
            // Asked for by confirmPayee, or by the name check's policy (a match only ever by confirmPayee).
            (context.target?.confirmPayee !== false || (context.nameCheck !== undefined && context.nameCheck.result !== 'match'));
      if (!fits) refuse(`the chart never waits for ${resting.waitingFor} after what this snapshot holds`);
      return { status, value, context, children: {}, historyValue: {} };
    }
    case 'inFlight':
      if (context.verdict || context.waitingSince !== undefined) refuse('a lookup in flight cannot have a verdict or a wait');
      if (context.answer && (context.answer.kind !== 'unavailable' || context.answer.shed)) {
        refuse('a lookup in flight can only follow an answer worth retrying');
      }
      return { status, value, context, children: {}, historyValue: {} };
    case 'final':
      if (!context.verdict || context.verdict.status !== leaf.key) refuse('its final state and its verdict differ');
      if (!verdictFits(context)) refuse('its verdict is not the one the chart gives for its answer');
      return { status, value, context, children: {}, historyValue: {}, output: recomputedOutput(context, parsed.output.output) };
  }
}
