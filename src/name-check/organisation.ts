// X4 and N7: telling an organisation from a person, and the words of an organisation's name.

/** N7: spellings of one legal form or abbreviation, to one compare form. */
const LEGAL_FORMS = new Map<string, string>([
  ['ltd', 'ltd'], ['limited', 'ltd'], ['plc', 'plc'], ['inc', 'inc'], ['incorporated', 'inc'], ['llc', 'llc'],
  ['llp', 'llp'], ['corp', 'corp'], ['corporation', 'corp'], ['gmbh', 'gmbh'],
  ['sarl', 'sarl'], ['sarlu', 'sarlu'], ['suarl', 'suarl'], ['sas', 'sas'], ['sasu', 'sasu'], ['sa', 'sa'],
  ['snc', 'snc'], ['sci', 'sci'], ['gie', 'gie'], ['scoops', 'scoops'], ['coop', 'coop'], ['cooperative', 'coop'],
  ['ets', 'ets'], ['etablissement', 'ets'], ['etablissements', 'ets'], ['ste', 'ste'], ['societe', 'ste'],
  ['cie', 'cie'], ['compagnie', 'cie'], ['co', 'co'], ['company', 'co'],
]);

/** Two-letter legal forms are also initials ("S. A. Adebayo"): they count only as the last word of a name. */
const LEGAL_FORMS_LAST_ONLY = new Set(['sa', 'co']);

/** Words that only a business name holds. They mark an organisation but are compared like any other word. */
const BUSINESS_WORDS = new Set([
  'enterprise', 'enterprises', 'entreprise', 'entreprises', 'venture', 'ventures', 'service', 'services',
  'multiservices', 'trading', 'transport', 'transports', 'boutique', 'quincaillerie', 'pharmacie', 'pharmacy',
  'agent', 'agence', 'agency', 'fils', 'freres', 'sons', 'brothers', 'group', 'groupe', 'holding', 'holdings',
  'industries', 'international', 'consulting', 'supermarche', 'supermarket', 'store', 'stores', 'shop', 'clinic',
  'clinique', 'restaurant', 'hotel', 'motors', 'electronics', 'construction', 'btp', 'commerce', 'commercial',
  'distribution', 'import', 'export', 'telecom', 'logistics', 'logistique', 'momo',
]);

/** Business phrases of two words. */
const BUSINESS_PHRASES = new Set(['mobile money']);

/** Connectors ignored in an organisation's name (N7); "&" is already a separator. */
const CONNECTORS = new Set(['and', 'et']);

export interface Organisation {
  /** Compare forms of the legal forms, sorted. */
  legalForms: string[];
  /** The other words (business words included), connectors dropped, in compare form, in written order. */
  words: string[];
}

/** The name as an organisation, or undefined when it is a person's name (no legal form, no business word). */
export function asOrganisation(words: readonly string[]): Organisation | undefined {
  const organisation = organisationWords(words);
  return organisation.marked ? organisation : undefined;
}

/** The words of a name read as an organisation's, whether or not anything marks it as one. */
export function organisationWords(words: readonly string[]): Organisation & { marked: boolean } {
  const joined = joinLegalFormLetters(words);
  let business = false;
  const legalForms: string[] = [];
  const rest: string[] = [];
  joined.forEach((word, index) => {
    const form = LEGAL_FORMS.get(word);
    if (form !== undefined && (!LEGAL_FORMS_LAST_ONLY.has(word) || index === joined.length - 1)) {
      legalForms.push(form);
      return;
    }
    if (BUSINESS_WORDS.has(word) || BUSINESS_PHRASES.has(`${word} ${joined[index + 1]}`)) business = true;
    if (!CONNECTORS.has(word)) rest.push(compareForm(word));
  });
  return { legalForms: legalForms.sort(), words: rest, marked: legalForms.length > 0 || business };
}

/** "S.A.R.L." arrives as s a r l: a run of single letters at the end of a name that spells a legal form is one word. */
function joinLegalFormLetters(words: readonly string[]): readonly string[] {
  let start = words.length;
  while (start > 0 && words[start - 1].length === 1) start -= 1;
  if (words.length - start < 2 || start === 0) return words;
  const run = words.slice(start).join('');
  return LEGAL_FORMS.has(run) ? [...words.slice(0, start), run] : words;
}

/** N7 for other words: a plural is the same word ("ABC Solicitors" / "ABC Solicitor Ltd"). */
function compareForm(word: string): string {
  return word.length >= 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}
