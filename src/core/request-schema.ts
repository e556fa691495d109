import * as v from 'valibot';
import { hasNameWords } from '../name-check/index.js';
import { formatPath, keysOf, schemaAt, type AnySchema } from './option-tree.js';
import { closest } from '../util/did-you-mean.js';
import { hasControlCharacters, hasFormatCharacters } from './clean-text.js';
import { INTENTS } from './request.js';
import { toE164 } from './phone-number.js';
import { PARTY_ID_TYPES } from './party-id-type.js';

const noControlCharacters = v.check<string, string>((s) => !hasControlCharacters(s), 'must not contain control characters');
/** Bidi overrides and isolates, zero-width characters: they make a value read as something it is not. */
const noFormatCharacters = v.check<string, string>(
  (s) => !hasFormatCharacters(s),
  'must not contain invisible format characters (Unicode category Cf, e.g. U+200B, U+202E)',
);

/** Trimmed, NFC, 1..max characters, printable, nothing invisible. */
const text = (max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.transform((s) => s.normalize('NFC').trim()),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    noControlCharacters,
    noFormatCharacters,
  );

/** An international number: `+`, country code, digits (spaces, dots, dashes, brackets tolerated), normalised to E.164. */
const phone = v.pipe(
  v.string('must be a string'),
  v.maxLength(32, 'must be at most 32 characters'),
  v.regex(/^\+[0-9 ().-]+$/, 'must be an international number: + then the country code and digits, nothing else'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const number = toE164(dataset.value);
    if (number === undefined) {
      addIssue({ message: 'is not a possible international phone number' });
      return NEVER;
    }
    return number;
  }),
);

const extraValue = v.union(
  [v.pipe(v.string(), v.maxLength(256), noFormatCharacters), v.pipe(v.number(), v.finite()), v.boolean()],
  'values must be strings (at most 256 characters, no invisible format characters), finite numbers or booleans',
);

/** The payee's name as the payer typed it: with letters left once normalised (not only titles, digits or punctuation). */
const payeeName = v.pipe(
  text(140),
  v.check(hasNameWords, 'must contain a name: it has no letters once titles, digits and punctuation are removed'),
);

/** Per request, over the engine's `nameCheck`; unknown keys are refused (a misspelt policy must not fall back silently). */
export const nameCheckPolicySchema = v.strictObject(
  {
    onCloseMatch: v.optional(v.picklist(['confirm', 'proceed', 'abort'], 'must be "confirm", "proceed" or "abort"')),
    onNoMatch: v.optional(v.picklist(['abort', 'confirm'], 'must be "abort" or "confirm"')),
    onNotPossible: v.optional(v.picklist(['proceed', 'confirm', 'abort'], 'must be "proceed", "confirm" or "abort"')),
  },
  'must be { onCloseMatch?, onNoMatch?, onNotPossible? }',
);

const namesEntries = { firstName: text(100), lastName: text(100) };

/** The names in a `NAMES` event (which also carries its `type`). */
export const namesSchema = v.object(namesEntries, 'must be { firstName, lastName }');

/** The names as a request's `names` or a service's resume body: nothing else beside them. */
export const strictNamesSchema = v.strictObject(namesEntries, 'must be { firstName, lastName }');

/** Bound on `extra` as JSON: what a paused check carries must stay small. */
export const MAX_EXTRA_BYTES = 4096;

/** The shape every request has, whichever provider it is for. Unknown keys are refused: free-form data goes in `extra`. */
export const requestSchema = v.strictObject(
  {
    provider: text(64),
    intent: v.picklist(INTENTS, 'must be "credit" or "debit"'),
    phone: v.optional(phone),
    accountNumber: v.optional(text(64)),
    serviceCode: v.optional(text(64)),
    countryCode: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'must be ISO 3166-1 alpha-2: two upper-case letters'))),
    partyIdType: v.optional(v.picklist(PARTY_ID_TYPES, `must be one of ${PARTY_ID_TYPES.join(', ')}`)),
    partyIdentifier: v.optional(text(128)),
    partySubIdOrType: v.optional(text(128)),
    currency: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[A-Z]{3}$/, 'must be ISO 4217: three upper-case letters'))),
    transactionId: v.optional(text(64)),
    extra: v.optional(
      v.pipe(
        v.record(v.pipe(v.string(), v.maxLength(64), noFormatCharacters), extraValue, 'must be an object of strings, numbers or booleans'),
        v.check((record) => Object.keys(record).length <= 32, 'must have at most 32 keys'),
        v.check((record) => Buffer.byteLength(JSON.stringify(record)) <= MAX_EXTRA_BYTES, `must be at most ${MAX_EXTRA_BYTES} bytes as JSON`),
      ),
    ),
    names: v.optional(strictNamesSchema),
    confirmPayee: v.optional(v.boolean('must be true or false')),
    payeeName: v.optional(payeeName),
    nameCheck: v.optional(nameCheckPolicySchema),
  },
  'must be an object with provider and intent',
);

export type ValidRequest = v.InferOutput<typeof requestSchema>;

/**
 * An unknown field, named by its path, with the field most likely meant (edit distance ≤ 2, case ignored) or, at the
 * top level, where free-form data goes.
 */
function unknownField(root: AnySchema, path: string[], freeForm: boolean): string {
  const parent = path.slice(0, -1);
  const known = keysOf(schemaAt(root, parent) ?? root);
  const meant = closest(path.at(-1)!, known);
  const top = parent.length === 0;
  const hint = meant ? `; did you mean ${formatPath([...parent, meant])}?` : top ? ` (the fields are ${known.join(', ')})` : ` (use ${known.join(', ')})`;
  return `${formatPath(path)} is not a field${hint}${freeForm && top ? '; free-form data belongs in extra' : ''}`;
}

/** Issues as one sentence that names each field (`root`: the schema they come from, for unknown fields). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root: v.GenericSchema = requestSchema): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = (issue.path ?? []).map((item) => String(item.key));
      const last = issue.path?.at(-1);
      if (last?.origin === 'key' && issue.expected === 'never') return unknownField(root as unknown as AnySchema, path, root === requestSchema);
      if (last?.origin === 'key') return `${formatPath(path)} is required`;
      return path.length > 0 ? `${v.getDotPath(issue)} ${issue.message}` : `request ${issue.message}`;
    })
    .join('; ');
}
