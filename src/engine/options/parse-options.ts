import * as v from 'valibot';
import { describeOptionIssue } from './describe-option-issue.js';
import type { AnySchema } from '../../core/option-tree.js';
import { precheckOptionsSchema } from './options-schema.js';
import { PrecheckConfigError } from '../../core/precheck-config-error.js';

/** The options once checked against the schema, every default filled in. */
export type ParsedOptions = v.InferOutput<typeof precheckOptionsSchema>;

/**
 * Checks `options` against the one schema of every option: an unknown key, a wrong type or a value out of range is a
 * `PrecheckConfigError` naming the option's full path (and, for an unknown key, what was likely meant).
 */
export function parseOptions(options: unknown): ParsedOptions {
  let result: v.SafeParseResult<typeof precheckOptionsSchema>;
  try {
    result = v.safeParse(precheckOptionsSchema, options, { abortEarly: true });
  } catch {
    throw new PrecheckConfigError('the options could not be read (a property threw when read)');
  }
  if (!result.success) throw new PrecheckConfigError(describeOptionIssue(precheckOptionsSchema as unknown as AnySchema, result.issues[0]));
  return result.output;
}
