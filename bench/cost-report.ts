import type { ColdStartRow } from './cold-start.js';
import type { EngineOverhead } from './engine-overhead.js';
import { fixed } from './stats.js';

/**
 * A bare create + start + stop of the chart's actor, in µs, on the run that set issue 15's targets (60 µs a check,
 * 45 µs a hit): the targets as multiples of it hold on a slower or faster machine.
 */
export const BARE_ACTOR_WHEN_SET = 34;

const share = (part: number, whole: number) => `${fixed((100 * part) / whole, 0)} %`;

/** The "Engine overhead" section: the table, then where a check's time goes, with XState's own share. */
export function overheadLines(overhead: EngineOverhead): string[] {
  const { check, hit, bareActor, bareSameShape, parts } = overhead;
  const engineParts = parts.policies + parts.validation + parts.lookup + parts.telemetry + parts.checkCall;
  const rest = check - bareSameShape - engineParts;
  return [
    'Every figure from one interleaved run: each call timed in batches of 50, one after the other, 121 rounds, median; a part is the median, over the rounds, of a check with that part real minus the same check with it stubbed (± how far that median may be off, 95 %: on a shared, drifting machine a part is known to about that).',
    '',
    '| what | µs per call | × a bare create + start + stop |',
    '|---|---|---|',
    ...overhead.rows.map(
      (row) =>
        `| ${row.name} | ${fixed(row.microseconds)}${row.spread === undefined ? '' : ` ± ${fixed(row.spread)}`} | ${fixed(row.microseconds / bareActor, 2)} |`,
    ),
    '',
    `Where a check's ${fixed(check)} µs go (cache off):`,
    '',
    `- XState itself on the check's path (the same chart to the same decision with every engine part stubbed): ${fixed(bareSameShape)} µs, ${share(bareSameShape, check)} — ${fixed(bareSameShape / bareActor, 2)}× a bare create + start + stop; it creates two actors (the check, and its lookup's promise actor with an AbortController), arms and clears two timers (deadline, attempt timeout), and clones the whole snapshot on each of the path's nine context assignments;`,
    `- the engine's parts inside it: validation ${fixed(parts.validation)} µs (${share(parts.validation, check)}; by itself, outside a check, validation takes ${fixed(overhead.alone.validation)} µs of which E.164 parsing ${fixed(overhead.alone.e164)} µs), guarded lookup ${fixed(parts.lookup)} µs (${share(parts.lookup, check)}; single flight ${fixed(parts.singleFlight)} µs of it, mostly the AbortController it needs so that one caller giving up does not abort the others), policies on the chart ${fixed(parts.policies)} µs, telemetry hook ${fixed(parts.telemetry)} µs, \`check()\` around the actor ${fixed(parts.checkCall)} µs: ${fixed(engineParts)} µs in all (${share(engineParts, check)}); a part below its ± is within this run's noise;`,
    `- not attributed (parts measured one at a time do not add up exactly; garbage collection): ${fixed(rest)} µs (${share(rest, check)}).`,
    '',
    `A cache hit (${fixed(hit)} µs) still runs the whole chart, its lookup's promise actor included: only the provider call, single flight and bulkhead are skipped (${fixed(parts.lookupHit)} µs in a check against ${fixed(parts.lookup)} µs for a miss).`,
    `Issue 15's targets were set when a bare create + start + stop took ${BARE_ACTOR_WHEN_SET} µs: 60 µs a check is ${fixed(60 / BARE_ACTOR_WHEN_SET, 2)}× that, 45 µs a hit ${fixed(45 / BARE_ACTOR_WHEN_SET, 2)}×. XState alone on the check's path is already ${fixed(bareSameShape / bareActor, 2)}×, so neither target can be met while a check is an actor of this chart; what the engine adds is ${fixed(engineParts / bareActor, 2)}×.`,
  ];
}

/** The "Cold start" section: the figures, then each import's share. */
export function coldStartLines(cold: ColdStartRow): string[] {
  const total = cold.steps.reduce((sum, step) => sum + step.ms, 0);
  const step = (key: string) => cold.steps.find((each) => each.key === key)?.ms ?? Number.NaN;
  return [
    `- import the built package and create an engine, fresh process, median of ${cold.runs}: ${fixed(cold.importAndCreateMs)} ms (whole process including Node's own start: ${fixed(cold.processWallMs)} ms)`,
    `- the same and a first check decided (a phone number, a provider in memory): ${fixed(cold.firstCheckMs)} ms`,
    '',
    'The same work one import at a time (fresh processes, median of each step):',
    '',
    '| step | ms | share |',
    '|---|---|---|',
    ...cold.steps.map((step) => `| ${step.name} | ${fixed(step.ms)} | ${share(step.ms, total)} |`),
    '',
    `libphonenumber-js (its CommonJS core and "min" metadata) loads with the first phone number read, and the OpenTelemetry API with the first check (only if it is installed): both are in the first check's ${fixed(step('first check'))} ms, with the first run of every code path. ky (${share(step('ky'), total)}) is loaded with the provider clients; any-ascii (${share(step('any-ascii'), total)}) with the name matcher. inversify and reflect-metadata are not loaded by an import nor by \`createPrecheck\`: only by the first read of \`precheck.container\` (or \`createContainer\`, \`precheckModule\`), which no check makes.`,
  ];
}
