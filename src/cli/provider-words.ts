import { BUILTIN_PROVIDERS } from '../providers/builtin-providers.js';

/** The built-in providers' display names in a sentence, from the one list: `B-MO, BEEP, MTN MoMo and GSMA`. */
export function providersInWords(conjunction: 'and' | 'or' = 'and'): string {
  const names = BUILTIN_PROVIDERS.map((provider) => provider.displayName as string);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}
