import type { LookupOutcome } from '../providers/account-provider.js';

/** Replaces every occurrence of a secret in `text`. Secrets shorter than 4 characters are too ambiguous to search for. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && result.includes(secret)) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** A provider's answer with every configured credential taken out of its strings, before anything keeps it. */
export function redactOutcome(outcome: LookupOutcome, secrets: readonly string[]): LookupOutcome {
  return containsSecret(outcome, secrets) ? redactStrings(outcome, secrets) : outcome;
}

function containsSecret(value: unknown, secrets: readonly string[]): boolean {
  if (typeof value === 'string') return secrets.some((secret) => secret.length >= 4 && value.includes(secret));
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((field) => containsSecret(field, secrets));
}

function redactStrings<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = redactStrings(field, secrets);
  return copy as T;
}
