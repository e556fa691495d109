import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BUILTIN_PROVIDERS } from '../src/providers/builtin-providers.js';
import { startSandbox } from '../src/sandbox/index.js';
import { providerVariant } from '../src/sandbox/wrong-credentials.js';
import { freePort } from './support/own-redis.js';
import { cli } from './support/run-cli.js';

// The sandbox iterates the providers' sandbox sides (each definition's lazy `sandbox`): every fake is reached by its
// provider's name, and the four first fakes keep their older names as aliases of the same values.

const faked = BUILTIN_PROVIDERS.filter((provider) => provider.sandbox).map((provider) => provider.name as string);

test('every provider with a sandbox side has its fake, by name; the older names are the same values', async () => {
  const sandbox = await startSandbox();
  try {
    assert.equal(Object.keys(sandbox.urls), faked);
    assert.equal(Object.keys(sandbox.providers), faked);
    assert.equal(Object.keys(sandbox.credentials), faked);
    assert.is(new Set(Object.values(sandbox.urls)).size, faked.length);
    assert.equal(
      [sandbox.bmoUrl, sandbox.beepUrl, sandbox.mtnUrl, sandbox.gsmaUrl],
      [sandbox.urls.bmo, sandbox.urls.beep, sandbox.urls['mtn-momo'], sandbox.urls.gsma],
    );
    assert.ok(sandbox.gsmaBasic.baseUrl.startsWith(sandbox.urls.gsma));
  } finally {
    await sandbox.close();
  }
});

test('a port by name, or by its older name; both at once is refused, naming both', async () => {
  const [byName, byOlderName] = [await freePort(), await freePort()];
  const sandbox = await startSandbox({ ports: { 'mtn-momo': byName }, gsmaPort: byOlderName });
  try {
    assert.is(sandbox.urls['mtn-momo'], `http://127.0.0.1:${byName}`);
    assert.is(sandbox.urls.gsma, `http://127.0.0.1:${byOlderName}`);
  } finally {
    await sandbox.close();
  }
  try {
    await startSandbox({ ports: { 'mtn-momo': byName }, mtnPort: byName });
    assert.unreachable('both forms were accepted');
  } catch (error) {
    assert.instance(error, TypeError);
    assert.match((error as Error).message, "ports['mtn-momo'] or mtnPort, not both");
  }
});

test('a variant no fake knows is refused with the known ones', async () => {
  const sandbox = await startSandbox();
  try {
    assert.equal(Object.keys(providerVariant(sandbox, 'wrong-base-path')).sort(), ['gsma', 'mtn-momo']);
    assert.throws(() => providerVariant(sandbox, 'wrong-base-paht'), /no fake knows the variant 'wrong-base-paht'; known: .*wrong-base-path/);
  } finally {
    await sandbox.close();
  }
});

test('precheck sandbox: --<name>-port for every fake, the older flag too, never both', async () => {
  const help = await cli({}, 'sandbox', '--help');
  for (const name of faked) assert.match(help.stdout, `[--${name}-port N]`);
  assert.match(help.stdout, '--mtn-port N is --mtn-momo-port N');
  const both = await cli({}, 'sandbox', '--mtn-port', '0', '--mtn-momo-port', '0');
  assert.is(both.code, 2);
  assert.match(both.stderr, '--mtn-momo-port and --mtn-port are the same port: give one');
});

test.run();
