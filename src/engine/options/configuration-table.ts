import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { formatKey, objectsIn, type AnySchema, type AnySchemaOrAction } from '../../core/option-tree.js';
import { MAX_COUNT, type OptionMetadata } from '../../core/option-values.js';
import { precheckOptionsSchema } from './options-schema.js';

/** The schema an entry describes itself on: inside its `optional`. */
const describedOf = (entry: AnySchema) => (entry.type === 'optional' && entry.wrapped ? entry.wrapped : entry);

const metadataOf = (entry: AnySchema) => v.getMetadata(describedOf(entry) as v.GenericSchema) as OptionMetadata & { label?: string };

/** Every action of a schema's pipe, nested pipes included. */
function actionsOf(schema: AnySchema): AnySchemaOrAction[] {
  return (schema.pipe ?? []).flatMap((item) => (item.kind === 'schema' && item !== schema ? [item, ...actionsOf(item as AnySchema)] : [item]));
}

function typeOf(schema: AnySchema): string {
  const named = metadataOf(schema).type;
  if (named) return named;
  switch (schema.type) {
    case 'optional':
      return typeOf(schema.wrapped!);
    case 'number': {
      const min = actionsOf(schema).find((action) => action.type === 'min_value')?.requirement;
      return min === undefined ? 'number' : `integer ≥ ${String(min)}`;
    }
    case 'picklist':
      return (schema.options ?? []).map((option) => `'${String(option)}'`).join(' | ');
    case 'literal':
      return typeof schema.literal === 'string' ? `'${schema.literal}'` : String(schema.literal);
    case 'union':
      return (schema.options as AnySchema[]).map(typeOf).join(' | ');
    case 'array':
      return `${typeOf(schema.item!)}[]`;
    case 'strict_object':
    case 'variant':
    case 'record':
      return 'object';
    default:
      return schema.type;
  }
}

const DURATIONS: [number, string][] = [
  [60 * 60_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
];

function valueText(key: string, value: unknown): string {
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return "each field's default";
  if (typeof value === 'string') return `\`'${value}'\``;
  const duration = typeof value === 'number' && key.endsWith('Ms') ? DURATIONS.find(([unit]) => value >= unit && value % unit === 0) : undefined;
  return duration ? `\`${String(value)}\` (${Number(value) / duration[0]} ${duration[1]})` : `\`${JSON.stringify(value)}\``;
}

function defaultOf(key: string, entry: AnySchema): string {
  if (entry.type !== 'optional') return 'required';
  if (entry.default !== undefined) return valueText(key, entry.default);
  return metadataOf(entry).default ?? '—';
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

interface Row {
  option: string;
  type: string;
  fallback: string;
  meaning: string;
}

/**
 * One row per option, depth first, each written after `prefix`. A schema shared by several options (every provider's
 * `http`) has its fields listed once, under its label (`providers.<name>.http`). A variant's key that each of its
 * options has (`type`) is one row.
 */
function rowsOf(schema: AnySchema, prefix: string, listed: Set<string>): Row[] {
  const rows = new Map<string, Row>();
  const below: Row[][] = [];
  for (const object of objectsIn(schema)) {
    for (const [key, entry] of Object.entries(object.entries ?? {})) {
      const option = `${prefix}${formatKey(key, prefix === '')}`;
      const meaning = v.getDescription(describedOf(entry) as v.GenericSchema) ?? '';
      const known = rows.get(option);
      if (known) {
        known.type += ` | ${typeOf(entry)}`;
        known.meaning += ` ${meaning}`;
        continue;
      }
      const row = { option, type: `${typeOf(entry)}${key.endsWith('Ms') ? ' (ms)' : ''}`, fallback: defaultOf(key, entry), meaning };
      rows.set(option, row);
      const label = metadataOf(entry).label;
      const children = label === undefined ? rowsOf(entry, option, listed) : listed.has(label) ? [] : rowsOf(entry, label, listed);
      if (label !== undefined) listed.add(label);
      below.push([row, ...children]);
    }
  }
  return below.flat();
}

/** docs/configuration.md: every option, generated from the options schema (`npm run docs`; `docs:check` compares). */
export function configurationPage(): string {
  const rows = rowsOf(precheckOptionsSchema as unknown as AnySchema, '', new Set());
  const table = [
    '| option | type | default | meaning |',
    '|---|---|---|---|',
    ...rows.map((row) => `| \`${row.option}\` | ${cell(row.type)} | ${cell(row.fallback)} | ${cell(row.meaning)} |`),
  ];
  return `# Configuration

<!-- Generated from src/engine/options/options-schema.ts by \`npm run docs\`; \`npm run docs:check\` fails when it drifts. Do not edit. -->

Every option \`createPrecheck(options)\` (and \`precheckModule(options)\`) takes, at every level. The same schema checks
the options at start-up and gives the TypeScript types (\`PrecheckOptions\`, \`BmoSettings\`, …), so this table, the
check and the types cannot drift.

Options are strict. A key that is not in this table is refused with a \`PrecheckConfigError\` naming its full path and,
when one is close (a slip of up to two characters, or the same key at another level such as
\`providers.bmo.tls\` → \`providers.bmo.http.tls\`), what was likely meant. A value of the wrong type is refused the
same way (\`confirmPayee: 'true'\` is not \`true\`), and so is an integer out of range (every integer is at most
${MAX_COUNT}, the longest delay a Node timer honours). \`breaker\`, \`cache\` and \`singleFlight\` are switched off with
\`false\`. \`createPrecheck\` refuses an engine without any provider (neither \`providers\` nor \`customProviders\`), a
\`store\` that is not a \`CheckStore\`, and a custom provider that is not an \`AccountProvider\`. No message quotes a
credential.

${table.join('\n')}
`;
}

/** Writes `configuration.md` into `outDir` (the repository's docs/, or a scratch folder to compare); returns its path. */
export async function writeConfigurationPage(outDir: string): Promise<string> {
  const path = join(outDir, 'configuration.md');
  await writeFile(path, configurationPage());
  return path;
}
