import { schemaAt, type AnySchema, type AnySchemaOrAction } from '../../core/option-tree.js';
import { precheckOptionsSchema } from './options-schema.js';

/** The actions of a schema's pipe, through an `optional` wrapper and nested pipes. */
function actionsOf(schema: AnySchema | undefined): AnySchemaOrAction[] {
  if (!schema) return [];
  const own = (schema.pipe ?? []).flatMap((item) => (item.kind === 'schema' ? actionsOf(item as AnySchema) : [item]));
  return [...own, ...actionsOf(schema.wrapped)];
}

/**
 * The range a numeric option of `createPrecheck` takes (`['http', 'timeoutMs']` → 1 to 2147483647), as its schema
 * states it: what a command line refuses outside of, so that it says the same range as the engine.
 */
export function optionRange(path: readonly string[]): { min: number; max: number } {
  const actions = actionsOf(schemaAt(precheckOptionsSchema as unknown as AnySchema, path));
  const bound = (type: 'min_value' | 'max_value') => actions.find((action) => action.type === type)?.requirement;
  const [min, max] = [bound('min_value'), bound('max_value')];
  if (typeof min !== 'number' || typeof max !== 'number') throw new Error(`option ${path.join('.')} has no numeric range`);
  return { min, max };
}
