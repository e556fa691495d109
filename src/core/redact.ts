import type { LookupOutcome } from './account-provider.js';

export const REDACTED = '[redacted]';

/** Shorter forms are too ambiguous to search for. */
const MIN_LENGTH = 4;

const withoutInvisible = (text: string) => text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '');

/**
 * Every form in which a provider's text may carry a credential once we have cleaned it: as configured, NFC, NFD, NFKC,
 * and each of these without control or format characters. Longest first, so that a form is never cut by a shorter one.
 */
export function credentialForms(credentials: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const credential of credentials) {
    for (const normal of [credential, credential.normalize('NFC'), credential.normalize('NFD'), credential.normalize('NFKC')]) {
      forms.add(normal);
      forms.add(withoutInvisible(normal));
    }
  }
  return [...forms].filter((form) => form.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each of `forms` in `text`. */
export function redact(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) {
    if (form.length >= MIN_LENGTH && result.includes(form)) result = result.split(form).join(REDACTED);
  }
  return result;
}

/** A provider's answer with every credential form taken out of its strings, before anything keeps it. */
export function redactOutcome(outcome: LookupOutcome, forms: readonly string[]): LookupOutcome {
  return forms.length > 0 && containsSecret(outcome, forms) ? redactStrings(outcome, forms) : outcome;
}

function containsSecret(value: unknown, forms: readonly string[]): boolean {
  if (typeof value === 'string') return forms.some((form) => form.length >= MIN_LENGTH && value.includes(form));
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((field) => containsSecret(field, forms));
}

function redactStrings<T>(value: T, forms: readonly string[]): T {
  if (typeof value === 'string') return redact(value, forms) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = redactStrings(field, forms);
  return copy as T;
}
