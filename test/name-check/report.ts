import { matchPayeeName, type PayeeNameOutcome } from '../../src/index.js';
import { baselineAnswer, baselineScore, fitThresholds, type Thresholds } from './baseline.js';
import { HELD_OUT } from './held-out.js';
import { ruleId, type LabelledPair } from './labelled-pair.js';
import { PAIRS } from './pairs.js';

const RULE_ORDER = 'MCBXP';
const OUTCOMES: PayeeNameOutcome[] = ['match', 'close-match', 'no-match', 'not-possible'];

export interface Figures {
  pairs: number;
  right: number;
  /** Answered match where the right answer is no-match or not-possible (target: 0). */
  wrongMatch: number;
  /** Answered close-match where the right answer is no-match: a stranger's name shown (target: 0). */
  disclosed: number;
  matrix: Map<string, number>;
}

export function figures(pairs: readonly LabelledPair[], answer: (pair: LabelledPair) => PayeeNameOutcome): Figures {
  const matrix = new Map<string, number>();
  let right = 0;
  let wrongMatch = 0;
  let disclosed = 0;
  for (const pair of pairs) {
    const got = answer(pair);
    matrix.set(`${pair.expected}>${got}`, (matrix.get(`${pair.expected}>${got}`) ?? 0) + 1);
    if (got === pair.expected) right += 1;
    if (got === 'match' && (pair.expected === 'no-match' || pair.expected === 'not-possible')) wrongMatch += 1;
    if (got === 'close-match' && pair.expected === 'no-match') disclosed += 1;
  }
  return { pairs: pairs.length, right, wrongMatch, disclosed, matrix };
}

const matcher = (pair: LabelledPair) => matchPayeeName(pair.typed, pair.held).result;
const ruleOf = (pair: LabelledPair) => matchPayeeName(pair.typed, pair.held).reasons[0].split(' ')[0];
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

function table(f: Figures): string[] {
  const lines = ['| right answer ↓ / answered → | match | close-match | no-match | not-possible |', '|---|---|---|---|---|'];
  for (const expected of OUTCOMES) {
    const cells = OUTCOMES.map((got) => {
      const n = f.matrix.get(`${expected}>${got}`) ?? 0;
      return got === expected ? `**${n}**` : String(n);
    });
    lines.push(`| ${expected} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function summary(f: Figures): string {
  return `${f.right} of ${f.pairs} right (${percent(f.right, f.pairs)}); wrong-person match: ${f.wrongMatch}; no-match answered close-match (a stranger's name shown): ${f.disclosed}`;
}

/** The generated part of docs/name-check.md (`npm run name-check:report` writes it; a test checks it is current). */
export function nameCheckReport(): string {
  const out: string[] = [];
  const countries = new Map<string, number>();
  const rules = new Map<string, number>();
  for (const pair of PAIRS) {
    countries.set(pair.country ?? 'scheme example', (countries.get(pair.country ?? 'scheme example') ?? 0) + 1);
    rules.set(ruleId(pair.rule), (rules.get(ruleId(pair.rule)) ?? 0) + 1);
  }
  out.push(`The labelled set (\`test/name-check/pairs.ts\`) has ${PAIRS.length} pairs.`);
  out.push(`By country: ${[...countries].map(([c, n]) => `${c} ${n}`).join(', ')}.`);
  out.push(`By deciding rule: ${[...rules].sort(([a], [b]) => RULE_ORDER.indexOf(a[0]) - RULE_ORDER.indexOf(b[0]) || a.localeCompare(b)).map(([r, n]) => `${r} ${n}`).join(', ')}.`);
  out.push(`The held-out set (\`test/name-check/held-out.ts\`, written after the matcher was frozen, other names) has ${HELD_OUT.length} pairs.`);
  out.push('');

  const set = figures(PAIRS, matcher);
  const ruleRight = PAIRS.filter((pair) => matcher(pair) === pair.expected && ruleOf(pair) === ruleId(pair.rule)).length;
  out.push('### The matcher, labelled set');
  out.push('');
  out.push(`${summary(set)}; right outcome and right rule: ${ruleRight} of ${PAIRS.length}.`);
  out.push('');
  out.push(...table(set));
  out.push('');
  const held = figures(HELD_OUT, matcher);
  const heldRule = HELD_OUT.filter((pair) => matcher(pair) === pair.expected && ruleOf(pair) === ruleId(pair.rule)).length;
  out.push('### The matcher, held-out set');
  out.push('');
  out.push(`${summary(held)}; right outcome and right rule: ${heldRule} of ${HELD_OUT.length}.`);
  out.push('');
  out.push(...table(held));
  out.push('');

  const sorted = fitThresholds(PAIRS, true);
  const whole = fitThresholds(PAIRS, false);
  const jw = (at: Thresholds, sortWords: boolean) => (pair: LabelledPair) => baselineAnswer(baselineScore(pair, sortWords), at);
  const baseline = figures(PAIRS, jw(sorted, true));
  out.push('### Baseline: Jaro-Winkler with two fitted thresholds');
  out.push('');
  out.push(
    `Words sorted, thresholds fitted on the labelled set by grid search (step 0.005): match ≥ ${sorted.match.toFixed(3)}, ` +
      `close-match ≥ ${sorted.close.toFixed(3)}. Labelled set: ${summary(baseline)}.`,
  );
  out.push('');
  out.push(...table(baseline));
  out.push('');
  const baselineHeld = figures(HELD_OUT, jw(sorted, true));
  out.push(`Held-out set, same thresholds: ${summary(baselineHeld)}.`);
  out.push('');
  out.push(...table(baselineHeld));
  out.push('');
  const wholeFigures = figures(PAIRS, jw(whole, false));
  out.push(
    `Whole string, words in written order: match ≥ ${whole.match.toFixed(3)}, close-match ≥ ${whole.close.toFixed(3)}; ` +
      `labelled set: ${summary(wholeFigures)}.`,
  );
  out.push('');
  out.push('Wrong-person pairs the fitted baseline answers close-match (it would show a stranger\'s name) or match, highest scores first:');
  out.push('');
  out.push('| typed | held | right answer (rule) | Jaro-Winkler | baseline answers |');
  out.push('|---|---|---|---|---|');
  const wrong = PAIRS.map((pair) => ({ pair, score: baselineScore(pair, true) }))
    .filter(({ pair, score }) => pair.expected === 'no-match' && baselineAnswer(score, sorted) !== 'no-match')
    .sort((a, b) => (b.score as number) - (a.score as number))
    .slice(0, 12);
  for (const { pair, score } of wrong) {
    const shown = pair.held.fullName ?? `${pair.held.firstName} ${pair.held.lastName}`;
    out.push(`| ${pair.typed} | ${shown} | no-match (${ruleId(pair.rule)}) | ${(score as number).toFixed(3)} | ${baselineAnswer(score, sorted)} |`);
  }
  const variants = PAIRS.map((pair) => ({ pair, score: baselineScore(pair, true) }))
    .filter(({ pair, score }) => (ruleId(pair.rule) === 'C4' || ruleId(pair.rule) === 'C6') && baselineAnswer(score, sorted) === 'no-match');
  out.push('');
  out.push(`Genuine variants (C4, C6) the baseline answers no-match: ${variants.length} of ${PAIRS.filter((p) => ['C4', 'C6'].includes(ruleId(p.rule))).length}, e.g. ${variants.slice(0, 4).map(({ pair, score }) => `${pair.typed} / ${pair.held.fullName ?? `${pair.held.firstName} ${pair.held.lastName}`} ${(score as number).toFixed(3)}`).join('; ')}.`);
  return `${out.join('\n')}\n`;
}
