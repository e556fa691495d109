/**
 * The name-check policy, stated once: after each answer of the payee name check but a match (which always proceeds),
 * the steps a check may take, what the option means and its default. `NameCheckPolicy`, the request's `nameCheck`
 * schema (request-schema.ts) and the engine's `nameCheck` option (options-schema.ts, docs/configuration.md) are all
 * read from it.
 */
export const NAME_CHECK_POLICY = {
  onCloseMatch: {
    choices: ['confirm', 'proceed', 'abort'],
    default: 'confirm',
    summary: 'Close match: ask the payer to confirm the held name shown to them, proceed, or abort `name-mismatch`.',
  },
  onNoMatch: {
    choices: ['abort', 'confirm'],
    default: 'abort',
    summary: 'No match: abort `name-mismatch`, or ask the payer to confirm without showing any name, warning them.',
  },
  onNotPossible: {
    choices: ['proceed', 'confirm', 'abort'],
    default: 'confirm',
    summary: 'The provider gave no name to check against: proceed, ask the payer to confirm, or abort `name-mismatch`.',
  },
} as const satisfies Record<string, { choices: readonly string[]; default: string; summary: string }>;

type Policy = typeof NAME_CHECK_POLICY;

/**
 * What a check does after each answer of the payee name check (a match always proceeds): for each key, one of its
 * `NAME_CHECK_POLICY[key].choices` (what each means and the default are there).
 *
 * @example
 * { onCloseMatch: 'proceed', onNotPossible: 'abort' }
 */
export type NameCheckPolicy = { -readonly [Key in keyof Policy]: Policy[Key]['choices'][number] };

/** Each entry's default. */
export const DEFAULT_NAME_CHECK_POLICY = Object.freeze(
  Object.fromEntries(Object.entries(NAME_CHECK_POLICY).map(([key, entry]) => [key, entry.default])),
) as Readonly<NameCheckPolicy>;
