/** Why `value` cannot be an `AccountProvider` (what it lacks), or undefined. Nothing of it is called. */
export function providerContractBreach(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const provider = value as Record<string, unknown>;
  const absent = [
    typeof provider.displayName !== 'string' && 'displayName (a string)',
    typeof provider.createsAccounts !== 'boolean' && 'createsAccounts (a boolean)',
    !Array.isArray(provider.requiredFields) && 'requiredFields (a list)',
    typeof provider.lookup !== 'function' && 'lookup()',
    provider.refusal !== undefined && typeof provider.refusal !== 'function' && 'refusal() (a function, when given)',
  ].filter((what): what is string => typeof what === 'string');
  return absent.length === 0 ? undefined : `lacks ${absent.join(', ')}`;
}
