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
 */
export function bestPairing(typed: readonly string[], held: readonly string[], family: readonly number[]): Pairing {
  let best: Scored | undefined;
  for (const typedTokens of segmentations(typed, held)) {
    for (const heldTokens of segmentations(held, typed)) {
      const found = search(typedTokens, heldTokens, family);
      if (best === undefined || better(found, best)) best = found;
    }
  }
  return best!.pairing;
}

interface Scored {
  pairing: Pairing;
  covered: number;
  equal: number;
}

function better(a: Scored, b: Scored): boolean {
  if (a.covered !== b.covered) return a.covered > b.covered;
  if (a.pairing.deviations !== b.pairing.deviations) return a.pairing.deviations < b.pairing.deviations;
  if (a.pairing.familyPaired !== b.pairing.familyPaired) return a.pairing.familyPaired;
  return a.equal > b.equal;
}

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

/** Exhaustive search over one segmentation of each side (names have 2–5 words; callers bound the count). */
function search(typed: readonly Token[], held: readonly Token[], family: readonly number[]): Scored {
  const relations = typed.map((t) =>
    held.map((h) => {
      if (t.joined || h.joined) return t.text === h.text ? ('EQUAL' as const) : undefined;
      return relationOf(t.text, h.text);
    }),
  );
  const used = new Array<boolean>(held.length).fill(false);
  const chosen: (number | undefined)[] = new Array(typed.length).fill(undefined);
  let best: Scored | undefined;

  const finish = () => {
    const pairs: Pair[] = [];
    const typedExtra: Token[] = [];
    let covered = 0;
    let equal = 0;
    let deviations = 0;
    chosen.forEach((h, t) => {
      if (h === undefined) {
        typedExtra.push(typed[t]);
        return;
      }
      const relation = relations[t][h]!;
      pairs.push({ typed: typed[t], held: held[h], relation });
      covered += typed[t].words.length + held[h].words.length;
      deviations += COST[relation];
      if (relation === 'EQUAL') equal += 1;
    });
    const heldExtra = held.filter((_, h) => !used[h]);
    deviations += (typedExtra.length > 0 ? 1 : 0) + (heldExtra.length > 0 ? 1 : 0);
    const familyPaired = family.every((word) =>
      pairs.some((pair) => pair.relation !== 'INITIAL' && pair.held.words.includes(word)),
    );
    const scored = { pairing: { pairs, typedExtra, heldExtra, deviations, familyPaired }, covered, equal };
    if (best === undefined || better(scored, best)) best = scored;
  };

  const walk = (t: number) => {
    if (t === typed.length) {
      finish();
      return;
    }
    const tried = new Set<string>();
    for (let h = 0; h < held.length; h += 1) {
      if (used[h] || relations[t][h] === undefined) continue;
      // Two unused held tokens with the same text (and family role) lead to the same outcomes: try one.
      const key = `${held[h].text}/${held[h].words.some((word) => family.includes(word))}`;
      if (tried.has(key)) continue;
      tried.add(key);
      used[h] = true;
      chosen[t] = h;
      walk(t + 1);
      used[h] = false;
    }
    chosen[t] = undefined;
    walk(t + 1);
  };
  walk(0);
  return best!;
}
