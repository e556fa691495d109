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
  'distribution', 'import', 'export', 'telecom', 'logistics', 'logistique', 'momo', 'solicitor', 'solicitors',
  'associates', 'partners', 'consultants', 'cabinet',
]);

/** Business phrases of two words: first word → second. */
const BUSINESS_PHRASES = new Map([['mobile', 'money']]);

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
    if (BUSINESS_WORDS.has(word) || (BUSINESS_PHRASES.has(word) && BUSINESS_PHRASES.get(word) === joined[index + 1])) business = true;
    if (!CONNECTORS.has(word)) rest.push(compareForm(word));
  });
  if (legalForms.length === 0 && !business) return undefined;
  return { legalForms: legalForms.sort(), words: rest };
}

/**
 * "S.A.R.L." arrives as s a r l: a run of single letters that spells a legal form is one word. Two-letter forms
 * (s a) only at the end, where they cannot be a person's initials ("S. A. Adebayo").
 */
function joinLegalFormLetters(words: readonly string[]): readonly string[] {
  if (!words.some((word, i) => word.length === 1 && words[i + 1]?.length === 1)) return words;
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let end = i;
    while (end < words.length && words[end].length === 1) end += 1;
    const run = words.slice(i, end).join('');
    if (end - i >= 2 && LEGAL_FORMS.has(run) && (run.length >= 3 || end === words.length)) {
      out.push(run);
      i = end;
    } else {
      out.push(words[i]);
      i += 1;
    }
  }
  return out;
}

/** N7 for other words: a plural is the same word ("ABC Solicitors" / "ABC Solicitor Ltd"). */
function compareForm(word: string): string {
  return word.length >= 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}
