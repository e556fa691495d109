import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const run = promisify(execFile);

test('createPrecheck and a check never load inversify; precheck.container, read later, holds the engine’s own parts', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/lazy-container.ts']);
  assert.equal(JSON.parse(stdout), {
    status: 'proceed',
    beforeContainer: false,
    afterContainer: true,
    sameContainer: true,
    sameMachine: true,
    // The hint went to the engine's own guarded lookup.
    circuits: { memory: 'hinted' },
  });
});

test.run();
