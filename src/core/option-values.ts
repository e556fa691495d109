import * as v from 'valibot';
import { MAX_TIMER_DELAY_MS } from './timer-delay.js';

/** Largest count an option takes: the longest delay a Node timer honours (2^31−1 ms). */
export const MAX_COUNT = MAX_TIMER_DELAY_MS;

/** Metadata the configuration table reads: a type or default that the schema alone cannot name. */
export type OptionMetadata = {
  /** How the type reads in the table (for `custom` schemas and the like), e.g. `CheckStore`. */
  type?: string;
  /** How the default reads in the table, where it is not a plain value the schema applies, e.g. `memoryStore()`. */
  default?: string;
};

/** An option that must be given, and what it is. */
export const required = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(schema, v.description(description));

/** An option that may be left out, what it is, and (`metadata.default`) what leaving it out means. */
export const optional = <S extends v.GenericSchema>(schema: S, description: string, metadata: OptionMetadata = {}) =>
  v.optional(v.pipe(schema, v.description(description), v.metadata(metadata)));

/** An option that may be left out, what it is, and the value it then has. */
export const defaulted = <S extends v.GenericSchema, D extends v.InferInput<S>>(schema: S, description: string, fallback: D) =>
  v.optional(v.pipe(schema, v.description(description)), fallback);

const isOptional = (schema: v.GenericSchema) => schema.type === 'optional';

/**
 * An object of options: every key known (an unknown one is refused, see `describeOptionIssue`), its message listing
 * the keys, `?` marking those that may be left out.
 */
export function settings<E extends v.ObjectEntries>(entries: E) {
  const fields = Object.entries(entries).map(([key, schema]) => (isOptional(schema) ? `${key}?` : key));
  return v.strictObject(entries, `must be an object: { ${fields.join(', ')} }`);
}

/** An integer from `min` to `MAX_COUNT`. */
export function count(min: number) {
  const message = `must be an integer from ${min} to ${MAX_COUNT}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(MAX_COUNT, message));
}

export const flag = v.boolean('must be true or false');

/** The authority of an absolute URL as written (WHATWG URL drops an empty userinfo such as `http://@host`). */
const authorityOf = (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)/.exec(value)?.[1] ?? '';

const URL_MESSAGE = 'must be an http(s) URL without query, fragment or user info';

/** An http(s) URL without query, fragment or user info. Messages never quote it (user info may hold a password). */
export const httpUrl = v.pipe(
  v.string(URL_MESSAGE),
  v.rawCheck<string>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    let url: URL | undefined;
    try {
      url = dataset.value === '' ? undefined : new URL(dataset.value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
      addIssue({ message: URL_MESSAGE });
    } else if (url.username || url.password || authorityOf(dataset.value).includes('@')) {
      // Any user info, even an empty name with a password (`http://:pw@host`): credentials go in their own settings.
      addIssue({ message: 'must not carry user info (user:password@): give credentials in their own settings' });
    }
  }),
);

/** A credential: a non-empty string. */
export const credential = v.pipe(v.string('must be a non-empty string'), v.minLength(1, 'must be a non-empty string'));

/**
 * A credential sent as an HTTP header value: visible ASCII (U+0021–U+007E) or visible Latin-1 (U+00A1–U+00FF), with
 * spaces only between them. Anything else either cannot be sent (fetch refuses CR, LF, NUL and characters beyond
 * U+00FF), or is silently changed on the way (leading and trailing whitespace is stripped).
 */
const HEADER_SAFE = /^[\x21-\x7E\xA1-\xFF](?:[\x20\x21-\x7E\xA1-\xFF]*[\x21-\x7E\xA1-\xFF])?$/;

export const headerCredential = v.pipe(
  credential,
  v.check(
    (value) => HEADER_SAFE.test(value),
    'cannot be sent in an HTTP header: use visible ASCII or Latin-1 characters (U+0021–U+007E, U+00A1–U+00FF), spaces only between them',
  ),
);

/** The user half of a Basic authentication pair: a header credential without `:`. */
export const basicUser = v.pipe(headerCredential, v.check((value) => !value.includes(':'), "cannot contain ':' (Basic authentication)"));
