/** `user:password` as HTTP Basic authentication sends it (RFC 7617, UTF-8): itself a credential, redacted too. */
export function basicCredentials(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}
