import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStore, type CheckStore } from '../src/index.js';
import { startSandbox } from '../src/sandbox/start-sandbox.js';
import { createServer } from '../src/server/index.js';

const TOKEN = 'create-server-token-5e8a1c';

test('createServer refuses tokens shorter than 16 characters or not visible ASCII (never quoting them), and an unusable quota', () => {
  const engine = { providers: {} };
  assert.throws(() => createServer({ engine, tokens: [TOKEN, 'tiny-one'] }), (error: Error) =>
    /tokens: token 2 of 2 is shorter than 16 characters/.test(error.message) && !error.message.includes('tiny-one'),
  );
  assert.throws(() => createServer({ engine, tokens: ['token with spaces inside'] }), /token 1 of 1 has characters other than visible ASCII/);
  for (const maxRecordsPerCaller of [0, 1.5, Number.NaN]) {
    assert.throws(() => createServer({ engine, tokens: [TOKEN], maxRecordsPerCaller }), /maxRecordsPerCaller/);
  }
});

test('a pause whose owner cannot be recorded answers retry store-unavailable, never a paused decision without its checkId', async () => {
  const sandbox = await startSandbox();
  const inner = memoryStore();
  // The check is saved; the owner record beside it is not (the store fails that write).
  const store: CheckStore = {
    ...inner,
    putIfAbsent: (key, value, ttlMs) => (key.startsWith('owner:') ? Promise.reject(new Error('store down')) : inner.putIfAbsent(key, value, ttlMs)),
  };
  const server = createServer({ engine: { providers: sandbox.providers, store }, tokens: [TOKEN], log: () => {} });
  try {
    const response = await server.fetch(
      new Request('http://precheck.test/v1/checks', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ provider: 'bmo', intent: 'credit', phone: '+2290197000404', transactionId: 'tx-owner-lost' }),
      }),
    );
    const decision = await response.json();
    assert.equal([response.status, decision.status, decision.reason, decision.checkId, decision.transactionId], [200, 'retry', 'store-unavailable', undefined, 'tx-owner-lost']);
  } finally {
    await server.close(0);
    await sandbox.close();
  }
});

test.run();
