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
  if (!mayJoin(words, other)) return [words.map((word, i) => ({ text: word, words: [i], joined: false }))];
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

/** Whether any two adjacent words start a word of the other side (the usual answer, no, skips the search). */
function mayJoin(words: readonly string[], other: readonly string[]): boolean {
  for (let i = 0; i + 1 < words.length; i += 1) {
    for (const word of other) if (word.length > words[i].length && word.startsWith(words[i])) return true;
  }
  return false;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const COST: Record<Relation, number> = { EQUAL: 0, VARIANT: 1, TYPO: 1, INITIAL: 1 };

/** Pairings tried per comparison before giving up (real names need a few dozen; only crafted input gets near). */
export const SEARCH_BUDGET = 50_000;

/** The state of one search: what is fixed for it, and the partial pairing being built. */
interface SearchState {
  typed: readonly Token[];
  held: readonly Token[];
  relations: (Relation | undefined)[][];
  familyBits: number[];
  allFamily: number;
  heldTwin: number[];
  typedTwin: number[];
  used: boolean[];
  chosen: number[];
  best: (Score & { chosen: number[] }) | undefined;
  nodes: number;
}

/**
 * Exhaustive search over one segmentation of each side, by branch and bound. Identical tokens are interchangeable,
 * so only one order of them is tried. Undefined when the budget ran out.
 */
function search(typed: readonly Token[], held: readonly Token[], family: readonly number[]): Scored | undefined {
  const relations: (Relation | undefined)[][] = [];
  for (const t of typed) {
    const row: (Relation | undefined)[] = [];
    for (const h of held) row.push(t.joined || h.joined ? (t.text === h.text ? 'EQUAL' : undefined) : relationOf(t.text, h.text));
    relations.push(row);
  }
  const familyBits: number[] = [];
  for (const h of held) {
    let bits = 0;
    for (let i = 0; i < family.length; i += 1) if (h.words.includes(family[i])) bits |= 1 << i;
    familyBits.push(bits);
  }
  const state: SearchState = {
    typed,
    held,
    relations,
    familyBits,
    allFamily: (1 << family.length) - 1,
    heldTwin: twins(held, familyBits),
    typedTwin: twins(typed),
    used: new Array<boolean>(held.length).fill(false),
    chosen: new Array<number>(typed.length).fill(held.length),
    best: undefined,
    nodes: 0,
  };
  let bound = 0;
  for (const token of typed) bound += token.words.length + MAX_JOIN;
  if (!walk(state, 0, 0, bound)) return undefined;

  const found = state.best!;
  const pairs: Pair[] = [];
  const typedExtra: Token[] = [];
  const paired = new Array<boolean>(held.length).fill(false);
  found.chosen.forEach((h, t) => {
    if (h === held.length) typedExtra.push(typed[t]);
    else {
      pairs.push({ typed: typed[t], held: held[h], relation: relations[t][h]! });
      paired[h] = true;
    }
  });
  const heldExtra = held.filter((_, h) => !paired[h]);
  return {
    pairing: { pairs, typedExtra, heldExtra, deviations: found.deviations, familyPaired: found.familyPaired },
    covered: found.covered,
    equal: found.equal,
  };
}

/** For each token, an earlier token with the same text (and family role), or -1. */
function twins(tokens: readonly Token[], bits?: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    let twin = -1;
    for (let j = i - 1; j >= 0 && twin < 0; j -= 1) {
      if (tokens[j].text === tokens[i].text && (bits === undefined || bits[j] === bits[i])) twin = j;
    }
    out.push(twin);
  }
  return out;
}

/** Chooses a partner (or none, `held.length`) for typed token t and goes on; false when the budget ran out. */
function walk(s: SearchState, t: number, covered: number, remaining: number): boolean {
  s.nodes += 1;
  if (s.nodes > SEARCH_BUDGET) return false;
  if (s.best !== undefined && covered + remaining < s.best.covered) return true;
  if (t === s.typed.length) {
    finish(s);
    return true;
  }
  const none = s.held.length;
  const twin = s.typedTwin[t];
  const from = twin >= 0 ? s.chosen[twin] + 1 : 0;
  const words = s.typed[t].words.length;
  const rest = remaining - words - MAX_JOIN;
  for (let h = from; h < none; h += 1) {
    if (s.used[h] || s.relations[t][h] === undefined || (s.heldTwin[h] >= 0 && !s.used[s.heldTwin[h]])) continue;
    s.used[h] = true;
    s.chosen[t] = h;
    const ok = walk(s, t + 1, covered + words + s.held[h].words.length, rest);
    s.used[h] = false;
    if (!ok) return false;
  }
  s.chosen[t] = none;
  return walk(s, t + 1, covered, rest);
}

/** Scores a complete pairing and keeps it when it is the best so far. */
function finish(s: SearchState): void {
  const none = s.held.length;
  let covered = 0;
  let deviations = 0;
  let equal = 0;
  let typedExtra = false;
  let pairedFamily = 0;
  for (let t = 0; t < s.typed.length; t += 1) {
    const h = s.chosen[t];
    if (h === none) {
      typedExtra = true;
      continue;
    }
    const relation = s.relations[t][h]!;
    covered += s.typed[t].words.length + s.held[h].words.length;
    deviations += COST[relation];
    if (relation === 'EQUAL') equal += 1;
    if (relation !== 'INITIAL') pairedFamily |= s.familyBits[h];
  }
  deviations += (typedExtra ? 1 : 0) + (s.used.includes(false) ? 1 : 0);
  const found = { chosen: [...s.chosen], covered, deviations, familyPaired: pairedFamily === s.allFamily, equal };
  if (s.best === undefined || better(found, s.best)) s.best = found;
}
