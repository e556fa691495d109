import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSandbox } from '../src/sandbox/index.js';

const run = promisify(execFile);

test('a first check in a fresh process keeps its deadline: what it loads is loaded before its clock starts', async () => {
  const sandbox = await startSandbox();
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/first-check.ts'], {
      env: { ...process.env, FIRST_CHECK: JSON.stringify({ providers: { bmo: sandbox.providers.bmo } }) },
    });
    const first = JSON.parse(stdout);
    assert.equal([first.status, first.reason], ['retry', 'timeout'], stdout);
    // libphonenumber-js (the phone number), the OpenTelemetry API (the span, after the decision), undici (the request).
    assert.equal(first.loadedAtStart, { 'libphonenumber-js': true, '@opentelemetry/api': true, undici: true }, stdout);
    assert.ok(first.fromClockStartMs < 350, `deadlineMs 300, decided ${first.fromClockStartMs.toFixed(0)} ms after the check started`);
  } finally {
    await sandbox.close();
  }
});

test.run();
