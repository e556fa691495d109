import { matchPayeeName, type PayeeNameOutcome } from '../../src/index.js';
import { heldWords } from '../../src/name-check/family-name.js';
import { tokenise } from '../../src/name-check/tokenise.js';
import { jaroWinkler } from './jaro-winkler.js';
import type { LabelledPair } from './labelled-pair.js';

/**
 * A plain score with two thresholds, the way generic matchers decide: Jaro-Winkler of the two names after N1–N4
 * (case, accents, ARA letters, punctuation, titles), words sorted so that order does not count. The not-possible
 * answers (nothing typed, no held name) are given to it for free.
 */
export function baselineScore(pair: LabelledPair, sortWords = true): number | 'not-possible' {
  if (matchPayeeName(pair.typed, pair.held).result === 'not-possible') return 'not-possible';
  const typed = tokenise([pair.typed]).words;
  const held = heldWords(pair.held).words;
  const text = (words: string[]) => (sortWords ? [...words].sort() : words).join(' ');
  return jaroWinkler(text(typed), text(held));
}

export interface Thresholds {
  match: number;
  close: number;
}

export function baselineAnswer(score: number | 'not-possible', at: Thresholds): PayeeNameOutcome {
  if (score === 'not-possible') return 'not-possible';
  return score >= at.match ? 'match' : score >= at.close ? 'close-match' : 'no-match';
}

/** Grid search (step 0.005) for the two thresholds that answer the most pairs right; ties: fewer names disclosed. */
export function fitThresholds(pairs: readonly LabelledPair[], sortWords = true): Thresholds {
  const scores = pairs.map((pair) => baselineScore(pair, sortWords));
  let best = { at: { match: 1, close: 1 }, right: -1, disclosed: Infinity };
  for (let close = 100; close <= 200; close += 1) {
    for (let match = close; match <= 200; match += 1) {
      const at = { match: match / 200, close: close / 200 };
      let right = 0;
      let disclosed = 0;
      pairs.forEach((pair, i) => {
        const answer = baselineAnswer(scores[i], at);
        if (answer === pair.expected) right += 1;
        if (answer === 'close-match' && pair.expected === 'no-match') disclosed += 1;
      });
      if (right > best.right || (right === best.right && disclosed < best.disclosed)) best = { at, right, disclosed };
    }
  }
  return best.at;
}
