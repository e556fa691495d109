/**
 * A phone number with its middle hidden: the country and operator prefix (6 characters) and the last 4 digits stay,
 * enough to tell a support case apart, not enough to call anyone. Anything shorter than 10 characters is hidden whole.
 */
export function maskPhone(phone: unknown): string | undefined {
  if (typeof phone !== 'string') return undefined;
  const compact = phone.replace(/[^+0-9]/g, '');
  if (compact.length < 10) return '****';
  return `${compact.slice(0, 6)}****${compact.slice(-4)}`;
}
