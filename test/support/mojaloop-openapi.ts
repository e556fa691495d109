import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

/** The API definitions of `@mojaloop/api-snippets` (a dev dependency), read as they ship: YAML with file `$ref`s. */
const SNIPPETS = dirname(createRequire(import.meta.url).resolve('@mojaloop/api-snippets/package.json'));

const cache = new Map<string, unknown>();

function load(file: string): unknown {
  if (!cache.has(file)) cache.set(file, parse(readFileSync(file, 'utf8')));
  return cache.get(file);
}

/** `file`'s document with every `$ref` (to another file, with or without a `#/…` pointer) inlined. */
export function resolved(file: string, depth = 0): unknown {
  return inline(load(file), file, depth);
}

function inline(node: unknown, file: string, depth: number): unknown {
  if (depth > 40) throw new Error(`$ref chain too deep at ${file}`);
  if (Array.isArray(node)) return node.map((item) => inline(item, file, depth));
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string') {
    const [path, pointer] = record.$ref.split('#');
    const target = path ? resolve(dirname(file), path) : file;
    let value = load(target);
    for (const key of (pointer ?? '').split('/').filter(Boolean)) value = (value as Record<string, unknown>)[key];
    return inline(value, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inline(value, file, depth)]));
}

/** A path item of FSPIOP `version` (`1_1`, `2_0`) or of the SDK scheme adapter's outbound API, resolved. */
export const fspiopPath = (version: '1_1' | '2_0', name: string) =>
  resolved(join(SNIPPETS, 'fspiop', `v${version}`, 'openapi3', 'paths', `${name}.yaml`)) as PathItem;
export const sdkOutboundPath = (name: string) => resolved(join(SNIPPETS, 'sdk-scheme-adapter', 'v2_1_0', 'outbound', 'paths', `${name}.yaml`)) as PathItem;
export const fspiopSchema = (version: '1_1' | '2_0', name: string) =>
  resolved(join(SNIPPETS, 'fspiop', `v${version}`, 'openapi3', 'components', 'schemas', `${name}.yaml`));

export interface Parameter {
  name: string;
  in: 'header' | 'path' | 'query';
  required?: boolean;
  schema: object;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
export type PathItem = { parameters?: Parameter[] } & Partial<Record<'get' | 'put', Operation>>;

const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });

/** Errors of `value` against an OpenAPI schema (`example`, `description` and the like ignored), or []. */
export function schemaErrors(schema: object, value: unknown): string[] {
  const validate = ajv.compile(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/**
 * What a request breaks of `pathItem`'s `method`: every required header present (names case-insensitive), every
 * header and path parameter fitting its schema. `pathParams`: the template's values.
 */
export function requestErrors(
  pathItem: PathItem,
  method: 'get' | 'put',
  headers: Record<string, string | undefined>,
  pathParams: Record<string, string>,
): string[] {
  const operation = pathItem[method];
  if (!operation) return [`no ${method.toUpperCase()} in this path`];
  const errors: string[] = [];
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const value = parameter.in === 'header' ? headers[parameter.name.toLowerCase()] : parameter.in === 'path' ? pathParams[parameter.name] : undefined;
    if (value === undefined) {
      if (parameter.required) errors.push(`${parameter.in} ${parameter.name} is required`);
      continue;
    }
    // A header is text; a parameter typed as a number is read as one (`Content-Length`).
    const type = (parameter.schema as { type?: string }).type;
    const typed = type === 'integer' || type === 'number' ? Number(value) : value;
    errors.push(...schemaErrors(parameter.schema, typed).map((error) => `${parameter.name}: ${error}`));
  }
  return errors;
}
