import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarios } from '../src/sandbox/scenarios.js';
import { cli as cliWithEnv } from './support/run-cli.js';

const run = promisify(execFile);
const SCENARIOS = await loadScenarios();

/** Runs the CLI as a user would, in its own process; resolves with the exit code instead of rejecting. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('demo decides every seed scenario as documented and exits 0', async () => {
  const { code, stdout } = await cli('demo');
  assert.is(code, 0, stdout);
  assert.match(stdout, `${SCENARIOS.length} scenarios, ${SCENARIOS.length} as documented, 0 not.`);
  for (const scenario of SCENARIOS) assert.match(stdout, scenario.case);
  assert.match(stdout, /bmo\s+debit\s+404 not found\s+abort\s+account-not-found/);
  assert.match(stdout, /beep\s+credit\s+307 account valid\s+proceed\s+verified, Kwame Mensah/);
});

test('demo --json prints one decision per scenario', async () => {
  const { code, stdout } = await cli('demo', '--json');
  assert.is(code, 0);
  const rows = stdout.trim().split('\n').map((line) => JSON.parse(line));
  assert.is(rows.length, SCENARIOS.length);
  assert.ok(rows.every((row) => row.asExpected === true));
});

test('demo output carries no credential', async () => {
  const { stdout, stderr } = await cli('demo', '--json');
  for (const secret of ['sandbox-api-key', 'sandbox-api-secret', 'sandboxpassword!', 'not-the-secret', 'not-the-password']) {
    assert.not.ok(stdout.includes(secret) || stderr.includes(secret), secret);
  }
});

test('check exits by status: 0 proceed, 3 needs-names, 4 abort, 5 retry, 6 needs-confirmation', async () => {
  const base = ['check', '--sandbox', '--provider', 'bmo', '--timeout-ms', '300'];
  assert.is((await cli(...base, '--intent', 'debit', '--phone', '+2290197000001')).code, 0);
  assert.is((await cli(...base, '--intent', 'credit', '--phone', '+2290197000404')).code, 3);
  assert.is((await cli(...base, '--intent', 'debit', '--phone', '+2290197000404')).code, 4);
  assert.is((await cli(...base, '--intent', 'debit', '--phone', '+2290197000900')).code, 5);
  const confirm = await cli(...base, '--intent', 'debit', '--phone', '+2290197000001', '--confirm-payee');
  assert.equal([confirm.code, confirm.stdout.includes('account name: Ama Koffi')], [6, true]);
});

test('check --sandbox-variant: Mojaloop through the FSPIOP switch (a signed callback), a misspelled variant listed, and only with --sandbox', async () => {
  const base = ['check', '--provider', 'mojaloop', '--intent', 'debit', '--phone', '+233200000002', '--json'];
  const fspiop = await cli(...base, '--sandbox', '--sandbox-variant', 'mojaloop-fspiop');
  assert.is(fspiop.code, 0, fspiop.stderr);
  assert.is(JSON.parse(fspiop.stdout).status, 'proceed');
  // The switch's silence is its own: through the SDK adapter the same party is the adapter's 504 2004.
  const silent = ['check', '--sandbox', '--provider', 'mojaloop', '--intent', 'debit', '--phone', '+233200000900', '--json'];
  const [viaSwitch, viaAdapter] = await Promise.all([cli(...silent, '--sandbox-variant', 'mojaloop-fspiop'), cli(...silent)]);
  assert.is(JSON.parse(viaSwitch.stdout).trace.providerStatus.code, 'no-callback');
  assert.is(JSON.parse(viaAdapter.stdout).trace.providerStatus.code, '2004');
  const misspelled = await cli(...base, '--sandbox', '--sandbox-variant', 'mojaloop-fspop');
  assert.is(misspelled.code, 2);
  assert.match(misspelled.stdout + misspelled.stderr, 'mojaloop-fspiop');
  const alone = await cli(...base, '--sandbox-variant', 'mojaloop-fspiop');
  assert.is(alone.code, 2);
  assert.match(alone.stdout + alone.stderr, '--sandbox-variant goes with --sandbox');
});

test('check takes the engine options serve takes, as flags or PRECHECK_* variables (a flag wins)', async () => {
  const hang = ['check', '--sandbox', '--json', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000900', '--timeout-ms', '200'];
  const env = { PRECHECK_RETRIES: '1', PRECHECK_BACKOFF_MS: '10' };
  const fromEnv = await cliWithEnv(env, ...hang);
  assert.equal([fromEnv.code, JSON.parse(fromEnv.stdout).reason, JSON.parse(fromEnv.stdout).attempts], [5, 'timeout', 2]);
  const flagWins = await cliWithEnv(env, ...hang, '--retries', '0');
  assert.equal([flagWins.code, JSON.parse(flagWins.stdout).attempts], [5, 1]);
  const refused = await cli('check', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001', '--unverifiable', 'maybe');
  assert.equal([refused.code, refused.stderr.includes('--unverifiable must be abort or proceed')], [2, true]);
});

test('check --json prints the decision', async () => {
  const { code, stdout } = await cli(
    'check', '--sandbox', '--json', '--provider', 'beep', '--intent', 'credit',
    '--country', 'GH', '--service', 'GH-DSTV', '--account', '307001', '--transaction-id', 'tx-cli-1',
  );
  assert.is(code, 0);
  const decision = JSON.parse(stdout);
  assert.is(decision.status, 'proceed');
  assert.is(decision.transactionId, 'tx-cli-1');
  assert.is(decision.account.fullName, 'Kwame Mensah');
});

test('check without configuration exits 2 and says what to set', async () => {
  const { code, stderr } = await cli('check', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001');
  assert.is(code, 2);
  assert.match(stderr, 'PRECHECK_');
});

test('--help everywhere; unknown command exits 2', async () => {
  const main = await cli('--help');
  assert.is(main.code, 0);
  const commands = [...main.stdout.matchAll(/^  (\w+) {2,}/gm)].map((match) => match[1]);
  assert.equal(commands, ['demo', 'check', 'sandbox', 'serve', 'docs']);
  for (const command of commands) {
    const { code, stdout } = await cli(command!, '--help');
    assert.is(code, 0, command);
    assert.match(stdout, `Usage: precheck ${command}`);
  }
  assert.is((await cli('frobnicate')).code, 2);
});

test('check --help names the fields as the request does, and lists --sandbox', async () => {
  const { stdout } = await cli('check', '--help');
  for (const option of ['--account-number', '--service-code', '--country-code', '--phone', '--transaction-id', '--payee-name']) {
    assert.match(stdout, option);
  }
  assert.match(stdout, /^Options:\n(?:.*\n)*?  --sandbox /m);
});

test('check takes --account-number, --service-code, --country-code; the short forms stay as aliases', async () => {
  const base = ['check', '--sandbox', '--json', '--provider', 'beep', '--intent', 'credit'];
  const long = await cli(...base, '--country-code', 'GH', '--service-code', 'GH-DSTV', '--account-number', '307001');
  assert.equal([long.code, JSON.parse(long.stdout).account.fullName], [0, 'Kwame Mensah']);
  const mixed = await cli(...base, '--country', 'GH', '--service-code', 'GH-DSTV', '--account', '306001');
  assert.equal([mixed.code, JSON.parse(mixed.stdout).reason], [4, 'account-not-found']);
  const both = await cli(...base, '--country-code', 'GH', '--service-code', 'GH-DSTV', '--account-number', '307001', '--account', '306001');
  assert.is(both.code, 2);
  assert.match(both.stdout, '--account-number and --account are the same field');
});

/** Every relative link and image of the Markdown pages under `dir` that does not lead to a file there. */
async function brokenLinks(dir: string, pages: string[]): Promise<string[]> {
  const broken: string[] = [];
  for (const page of pages.filter((file) => file.endsWith('.md'))) {
    const text = await readFile(join(dir, page), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:|^#/i.test(target)) continue;
      const file = join(dirname(join(dir, page)), target.split('#')[0]);
      if (!file.startsWith(dir + sep) || !existsSync(file)) broken.push(`${page} → ${target}`);
    }
  }
  return broken;
}

