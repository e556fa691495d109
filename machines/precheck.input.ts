import * as v from 'valibot';
import { namesSchema } from '../src/core/request-schema.js';
import { INTENTS, type Intent, type Names } from '../src/core/request.js';
import { cleanText } from '../src/core/clean-text.js';

/** A request's field, read defensively: a getter or proxy that throws reads as absent. */
function field(input: unknown, key: string): unknown {
  if (typeof input !== 'object' || input === null) return undefined;
  try {
    return (input as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The provider name to echo in a decision, even for a request that turns out invalid. */
export function echoProvider(input: unknown): string {
  return cleanText(field(input, 'provider'), 64) ?? 'unknown';
}

export function echoIntent(input: unknown): Intent | 'unknown' {
  const intent = field(input, 'intent');
  return INTENTS.includes(intent as Intent) ? (intent as Intent) : 'unknown';
}

/** The names a `NAMES` event carries, normalised, or undefined when they are missing or unusable. */
export function usableNames(event: { type: string }): Names | undefined {
  if (event.type !== 'NAMES') return undefined;
  const parsed = v.safeParse(namesSchema, event);
  return parsed.success ? parsed.output : undefined;
}
