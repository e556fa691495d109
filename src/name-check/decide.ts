import { foldCase } from './fold.js';
import { heldWords, type HeldWords } from './family-name.js';
import { asOrganisation, type Organisation } from './organisation.js';
import { bestPairing, type Pair, type Pairing } from './pairing.js';
import { tokenise, type NameWords } from './tokenise.js';
import type { HeldPayeeName, NameRule, PayeeNameOutcome } from '../core/payee-name.js';

export interface Decision {
  result: PayeeNameOutcome;
  rule: NameRule;
  reasons: string[];
  /** Present on a close match only. */
  heldName?: string;
}

/** Person names longer than this are not compared word by word (the search is exhaustive): X9, unless equal. */
export const MAX_WORDS = 8;

/** What providers put where they have no name (P2). */
const PLACEHOLDERS = new Set(['n a', 'na', 'null', 'nil', 'none', 'undefined', 'unknown', 'inconnu', 'nom inconnu']);

/** Step 3: the label, rule by rule, in the policy's order. */
export function decide(typedName: string, held: HeldPayeeName): Decision {
  const typed = tokenise([typedName]);
  if (typed.words.length === 0) return no('not-possible', 'P1', 'NO-WORDS typed');
  const holder = heldWords(held);
  if (holder.words.length === 0 || PLACEHOLDERS.has(holder.words.join(' '))) return no('not-possible', 'P2', 'NO-HELD-NAME');

  const typedOrganisation = asOrganisation(typed.words);
  const heldOrganisation = asOrganisation(holder.words);
  if (typedOrganisation !== undefined && heldOrganisation !== undefined) {
    return organisations(typedOrganisation, heldOrganisation, holder.display);
  }
  if (typedOrganisation !== undefined || heldOrganisation !== undefined) return no('no-match', 'X4', 'ORGANISATION-VS-PERSON');
  return persons(typedName, typed, holder);
}

function persons(typedName: string, typed: NameWords, holder: HeldWords): Decision {
  const words = typed.words.join(' ');
  if (typed.words.length > MAX_WORDS || holder.words.length > MAX_WORDS) {
    if (sameWords(typed.words, holder.words)) return matched('M3', typedName, typed, holder, true, false);
    return no('no-match', 'X9', `TOO-MANY-WORDS ${words}`);
  }
  const pairing = bestPairing(typed.words, holder.words, holder.family);
  if (pairing === undefined) return no('no-match', 'X9', `TOO-MANY-PAIRINGS ${words}`);
  const { pairs, typedExtra, heldExtra } = pairing;

  if (typedExtra.length === 0 && heldExtra.length === 0 && pairs.every((pair) => pair.relation === 'EQUAL')) {
    const ordered = pairs.every((pair, i) => i === 0 || pair.held.words[0] > pairs[i - 1].held.words[0]);
    const joined = pairs.some((pair) => pair.typed.joined || pair.held.joined);
    return matched(undefined, typedName, typed, holder, !ordered, joined);
  }
  const typedTokens = pairs.length + typedExtra.length;
  if (typedTokens === 1) return no('no-match', 'X6', `SINGLE-WORD ${words}`);
  if (typed.words.every((word) => word.length === 1)) return no('no-match', 'X7', `INITIALS-ONLY ${words}`);
  const familyInitial = pairs.find(
    (pair) => pair.relation === 'INITIAL' && pair.held.words.some((word) => holder.family.includes(word)),
  );
  if (familyInitial !== undefined) return no('no-match', 'X7', `FAMILY-INITIAL ${familyInitial.typed.text}`);
  if (typedExtra.length > 0 && heldExtra.length > 0) {
    const familyLeft = heldExtra.some((token) => token.words.some((word) => holder.family.includes(word)));
    const unpaired = typedExtra.map((token) => token.text).join(' ');
    return familyLeft
      ? no('no-match', 'X3', `FAMILY-NAME typed ${unpaired} unpaired`)
      : no('no-match', 'X2', `GIVEN-NAME typed ${unpaired} unpaired`);
  }
  if (!pairing.familyPaired) return no('no-match', 'X5', 'FAMILY-NAME-MISSING');
  if (pairing.deviations >= 3) return no('no-match', 'X9', `DEVIATIONS ${pairing.deviations}: ${typedSide(pairing)}`);
  const deviations = describe(pairing);
  const rule: NameRule = pairing.deviations === 2 ? 'C6' : CLOSE_RULE[deviations[0].kind];
  return {
    result: 'close-match',
    rule,
    reasons: deviations.map((deviation) => `${rule} ${deviation.text}`),
    heldName: holder.display,
  };
}

