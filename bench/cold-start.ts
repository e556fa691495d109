import { execFileSync } from 'node:child_process';
import { percentile } from './stats.js';

export interface ColdStep {
  key: string;
  name: string;
  ms: number;
}

export interface ColdStartRow {
  runs: number;
  importAndCreateMs: number;
  processWallMs: number;
  /** Import, create an engine and decide a first check (a phone number, a provider in memory). */
  firstCheckMs: number;
  /** Median time of each step when the same work is done one import at a time, in this order. */
  steps: ColdStep[];
}

const SCRIPT = `
const started = performance.now();
const { createPrecheck } = await import(process.argv[1]);
createPrecheck({ providers: { bmo: { baseUrl: 'http://127.0.0.1:1', apiKey: 'key-1234', apiSecret: 'secret-1234' } } });
process.stdout.write(String(performance.now() - started));
`;

const MEMORY_PROVIDER = `{
  displayName: 'Memory', createsAccounts: true, requiredFields: ['phone'],
  async lookup(target) { return { kind: 'found', account: { phone: target.phone, fullName: 'Ama Koffi' } }; },
}`;

const FIRST_CHECK = `
const started = performance.now();
const { createPrecheck } = await import(process.argv[1]);
const precheck = createPrecheck({ providers: {}, customProviders: { memory: ${MEMORY_PROVIDER} } });
await precheck.check({ provider: 'memory', intent: 'debit', phone: '+2290197000001' });
process.stdout.write(String(performance.now() - started));
await precheck.close();
`;

/**
 * The peers and dependencies `import 'precheck'` loads, in the order they are timed; what remains is precheck's own.
 * inversify and reflect-metadata are not among them: they load with the first read of `precheck.container`.
 */
const DEPENDENCIES = ['xstate', 'valibot', 'ky', 'any-ascii'];

const STEPS = `
const times = {};
let last = performance.now();
const step = (name) => { const now = performance.now(); times[name] = now - last; last = now; };
for (const name of ${JSON.stringify(DEPENDENCIES)}) { await import(name); step(name); }
const { createPrecheck } = await import(process.argv[1]);
step('precheck');
const precheck = createPrecheck({ providers: { bmo: { baseUrl: 'http://127.0.0.1:1', apiKey: 'key-1234', apiSecret: 'secret-1234' } }, customProviders: { memory: ${MEMORY_PROVIDER} } });
step('create');
await precheck.check({ provider: 'memory', intent: 'debit', phone: '+2290197000001' });
step('first check');
process.stdout.write(JSON.stringify(times));
await precheck.close();
`;

const STEP_NAMES: Record<string, string> = {
  xstate: 'import xstate (and the ES module loader starting)',
  valibot: 'import valibot',
  ky: "import ky (it makes Node's fetch load: its feature checks build a Request)",
  'any-ascii': 'import any-ascii',
  precheck: "import precheck's own modules",
  create: 'create an engine (B-MO and a custom provider)',
  'first check': 'first check (loads libphonenumber-js for the number, OpenTelemetry API if present)',
};

const node = (script: string, entry: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', script, entry], { encoding: 'utf8' });

/**
 * In fresh processes: importing the built package and creating an engine (median of `runs`), the whole process,
 * the same with a first check decided, and the share of each import when they are done one at a time.
 */
export function coldStart(entry: string, runs = 15): ColdStartRow {
  const inside: number[] = [];
  const wall: number[] = [];
  const first: number[] = [];
  const steps: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    inside.push(Number(node(SCRIPT, entry)));
    wall.push(performance.now() - t);
    first.push(Number(node(FIRST_CHECK, entry)));
    for (const [name, ms] of Object.entries(JSON.parse(node(STEPS, entry)) as Record<string, number>)) (steps[name] ??= []).push(ms);
  }
  const median = (values: number[]) => percentile(values.sort((a, b) => a - b), 50);
  return {
    runs,
    importAndCreateMs: median(inside),
    processWallMs: median(wall),
    firstCheckMs: median(first),
    steps: Object.entries(steps).map(([key, values]) => ({ key, name: STEP_NAMES[key] ?? key, ms: median(values) })),
  };
}
