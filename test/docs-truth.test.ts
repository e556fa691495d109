import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BEEP_TRIGGERS } from '../src/providers/beep/beep-fixtures.js';
import { BMO_TRIGGERS } from '../src/providers/bmo/bmo-fixtures.js';
import { GSMA_TRIGGERS } from '../src/providers/gsma/gsma-fixtures.js';
import { MTN_TRIGGERS } from '../src/providers/mtn-momo/mtn-momo-fixtures.js';
import { cli } from './support/run-cli.js';
import { startServeProcess } from './support/serve-process.js';

/** Docs and help say what is true: every built-in provider wherever providers are listed; how to install and build. */

const PROVIDERS = ['B-MO', 'BEEP', 'MTN MoMo', 'GSMA'];
const namesAll = (text: string) => PROVIDERS.every((name) => text.includes(name));

test('every --help that lists providers lists the four built-in ones', async () => {
  for (const command of [[], ['check'], ['sandbox'], ['demo'], ['serve']]) {
    const { stdout } = await cli({}, ...command, '--help');
    const where = `precheck ${command.join(' ')} --help`;
    assert.not.match(stdout, 'B-MO and BEEP', where);
    // The sandbox's fakes, wherever a help speaks of them.
    for (const line of stdout.split('\n').filter((each) => each.includes('fake B-MO'))) assert.ok(namesAll(line), `${where}: ${line}`);
  }
  const main = (await cli({}, '--help')).stdout;
  for (const command of ['check', 'sandbox']) {
    const line = main.split('\n').find((each) => each.startsWith(`  ${command} `))!;
    assert.ok(namesAll(line), line);
  }
  assert.match((await cli({}, 'check', '--help')).stdout, '--provider bmo|beep|mtn-momo|gsma');
});

test("package.json's description and docs/service.md's --sandbox row name the four providers", async () => {
  const manifest = JSON.parse(await readFile('package.json', 'utf8'));
  assert.ok(namesAll(manifest.description), manifest.description);
  const row = (await readFile('docs/service.md', 'utf8')).split('\n').find((line) => line.startsWith('| `--sandbox`'))!;
  assert.ok(namesAll(row), row);
});

test('docs/README.md lists the sandbox trigger values of every built-in provider', async () => {
  const index = await readFile('docs/README.md', 'utf8');
  for (const [provider, triggers] of Object.entries({ bmo: BMO_TRIGGERS, beep: BEEP_TRIGGERS, 'mtn-momo': MTN_TRIGGERS, gsma: GSMA_TRIGGERS })) {
    for (const trigger of triggers) assert.ok(index.includes(`| \`${trigger.value}\` | ${trigger.case} |`), `${provider} ${trigger.value}`);
  }
});

test("serve --sandbox: the listening line gives every fake provider's URL", async () => {
  const serve = await startServeProcess(['--sandbox', '--insecure-local']);
  try {
    const urls = serve.started.sandbox!;
    assert.equal(Object.keys(urls).sort(), ['beep', 'bmo', 'gsma', 'mojaloop', 'mtn-momo']);
    for (const url of Object.values(urls)) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.is(new Set(Object.values(urls)).size, 5);
  } finally {
    await serve.stop();
  }
});

test('README: installed from a packed tarball until published; npx precheck in a clone needs a build; TypeScript settings', async () => {
  const readme = await readFile('README.md', 'utf8');
  const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start'));
  for (const words of ['not published', 'npm pack', 'npm install ./precheck-<version>.tgz xstate inversify', 'nodenext', 'bundler', 'TS2307', 'TS1479']) {
    assert.ok(install.includes(words), words);
  }
  assert.match(readme, 'npm run build && npx precheck');
});

test.run();