test('docs --out DIR writes no broken link: every relative link resolves to a file it wrote', async () => {
  const out = await mkdtemp(join(tmpdir(), 'precheck-cli-docs-'));
  try {
    const { code, stdout } = await cli('docs', '--out', out);
    assert.is(code, 0, stdout);
    const written = stdout.trim().split('\n').map((line) => relative(out, line.replace(/^wrote /, '')));
    assert.ok(written.includes('README.md') && written.includes('machines/precheck.md'), stdout);
    assert.equal(await brokenLinks(out, written), []);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('docs --out DIR beside the hand-written pages writes the same pages as npm run docs, and links them', async () => {
  const out = await mkdtemp(join(tmpdir(), 'precheck-cli-docs-'));
  try {
    for (const page of await readdir('docs')) if (page.endsWith('.md') && page !== 'README.md') await copyFile(join('docs', page), join(out, page));
    const { code, stdout } = await cli('docs', '--out', out);
    assert.is(code, 0, stdout);
    for (const page of ['README.md', 'machines/precheck.md', 'machines/precheck.svg', 'machines/circuit-breaker.md']) {
      assert.is(await readFile(join(out, page), 'utf8'), await readFile(join('docs', page), 'utf8'), page);
    }
    assert.match(await readFile(join(out, 'README.md'), 'utf8'), '[Fleet mode](fleet.md)');
    assert.equal(await brokenLinks(out, ['README.md', 'machines/precheck.md', 'machines/circuit-breaker.md']), []);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test.run();
