import { relationOf, type Relation } from './word-relations.js';

/** A word of one side, or (N6) adjacent words joined because together they equal a word of the other side. */
export interface Token {
  text: string;
  /** Positions of the words it covers. */
  words: number[];
  joined: boolean;
}

export interface Pair {
  typed: Token;
  held: Token;
  relation: Relation;
}

export interface Pairing {
  pairs: Pair[];
  typedExtra: Token[];
  heldExtra: Token[];
  /** VARIANT, TYPO and INITIAL pairs count 1 each; EXTRA words count 1 per side that has any. */
  deviations: number;
  /** Whether every family-name word of the held side is paired EQUAL, VARIANT or TYPO. */
  familyPaired: boolean;
}

/** N6 joins two or three adjacent words, never more. */
const MAX_JOIN = 3;

/**
 * Step 2: the best pairing of the typed words with the held words. Among all pairings (and all N6 joins), the one that
 * pairs the most words, then has the fewest deviations, then pairs the family name, then has the most EQUAL pairs.
 * Pairing the most words comes first: otherwise leaving every word unpaired (2 deviations at most) would always win.
 * Undefined when the names allow too many pairings to search (SEARCH_BUDGET): the caller answers no-match.
 */
export function bestPairing(typed: readonly string[], held: readonly string[], family: readonly number[]): Pairing | undefined {
  let best: Scored | undefined;
  for (const typedTokens of segmentations(typed, held)) {
    for (const heldTokens of segmentations(held, typed)) {
      const found = search(typedTokens, heldTokens, family);
      if (found === undefined) return undefined;
      if (best === undefined || better(scoreOf(found), scoreOf(best))) best = found;
    }
  }
  return best!.pairing;
}

interface Scored {
  pairing: Pairing;
  covered: number;
  equal: number;
}

interface Score {
  covered: number;
  deviations: number;
  familyPaired: boolean;
  equal: number;
}

function better(a: Score, b: Score): boolean {
  if (a.covered !== b.covered) return a.covered > b.covered;
  if (a.deviations !== b.deviations) return a.deviations < b.deviations;
  if (a.familyPaired !== b.familyPaired) return a.familyPaired;
  return a.equal > b.equal;
}

const scoreOf = (s: Scored): Score => ({ covered: s.covered, deviations: s.pairing.deviations, familyPaired: s.pairing.familyPaired, equal: s.equal });

/** Every way to cut one side into tokens where a join equals a word of the other side (usually just one way). */
function segmentations(words: readonly string[], other: readonly string[]): Token[][] {
  const out: Token[][] = [];
  const walk = (start: number, tokens: Token[]) => {
    if (start === words.length) {
      out.push(tokens);
      return;
    }
    walk(start + 1, [...tokens, { text: words[start], words: [start], joined: false }]);
    let text = words[start];
    for (let end = start + 1; end < Math.min(words.length, start + MAX_JOIN); end += 1) {
      text += words[end];
      if (other.includes(text)) {
        walk(end + 1, [...tokens, { text, words: range(start, end), joined: true }]);
      }
    }
  };
  walk(0, []);
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const COST: Record<Relation, number> = { EQUAL: 0, VARIANT: 1, TYPO: 1, INITIAL: 1 };

/** Pairings tried per comparison before giving up (real names need a few dozen; only crafted input gets near). */
export const SEARCH_BUDGET = 50_000;

/**
 * Exhaustive search over one segmentation of each side, by branch and bound. Identical tokens are interchangeable,
 * so only one order of them is tried. Undefined when the budget ran out.
 */
function search(typed: readonly Token[], held: readonly Token[], family: readonly number[]): Scored | undefined {
  const relations = typed.map((t) =>
    held.map((h) => {
      if (t.joined || h.joined) return t.text === h.text ? ('EQUAL' as const) : undefined;
      return relationOf(t.text, h.text);
    }),
  );
  const familyBits = held.map((h) => family.reduce((bits, word, i) => (h.words.includes(word) ? bits | (1 << i) : bits), 0));
  const allFamily = (1 << family.length) - 1;
  const sameAsEarlier = (tokens: readonly Token[], bits?: number[]) =>
    tokens.map((token, i) => {
      for (let j = i - 1; j >= 0; j -= 1) if (tokens[j].text === token.text && (bits === undefined || bits[j] === bits[i])) return j;
      return -1;
    });
  const heldTwin = sameAsEarlier(held, familyBits);
  const typedTwin = sameAsEarlier(typed);
  const NONE = held.length; // "no partner" sorts after every held token, for the order of identical typed tokens
  const used = new Array<boolean>(held.length).fill(false);
  const chosen = new Array<number>(typed.length).fill(NONE);
  let best: { chosen: number[]; covered: number; deviations: number; familyPaired: boolean; equal: number } | undefined;
  let nodes = 0;

  const finish = () => {
    let covered = 0;
    let deviations = 0;
    let equal = 0;
    let typedExtra = false;
    let pairedFamily = 0;
    for (let t = 0; t < typed.length; t += 1) {
      const h = chosen[t];
      if (h === NONE) {
        typedExtra = true;
        continue;
      }
      const relation = relations[t][h]!;
      covered += typed[t].words.length + held[h].words.length;
      deviations += COST[relation];
      if (relation === 'EQUAL') equal += 1;
      if (relation !== 'INITIAL') pairedFamily |= familyBits[h];
    }
    deviations += (typedExtra ? 1 : 0) + (used.includes(false) ? 1 : 0);
    const found = { chosen: [...chosen], covered, deviations, familyPaired: pairedFamily === allFamily, equal };
    if (best === undefined || better(found, best)) best = found;
  };

  const walk = (t: number, covered: number, remaining: number): boolean => {
    nodes += 1;
    if (nodes > SEARCH_BUDGET) return false;
    if (best !== undefined && covered + remaining < best.covered) return true;
    if (t === typed.length) {
      finish();
      return true;
    }
    const twin = typedTwin[t];
    const from = twin >= 0 ? chosen[twin] + 1 : 0;
    const rest = remaining - typed[t].words.length - MAX_JOIN;
    for (let h = from; h < held.length; h += 1) {
      if (used[h] || relations[t][h] === undefined || (heldTwin[h] >= 0 && !used[heldTwin[h]])) continue;
      used[h] = true;
      chosen[t] = h;
      const ok = walk(t + 1, covered + typed[t].words.length + held[h].words.length, rest);
      used[h] = false;
      if (!ok) return false;
    }
    chosen[t] = NONE;
    return walk(t + 1, covered, rest);
  };
  const bound = typed.reduce((sum, token) => sum + token.words.length + MAX_JOIN, 0);
  if (!walk(0, 0, bound)) return undefined;

  const found = best!;
  const pairs: Pair[] = [];
  const typedExtra: Token[] = [];
  found.chosen.forEach((h, t) => {
    if (h === NONE) typedExtra.push(typed[t]);
    else pairs.push({ typed: typed[t], held: held[h], relation: relations[t][h]! });
  });
  const pairedHeld = new Set(found.chosen);
  const heldExtra = held.filter((_, h) => !pairedHeld.has(h));
  return {
    pairing: { pairs, typedExtra, heldExtra, deviations: found.deviations, familyPaired: found.familyPaired },
    covered: found.covered,
    equal: found.equal,
  };
}
