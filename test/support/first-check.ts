// A first check in a fresh process, as `test/first-check.test.ts` runs it: an engine on the sandbox whose providers
// env FIRST_CHECK (JSON) gives, one check of a B-MO number that never answers, `deadlineMs: 300`. Prints, as JSON,
// the decision's status and reason, the time from the call and from the check's clock start (its first state,
// `trace.states[0].at`) to the decision, and which lazily loaded modules were loaded when its actor was made.
import { createRequire } from 'node:module';
import { createPrecheck, type PrecheckOptions } from '../../src/index.js';

const { providers } = JSON.parse(process.env.FIRST_CHECK ?? '{}') as { providers: PrecheckOptions['providers'] };
const cache = createRequire(import.meta.url).cache;
const loaded = (name: string) => Object.keys(cache).some((path) => path.includes(`/node_modules/${name}/`));
const LAZY = ['libphonenumber-js', '@opentelemetry/api', 'undici'];

const precheck = createPrecheck({ providers, deadlineMs: 300, http: { timeoutMs: 10_000 } });
let actorMade = false;
let loadedAtStart: Record<string, boolean> = {};
const called = performance.now();
const decision = await precheck.check(
  { provider: 'bmo', intent: 'debit', phone: '+2290197000900' },
  {
    inspect: () => {
      if (actorMade) return;
      actorMade = true;
      loadedAtStart = Object.fromEntries(LAZY.map((name) => [name, loaded(name)]));
    },
  },
);
const decided = performance.now();
const decidedAt = Date.now();
process.stdout.write(
  JSON.stringify({
    status: decision.status,
    reason: 'reason' in decision ? decision.reason : undefined,
    fromCallMs: decided - called,
    fromClockStartMs: decidedAt - decision.trace.states[0].at,
    loadedAtStart,
  }),
);
await precheck.close();