const CLOSE_RULE = { EXTRA: 'C1', MISSING: 'C1', INITIAL: 'C2', TYPO: 'C3', VARIANT: 'C4' } as const;

/** The deviations of a close match, held words named (the payer is shown the held name anyway). */
function describe(pairing: Pairing): { kind: keyof typeof CLOSE_RULE; text: string }[] {
  const out: { kind: keyof typeof CLOSE_RULE; text: string }[] = [];
  for (const pair of pairing.pairs) {
    if (pair.relation !== 'EQUAL') out.push({ kind: pair.relation, text: `${pair.relation} ${pair.typed.text}~${pair.held.text}` });
  }
  if (pairing.typedExtra.length > 0) out.push({ kind: 'EXTRA', text: `EXTRA typed ${texts(pairing.typedExtra)}` });
  if (pairing.heldExtra.length > 0) out.push({ kind: 'MISSING', text: `MISSING ${texts(pairing.heldExtra)}` });
  return out;
}

/** The deviations of a no-match, typed words only: a held word must not leak into logs. */
function typedSide(pairing: Pairing): string {
  const parts = pairing.pairs.filter((pair) => pair.relation !== 'EQUAL').map((pair: Pair) => `${pair.relation} ${pair.typed.text}`);
  if (pairing.typedExtra.length > 0) parts.push(`EXTRA typed ${texts(pairing.typedExtra)}`);
  if (pairing.heldExtra.length > 0) parts.push('MISSING held word(s)');
  return parts.join(', ');
}

const texts = (tokens: readonly { text: string }[]) => tokens.map((token) => token.text).join(' ');

const MATCH_TITLE = { M1: 'IDENTICAL', M2: 'CASE-ACCENTS', M3: 'ORDER', M4: 'TITLE', M5: 'PUNCTUATION-SPACING' } as const;

/** M1–M5 say which step-1 rule made the names equal; the strongest wins: M4 > M3 > M5 > M2. */
function matched(
  forced: 'M3' | undefined,
  typedName: string,
  typed: NameWords,
  holder: HeldWords,
  reordered: boolean,
  joined: boolean,
): Decision {
  let rule: keyof typeof MATCH_TITLE;
  if (typedName.trim() === holder.display) rule = 'M1';
  else if (typed.titlesDropped || holder.titlesDropped) rule = 'M4';
  else if (forced !== undefined || reordered) rule = 'M3';
  else if (!joined && foldCase(typedName) === foldCase(holder.display)) rule = 'M2';
  else rule = 'M5';
  return { result: 'match', rule, reasons: [`${rule} ${MATCH_TITLE[rule]} ${typed.words.join(' ')}`] };
}

/** B1, B2, X1: two organisations, compared after N7. */
function organisations(typed: Organisation, held: Organisation, display: string): Decision {
  if (!sameName(typed, held)) {
    const missing = typed.words.filter((word) => !held.words.includes(word));
    return no('no-match', 'X1', missing.length > 0 ? `DISTINCTIVE typed ${missing.join(' ')} unpaired` : 'DISTINCTIVE held word(s) not typed');
  }
  const typedForms = typed.legalForms.join(' ');
  const heldForms = held.legalForms.join(' ');
  if (typedForms === heldForms) return { result: 'match', rule: 'B1', reasons: [`B1 SAME-NAME ${typed.words.join(' ')} ${typedForms}`.trim()] };
  if (typedForms === '' || heldForms === '') {
    return { result: 'close-match', rule: 'B2', reasons: [`B2 LEGAL-FORM ${typedForms || '-'}~${heldForms || '-'}`], heldName: display };
  }
  return no('no-match', 'X1', `LEGAL-FORM typed ${typedForms}`);
}

function sameName(typed: Organisation, held: Organisation): boolean {
  return sameWords(typed.words, held.words) || typed.words.join('') === held.words.join('');
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const left = [...a].sort();
  const right = [...b].sort();
  return left.every((word, index) => word === right[index]);
}

function no(result: 'no-match' | 'not-possible', rule: NameRule, reason: string): Decision {
  return { result, rule, reasons: [`${rule} ${reason}`] };
}
