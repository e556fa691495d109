import type * as v from 'valibot';
import { closest, slipDistance } from '../../util/did-you-mean.js';
import { formatPath, keysOf, optionEntries, schemaAt, type AnySchema } from '../../core/option-tree.js';

type Issue = v.BaseIssue<unknown>;

const keyOf = (item: v.IssuePathItem) => item.key as string | number;

/**
 * The issue a person should read: a union's own (`false | {…}` given an object) hides the one of the object it was
 * meant for; that one, its path made whole.
 */
function innermost(issue: Issue): Issue {
  const objectGiven = typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input);
  if (issue.type !== 'union' || !issue.issues || !objectGiven) return issue;
  const meant = issue.issues.find((sub) => sub.type !== 'literal');
  return meant ? innermost({ ...meant, path: [...(issue.path ?? []), ...(meant.path ?? [])] as Issue['path'] }) : issue;
}

const commonPrefix = (a: readonly string[], b: readonly string[]) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
};

const comesBefore = (a: number[], b: number[]) => {
  const i = a.findIndex((value, j) => value !== b[j]);
  return i >= 0 && a[i] < b[i];
};

/** Where an unknown key most likely belongs: a close key beside it, else the same key (or close) at another level. */
function suggestionFor(root: AnySchema, parent: string[], key: string): string | undefined {
  const beside = closest(key, keysOf(schemaAt(root, parent) ?? root));
  if (beside) return formatPath([...parent, beside]);
  let best: { path: string[]; rank: number[] } | undefined;
  for (const { path } of optionEntries(root)) {
    const distance = slipDistance(key, path.at(-1)!);
    if (distance === undefined) continue;
    // Closest spelling first, then the one nearest where the key was put, then the shortest.
    const rank = [distance, -commonPrefix(path, parent), path.length];
    if (!best || comesBefore(rank, best.rank)) best = { path, rank };
  }
  return best && formatPath(best.path);
}

/** Keys refused with a reason of their own rather than a suggestion. */
function refusedOnPurpose(parent: string[], key: string): string | undefined {
  if (key === 'rejectUnauthorized' && parent.at(-1) === 'tls') {
    const where = formatPath(parent);
    return `${where}: certificate checking cannot be switched off; trust a private CA with ${where}.ca`;
  }
  return undefined;
}

/**
 * One sentence for the first issue found in an options object: the option's full path and what it must be. An
 * unknown key gets a "did you mean" when one is close, and the keys its level takes. Never quotes a value.
 */
export function describeOptionIssue(root: AnySchema, found: Issue): string {
  const issue = innermost(found);
  const path = (issue.path ?? []).map(keyOf);
  const last = issue.path?.at(-1);
  if (last?.origin === 'key' && issue.expected === 'never') {
    const parent = path.slice(0, -1).map(String);
    const key = String(path.at(-1));
    const purposeful = refusedOnPurpose(parent, key);
    if (purposeful) return purposeful;
    const suggestion = suggestionFor(root, parent, key);
    const known = keysOf(schemaAt(root, parent) ?? root).join(', ');
    const takes = parent.length === 0 ? `The options are ${known}.` : `${formatPath(parent)} takes ${known}.`;
    return `${formatPath(path)} is not an option${suggestion ? `; did you mean ${suggestion}?` : '.'} ${takes}`;
  }
  if (last?.origin === 'key') {
    // A required key missing beside an unknown one spelt like it: the misspelling is the mistake to name.
    const parent = path.slice(0, -1).map(String);
    const known = keysOf(schemaAt(root, parent) ?? root);
    const given = Object.keys((last.input as object) ?? {}).find(
      (key) => !known.includes(key) && slipDistance(key, String(path.at(-1))) !== undefined,
    );
    if (given) return `${formatPath([...parent, given])} is not an option; did you mean ${formatPath(path)}?`;
    return `${formatPath(path)} is required`;
  }
  // valibot's own messages ("Invalid type: … received …") would quote the value: every schema here has its own.
  const message = issue.message.startsWith('Invalid ') ? `is not valid (expected ${issue.expected})` : issue.message;
  return path.length === 0 ? `the options ${message}` : `${formatPath(path)} ${message}`;
}
