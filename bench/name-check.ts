import { Bench } from 'tinybench';
import { matchPayeeName } from '../src/index.js';
import { PAIRS } from '../test/name-check/pairs.js';

/** µs per payee-name comparison, averaged over every pair of the labelled set (target ≤ 20 µs). */
export async function nameCheckCost(): Promise<{ pairs: number; microsecondsPerComparison: number }> {
  const bench = new Bench({ time: 700, warmup: true });
  bench.add('matchPayeeName over the labelled set', () => {
    for (const pair of PAIRS) matchPayeeName(pair.typed, pair.held);
  });
  await bench.run();
  const msPerRound = (bench.tasks[0].result as { latency: { mean: number } }).latency.mean;
  return { pairs: PAIRS.length, microsecondsPerComparison: (msPerRound * 1000) / PAIRS.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { pairs, microsecondsPerComparison } = await nameCheckCost();
  console.log(`matchPayeeName: ${microsecondsPerComparison.toFixed(2)} µs per comparison (${pairs} pairs)`);
}
