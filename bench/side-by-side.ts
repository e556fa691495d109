import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSandboxProcess } from '../test/support/sandbox-process.js';
import { coldStart } from './cold-start.js';
import { interleaved } from './interleaved.js';
import { memoryProvider } from './memory-provider.js';
import { fixed, timedLoop, type LoopResult } from './stats.js';

/**
 * Issue 22's "no regression beyond noise, side by side with the release before": the same figures for this tree's
 * build and for another commit's, in one run, taking turns. Usage (after `npm run build`):
 *
 *   node --expose-gc --import tsx bench/side-by-side.ts [commit, default 86276ec] [worktree, default /tmp/bench-before]
 *
 * The other commit is checked out in its own worktree (made if missing), shares this tree's node_modules, and is
 * built there. Only the public API is used (`createPrecheck`, `check`), so that any build of the package runs it.
 */
const commit = process.argv[2] ?? '86276ec';
const worktree = resolve(process.argv[3] ?? '/tmp/bench-before');
const ROUNDS = 3;
const TOTAL = Number(process.env.BENCH_HTTP_REQUESTS ?? 3000);

if (!existsSync(worktree)) execFileSync('git', ['worktree', 'add', '--detach', worktree, commit], { stdio: 'inherit' });
if (!existsSync(`${worktree}/node_modules`)) symlinkSync(resolve('node_modules'), `${worktree}/node_modules`);
execFileSync('npm', ['run', 'build'], { cwd: worktree, stdio: 'ignore' });

type Engine = { check: (request: unknown) => Promise<unknown>; close: () => Promise<void> };
type Create = (options: unknown) => Engine;
const builds: Record<'before' | 'after', string> = {
  before: pathToFileURL(`${worktree}/dist/src/index.js`).href,
  after: pathToFileURL(resolve('dist/src/index.js')).href,
};
const create: Record<string, Create> = {};
for (const [name, entry] of Object.entries(builds)) create[name] = ((await import(entry)) as { createPrecheck: Create }).createPrecheck;

const sandbox = await startSandboxProcess();
const rows: string[] = [];
const row = (what: string, before: number, after: number, digits = 1) =>
  rows.push(`| ${what} | ${fixed(before, digits)} | ${fixed(after, digits)} | ${fixed(after / before, 2)} |`);
try {
  const httpOptions = { providers: sandbox.providers, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, breaker: false };
  const engines = { before: create.before(httpOptions), after: create.after(httpOptions) };
  const requests = {
    'B-MO GET': { provider: 'bmo', intent: 'debit', phone: '+2290197000001' },
    'BEEP POST': { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' },
  };
  for (const [call, request] of Object.entries(requests)) {
    const best: Record<string, LoopResult> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of ['before', 'after'] as const) {
        const result = await timedLoop(TOTAL, 64, () => engines[name].check(request));
        if (!best[name] || result.requestsPerSecond > best[name].requestsPerSecond) best[name] = result;
      }
    }
    row(`${call} at concurrency 64: checks/s`, best.before.requestsPerSecond, best.after.requestsPerSecond, 0);
    row(`${call} at concurrency 64: p99 ms`, best.before.p99Ms, best.after.p99Ms, 2);
  }
  await Promise.all([engines.before.close(), engines.after.close()]);

  const memoryOptions = (cache: boolean) => ({
    providers: {},
    ...(cache ? {} : { cache: { ttlMs: 0, notFoundTtlMs: 0 } }),
    customProviders: { memory: memoryProvider },
  });
  const inMemory = { before: create.before(memoryOptions(false)), after: create.after(memoryOptions(false)) };
  const cached = { before: create.before(memoryOptions(true)), after: create.after(memoryOptions(true)) };
  const request = { provider: 'memory', intent: 'debit', phone: '+2290197000001' };
  const timings = await interleaved(
    {
      checkBefore: () => inMemory.before.check(request),
      checkAfter: () => inMemory.after.check(request),
      hitBefore: () => cached.before.check(request),
      hitAfter: () => cached.after.check(request),
    },
    61,
    50,
  );
  const us = timings.microseconds;
  row('check(), provider in memory, cache off: µs', us.checkBefore, us.checkAfter);
  row('check(), answer from the cache: µs', us.hitBefore, us.hitAfter);

  const cold = { before: coldStart(builds.before, 7), after: coldStart(builds.after, 7) };
  row('cold start: import and create an engine, ms', cold.before.importAndCreateMs, cold.after.importAndCreateMs);
  row('cold start and a first check, ms', cold.before.firstCheckMs, cold.after.firstCheckMs);
} finally {
  await sandbox.close();
}
console.log(`\n| figure | ${commit} | this tree | this tree ÷ ${commit} |\n|---|---|---|---|\n${rows.join('\n')}`);
