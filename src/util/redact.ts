/** Replaces every occurrence of a secret in `text`. Secrets shorter than 4 characters are too ambiguous to search for. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
