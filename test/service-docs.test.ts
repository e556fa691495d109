import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startServeProcess } from './support/serve-process.js';

const run = promisify(execFile);

test('the curl examples of docs/service.md work against precheck serve --sandbox --insecure-local', async () => {
  const page = await readFile('docs/service.md', 'utf8');
  const section = page.split('<!-- curl:start -->')[1].split('<!-- curl:end -->')[0];
  const script = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]).join('\n');
  assert.ok(script.includes('curl'), 'the page has curl examples');
  const serve = await startServeProcess(['--sandbox', '--insecure-local']);
  try {
    const port = new URL(serve.url).port;
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`)]);
    for (const expected of [
      '"status":"proceed","provider":"bmo","intent":"debit"',
      '"reason":"invalid-request"',
      '"state":"paused","waitingFor":"names"',
      '"createAccount":true',
      '"reason":"payee-rejected"',
      '"reason":"cancelled"',
      'idempotent-replayed: true',
      '{"status":"ok"}',
      '{"status":"ready"}',
      'precheck_checks_total{provider="bmo"',
      '3.1.0',
    ]) {
      assert.ok(stdout.includes(expected), `${expected}\n${stdout}`);
    }
  } finally {
    await serve.stop();
  }
});

test.run();
