/** Percentile of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LoopResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Runs `total` calls of `once` with `concurrency` workers, timing each call: a plain timed loop. */
export async function timedLoop(total: number, concurrency: number, once: () => Promise<unknown>): Promise<LoopResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      next += 1;
      const t = performance.now();
      await once();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: total / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
