import { createServer } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandbox } from '../src/sandbox/index.js';
import { cli } from './support/run-cli.js';

/** Mistakes on the command line are refused with what to type; a check's pause says which flags go on with it. */

const CHECK = ['check', '--sandbox', '--provider', 'bmo'];
const FOUND = [...CHECK, '--intent', 'debit', '--phone', '+2290197000001'];
const UNKNOWN_CREDIT = [...CHECK, '--intent', 'credit', '--phone', '+2290197000404'];

/** A usage or configuration error: the message, then one line pointing at the command's --help, nothing more. */
function assertRefused(result: { code: number; stdout: string; stderr: string }, ...words: string[]) {
  assert.is(result.code, 2, result.stdout + result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.is(lines.length, 2, result.stderr);
  for (const word of words) assert.ok(lines[0].includes(word), `"${word}" in: ${lines[0]}`);
  assert.is(lines[1], 'Run "precheck check --help" for its options.');
  assert.is(result.stdout, '');
}

test('PRECHECK_CONFIRM_PAYEE: true, false, 1 or 0 in any case; anything else exits 2 naming the variable and the values', async () => {
  assertRefused(await cli({ PRECHECK_CONFIRM_PAYEE: 'yes' }, ...FOUND), 'PRECHECK_CONFIRM_PAYEE', 'true, false, 1 or 0', '"yes"');
  assertRefused(await cli({ PRECHECK_CONFIRM_PAYEE: 'on' }, ...FOUND), 'PRECHECK_CONFIRM_PAYEE');
  for (const on of ['TRUE', 'True', '1']) assert.is((await cli({ PRECHECK_CONFIRM_PAYEE: on }, ...FOUND)).code, 6, on);
  for (const off of ['FALSE', '0']) assert.is((await cli({ PRECHECK_CONFIRM_PAYEE: off }, ...FOUND)).code, 0, off);
});

test('a boolean flag takes the same values: --confirm-payee=false wins over the variable, --confirm-payee=yes exits 2', async () => {
  assert.is((await cli({ PRECHECK_CONFIRM_PAYEE: '1' }, ...FOUND, '--confirm-payee=false')).code, 0);
  assert.is((await cli({}, ...FOUND, '--confirm-payee=TRUE')).code, 6);
  assertRefused(await cli({}, ...FOUND, '--confirm-payee=yes'), '--confirm-payee', 'true, false, 1 or 0');
});

test('enum flags and variables list their choices when they refuse one (exit 2)', async () => {
  assertRefused(await cli({}, ...CHECK, '--intent', 'withdraw', '--phone', '+2290197000001'), '--intent must be credit or debit', '"withdraw"');
  assertRefused(await cli({}, 'check', '--sandbox', '--provider', 'momo', '--intent', 'debit'), 'bmo, beep, mtn-momo, gsma', '"momo"');
  assertRefused(await cli({}, ...FOUND, '--unverifiable', 'maybe'), '--unverifiable must be abort or proceed');
  assertRefused(await cli({ PRECHECK_UNVERIFIABLE: 'Proceed' }, ...FOUND), 'PRECHECK_UNVERIFIABLE must be abort or proceed', '"Proceed"');
  assertRefused(await cli({}, 'check', '--sandbox', '--intent', 'debit'), '--provider is required', 'bmo, beep, mtn-momo, gsma');
  assertRefused(await cli({}, ...CHECK, '--phone', '+2290197000001'), '--intent is required: credit or debit');
  const gsma = await cli(
    { PRECHECK_GSMA_BASE_URL: 'http://127.0.0.1:9', PRECHECK_GSMA_USERNAME: 'u', PRECHECK_GSMA_PASSWORD: 'p', PRECHECK_GSMA_IDENTIFIER_TYPE: 'phone' },
    'check', '--provider', 'gsma', '--intent', 'debit', '--phone', '+233240000001',
  );
  assertRefused(gsma, 'PRECHECK_GSMA_IDENTIFIER_TYPE must be one of accountid, msisdn,', '"phone"');
});

test('--provider names the providers the environment configures, and how to configure another', async () => {
  const sandbox = await startSandbox();
  try {
    const { bmo } = sandbox.providers;
    const env = { PRECHECK_BMO_BASE_URL: bmo.baseUrl, PRECHECK_BMO_API_KEY: bmo.apiKey, PRECHECK_BMO_API_SECRET: bmo.apiSecret };
    assertRefused(await cli(env, 'check', '--provider', 'gsma', '--intent', 'debit', '--phone', '+233240000001'), 'gsma is not configured', 'PRECHECK_', 'configured: bmo');
    assertRefused(await cli(env, 'check', '--provider', 'momo', '--intent', 'debit'), '--provider must be one of bmo', '"momo"');
  } finally {
    await sandbox.close();
  }
});

test('other usage errors print the message and one line pointing at --help, not the help', async () => {
  assertRefused(await cli({}, ...FOUND, '--frobnicate'), '--frobnicate');
  assertRefused(await cli({}, ...FOUND, '--timeout-ms', '3e9'), '--timeout-ms', 'plain decimal digits');
  assertRefused(await cli({}, ...UNKNOWN_CREDIT, '--first-name', 'Afi'), '--first-name and --last-name go together');
  assertRefused(await cli({}, ...FOUND, '--confirm', '--reject'), '--confirm and --reject');
  for (const command of [['frobnicate'], []]) {
    const refused = await cli({}, ...command);
    assert.equal([refused.code, refused.stderr.trimEnd().split('\n').length], [2, 2], refused.stderr);
    assert.match(refused.stderr, 'Run "precheck --help"');
  }
});

test('--json keeps every error on stdout as JSON: usage, configuration', async () => {
  const usage = await cli({}, ...CHECK, '--json', '--intent', 'withdraw');
  assert.equal([usage.code, JSON.parse(usage.stdout)], [2, { status: 'error', error: 'usage', message: '--intent must be credit or debit, not "withdraw"' }]);
  const configuration = await cli({ PRECHECK_CONFIRM_PAYEE: 'yes' }, ...FOUND, '--json');
  assert.equal([configuration.code, JSON.parse(configuration.stdout).error], [2, 'configuration']);
});

test('serve: a port in use is a failure at run time: its message alone, exit 1', async () => {
  const taken = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => taken.once('listening', resolve));
  const { port } = taken.address() as { port: number };
  try {
    const result = await cli({}, 'serve', '--sandbox', '--insecure-local', '--port', String(port));
    assert.is(result.code, 1, result.stdout + result.stderr);
    assert.is(result.stderr.trim(), `listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  } finally {
    taken.close();
  }
});

test('a check that pauses for names says to run again with --first-name and --last-name; that run proceeds', async () => {
  const paused = await cli({}, ...UNKNOWN_CREDIT);
  assert.is(paused.code, 3);
  assert.match(paused.stdout, 'run the same check again with --first-name NAME --last-name NAME');
  assert.not.match(paused.stdout, 'checkId');
  const json = JSON.parse((await cli({}, ...UNKNOWN_CREDIT, '--json')).stdout);
  assert.equal([json.status, json.checkId, /checkId/.test(json.message)], ['needs-names', undefined, false]);
  const named = JSON.parse((await cli({}, ...UNKNOWN_CREDIT, '--json', '--first-name', 'Afi', '--last-name', 'Mensah')).stdout);
  assert.equal([named.status, named.createAccount, named.account.fullName], ['proceed', true, 'Afi Mensah']);
});

test('a check that pauses for confirmation says to run again with --confirm or --reject; those runs go on with the answer', async () => {
  const paused = await cli({}, ...FOUND, '--confirm-payee');
  assert.is(paused.code, 6);
  assert.match(paused.stdout, 'run the same check again with --confirm (or --reject)');
  assert.not.match(paused.stdout, 'checkId');
  const confirmed = await cli({}, ...FOUND, '--confirm-payee', '--confirm', '--json');
  const proceed = JSON.parse(confirmed.stdout);
  assert.equal([confirmed.code, proceed.status, proceed.account.fullName, proceed.checkId], [0, 'proceed', 'Ama Koffi', undefined]);
  const rejected = await cli({}, ...FOUND, '--confirm-payee', '--reject', '--json');
  assert.equal([rejected.code, JSON.parse(rejected.stdout).reason], [4, 'payee-rejected']);
  // A close match of the payee name asks too, without --confirm-payee; --confirm answers it the same way.
  const closeMatch = ['check', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000020', '--payee-name', 'Kofi Mensha'];
  const asked = await cli({}, ...closeMatch, '--json');
  assert.equal([asked.code, /--confirm/.test(JSON.parse(asked.stdout).message)], [6, true]);
  assert.is((await cli({}, ...closeMatch, '--confirm')).code, 0);
});

test.run();
