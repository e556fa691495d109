/** A schema as the walk sees it: valibot's own fields, read without knowing which schema it is. */
export interface AnySchema {
  kind: string;
  type: string;
  wrapped?: AnySchema;
  entries?: Record<string, AnySchema>;
  /** A union's or variant's schemas; a picklist's values. */
  options?: readonly unknown[];
  item?: AnySchema;
  value?: AnySchema;
  pipe?: readonly AnySchemaOrAction[];
  default?: unknown;
  literal?: unknown;
}

/** An item of a pipe: a schema, or an action (`integer`, `min_value` with its `requirement`, `description`, …). */
export interface AnySchemaOrAction {
  kind: string;
  type: string;
  requirement?: unknown;
}

const isSchema = (value: unknown): value is AnySchema => typeof value === 'object' && value !== null && (value as AnySchema).kind === 'schema';

/** The objects of options a schema holds: itself, or inside `optional`, a union (`false | {…}`) or a variant. */
export function objectsIn(schema: AnySchema): AnySchema[] {
  if (schema.type === 'optional' && schema.wrapped) return objectsIn(schema.wrapped);
  if (schema.entries) return [schema];
  if (schema.type === 'union' || schema.type === 'variant') return (schema.options ?? []).filter(isSchema).flatMap(objectsIn);
  return [];
}

/** The keys an object of options takes (a variant's options together, each once). */
export function keysOf(schema: AnySchema): string[] {
  return [...new Set(objectsIn(schema).flatMap((object) => Object.keys(object.entries ?? {})))];
}

export interface OptionEntry {
  path: string[];
  /** The entry's schema, `optional` wrapper included. */
  schema: AnySchema;
}

/** Every option under `schema`, depth first (a variant's keys once, in the order its options name them). */
export function optionEntries(schema: AnySchema, path: string[] = []): OptionEntry[] {
  const found: OptionEntry[] = [];
  const seen = new Set<string>();
  for (const object of objectsIn(schema)) {
    for (const [key, entry] of Object.entries(object.entries ?? {})) {
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ path: [...path, key], schema: entry }, ...optionEntries(entry, [...path, key]));
    }
  }
  return found;
}

/** The schema at `path` (keys through objects of options), or undefined. */
export function schemaAt(schema: AnySchema, path: readonly string[]): AnySchema | undefined {
  let at: AnySchema | undefined = schema;
  for (const key of path) {
    at = objectsIn(at).find((object) => object.entries?.[key])?.entries?.[key];
    if (!at) return undefined;
  }
  return at;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** One key of a path as code writes it after what comes before: `.http`, `['mtn-momo']`, `[1]`. */
export function formatKey(key: string | number, first = false): string {
  if (typeof key === 'number') return `[${key}]`;
  if (IDENTIFIER.test(key)) return first ? key : `.${key}`;
  return /^[\w$-]+$/.test(key) ? `['${key.slice(0, 40)}']` : `[${JSON.stringify(key.slice(0, 40))}]`;
}

/** A path as code writes it: `providers['mtn-momo'].http`, `snapshotKeys[1]`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => formatKey(key, i === 0)).join('');
}
