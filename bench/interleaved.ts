/** One thing to time: a call, synchronous or returning a promise. */
export type Operation = () => unknown;

export interface Interleaved {
  /** Median µs per call, over the rounds. */
  microseconds: Record<string, number>;
  /** Median, over the rounds, of (this call − `reference`'s call in the same round), in µs. */
  over: (name: string, reference: string) => number;
  /** How far that median may be off (95 %, the box plot's notch: 1.58 × interquartile range ÷ √rounds), in µs. */
  spread: (name: string, reference: string) => number;
}

/** Calls `operation` `times` times, one after the other; awaited only when it returns promises. */
async function repeat(operation: Operation, times: number): Promise<void> {
  const first = operation();
  if (first instanceof Promise) {
    await first;
    for (let i = 1; i < times; i++) await operation();
  } else {
    for (let i = 1; i < times; i++) operation();
  }
}

/**
 * Times every operation in small batches, one after the other, round after round, so that a machine whose speed
 * drifts (a shared or throttled CPU) slows every operation alike: differences and ratios are taken within a round.
 */
export async function interleaved(operations: Record<string, Operation>, rounds = 31, batch = 200, warmup = 1500): Promise<Interleaved> {
  const names = Object.keys(operations);
  for (const name of names) await repeat(operations[name], warmup);
  const samples: Record<string, number>[] = [];
  for (let round = 0; round < rounds; round++) {
    const sample: Record<string, number> = {};
    for (const name of names) {
      const started = process.hrtime.bigint();
      await repeat(operations[name], batch);
      sample[name] = Number(process.hrtime.bigint() - started) / 1000 / batch;
    }
    samples.push(sample);
  }
  const quantile = (values: number[], q: number) => values.sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
  const median = (values: number[]) => quantile(values, 0.5);
  const differences = (name: string, reference: string) => samples.map((sample) => sample[name] - sample[reference]);
  return {
    microseconds: Object.fromEntries(names.map((name) => [name, median(samples.map((sample) => sample[name]))])),
    over: (name, reference) => median(differences(name, reference)),
    spread: (name, reference) => {
      const values = differences(name, reference);
      return (1.58 * (quantile(values, 0.75) - quantile(values, 0.25))) / Math.sqrt(values.length);
    },
  };
}
