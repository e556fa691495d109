import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChartJson } from '../src/docs/chart-json.js';
import type { Decision } from '../src/index.js';

/** `precheck check --path`, `precheck docs --path` and `precheck docs --format json`, run as a user runs them. */
async function cli(args: string[], stdin = '') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(stdin);
  const [stdout, stderr, code] = await Promise.all([text(child.stdout), text(child.stderr), new Promise<number | null>((resolve) => child.on('exit', resolve))]);
  return { code, stdout, stderr };
}

const takenSteps = (svg: string) =>
  [...new Set([...svg.matchAll(/class="edge transition taken"[^>]*data-step="(\d+)"/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);

test('check --path writes the path of the check it ran; docs --path draws the same from the JSON (file or stdin)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'precheck-path-'));
  try {
    const file = join(dir, 'path.svg');
    const run = await cli(['check', '--sandbox', '--provider', 'bmo', '--intent', 'credit', '--phone', '+2290197000404', '--json', '--path', file]);
    assert.is(run.code, 3, run.stderr);
    const decision = JSON.parse(run.stdout) as Decision;
    assert.is(decision.status, 'needs-names');
    const svg = await readFile(file, 'utf8');
    assert.equal(takenSteps(svg), [1, 2, 3, 4]);
    assert.match(svg, 'data-state="awaitingNames"');
    assert.match(svg, /decision: needs(-|&#45;)names/); // Graphviz writes a hyphen as &#45;

    const fromStdin = await cli(['docs', '--path', '-'], run.stdout);
    assert.is(fromStdin.code, 0, fromStdin.stderr);
    assert.equal(takenSteps(fromStdin.stdout), [1, 2, 3, 4]);

    const notJson = await cli(['docs', '--path', '-'], 'nope');
    assert.is(notJson.code, 2);
    assert.match(notJson.stderr, 'give a decision as precheck check --json prints it');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("docs --format json: the chart as a directed graph; every trace.transitions entry is one of its edges", async () => {
  const run = await cli(['check', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000911', '--retries', '2', '--backoff-ms', '1', '--json']);
  const decision = JSON.parse(run.stdout) as Decision;
  assert.is(decision.status, 'proceed', run.stdout);
  const exported = await cli(['docs', '--format', 'json', '--machine', 'precheck']);
  assert.is(exported.code, 0, exported.stderr);
  const chart = JSON.parse(exported.stdout) as ChartJson;
  const key = (e: { from: string; to: string; event: string; guard?: string }) => `${e.from} ${e.event} ${e.guard ?? ''} ${e.to}`;
  const edges = new Set(chart.edges.map(key));
  const entries = decision.trace.transitions!;
  assert.equal(
    entries.map((e) => e.event),
    ['always', 'xstate.done.actor.lookupAccount', 'always', 'after:retryBackoff', 'xstate.done.actor.lookupAccount', 'always'],
    'a retried check: validating, lookup, unavailable, waiting, lookup again, found, proceed',
  );
  for (const entry of entries) assert.ok(edges.has(key(entry)), `${key(entry)} is an edge`);
  // Eventless and delayed edges are in it (xstate/graph's toDirectedGraph leaves them out).
  assert.ok(chart.edges.some((e) => e.event === 'always' && e.from === 'found'));
  assert.ok(chart.edges.some((e) => e.event === 'after:deadline' && e.from === 'checking.waitingToRetry' && e.to === 'retry'));
  assert.ok(chart.edges.some((e) => e.event === 'CANCEL' && e.from === 'awaitingNames' && e.owner === ''));

  const all = await cli(['docs', '--format', 'json']);
  assert.equal((JSON.parse(all.stdout) as ChartJson[]).map((c) => c.machine), ['circuit-breaker', 'precheck']);
  const wrong = await cli(['docs', '--format', 'yaml']);
  assert.is(wrong.code, 2);
  assert.match(wrong.stderr, '--format json');
});

test.run();
