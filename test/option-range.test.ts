import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_COUNT } from '../src/core/option-values.js';
import { optionRange } from '../src/engine/options/option-range.js';
import { cli } from './support/run-cli.js';

// The command line refuses a numeric engine flag outside the range the options schema gives its option: one range.

test('each numeric option reads its range from the options schema', () => {
  assert.equal(optionRange(['http', 'timeoutMs']), { min: 1, max: MAX_COUNT });
  assert.equal(optionRange(['http', 'retries']), { min: 0, max: MAX_COUNT });
  assert.equal(optionRange(['http', 'backoffMs']), { min: 0, max: MAX_COUNT });
  assert.equal(optionRange(['deadlineMs']), { min: 1, max: MAX_COUNT });
  assert.throws(() => optionRange(['unverifiable']), /option unverifiable has no numeric range/);
});

test('the CLI refuses below the range with the schema\'s bounds', async () => {
  const refused = await cli({ PRECHECK_DEADLINE_MS: '0' }, 'check', '--sandbox', '--provider', 'bmo', '--intent', 'debit', '--phone', '+2290197000001');
  assert.is(refused.code, 2);
  assert.match(refused.stderr, `PRECHECK_DEADLINE_MS`);
  assert.match(refused.stderr, `${optionRange(['deadlineMs']).min} to ${MAX_COUNT}`);
});

test.run();
