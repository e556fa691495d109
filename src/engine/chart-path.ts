import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import { PrecheckConfigError } from '../core/precheck-config-error.js';
import { ChartRunner, unsupportedFeature } from './chart-runner.js';

/**
 * Which path `check()` takes through the chart: `'auto'` (the default: the chart runner, chart-runner.ts, unless the
 * engine has `inspect` or its chart uses a feature the runner does not support, then actors), `'actor'` (always an XState
 * actor) or `'runner'` (always the runner: `createPrecheck` throws `PrecheckConfigError` for a chart it cannot run).
 *
 * Internal, not exported from `src/index.ts`: for the differential test (test/chart-runner.test.ts) and the bench
 * (bench/chart-runner.ts), which build one engine per path. Read once, when an engine is created:
 *
 *     setChartPath('actor');
 *     const onActors = createPrecheck(options);
 *     setChartPath('auto');
 */
export type ChartPath = 'auto' | 'actor' | 'runner';

let path: ChartPath = 'auto';

export function setChartPath(next: ChartPath): void {
  path = next;
}

export const chartPath = (): ChartPath => path;

/** An engine built on `forced`, whatever was set before. */
export function withChartPath<T>(forced: ChartPath, build: () => T): T {
  const before = path;
  path = forced;
  try {
    return build();
  } finally {
    path = before;
  }
}

/**
 * The runner `check()` uses for `machine`, or undefined for actors: with `inspect` (its events come from actors), on
 * `'actor'`, or when the chart uses a feature outside the runner's subset — said once, with `console.warn`, when the
 * engine is built (on `'runner'`, a `PrecheckConfigError` naming the feature instead).
 */
export function chartRunnerFor(
  machine: PrecheckMachine,
  { inspecting, warn = (message) => console.warn(message) }: { inspecting: boolean; warn?: (message: string) => void },
): ChartRunner | undefined {
  if (path === 'actor' || inspecting) return undefined;
  const feature = unsupportedFeature(machine);
  if (feature === undefined) return new ChartRunner(machine);
  const message = `the chart uses ${feature}, which the chart runner does not run`;
  if (path === 'runner') throw new PrecheckConfigError(`${message}: use the actor path`);
  warn(`precheck: ${message}; every check of this engine runs on an XState actor.`);
  return undefined;
}
