import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, memoryStore, PrecheckConfigError, type PrecheckOptions } from '../src/index.js';
import { configurationPage } from '../src/engine/options/configuration-table.js';
import { formatKey, formatPath, optionEntries, type AnySchema } from '../src/core/option-tree.js';
import { precheckOptionsSchema } from '../src/engine/options/options-schema.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { ENGINE_CONFIG } from '../src/engine/di-tokens.js';

/** Issue 21, item 1: every key of the options, at every level, is known or refused; wrong types are refused too. */
const strict = suite<{ sandbox: Sandbox }>('strict options');

strict.before(async (context) => {
  context.sandbox = await startSandbox();
});
strict.after(({ sandbox }) => sandbox.close());

const bmo = { baseUrl: 'http://127.0.0.1:9', apiKey: 'key-0001', apiSecret: 'secret-0001' };

/** The message `options` are refused with, as plain JavaScript would pass them (no type to catch the mistake). */
function refusal(options: unknown): string {
  try {
    void createPrecheck(options as PrecheckOptions).close();
  } catch (error) {
    assert.instance(error, PrecheckConfigError, String((error as Error).message));
    return (error as Error).message;
  }
  assert.unreachable(`accepted: ${JSON.stringify(options)}`);
  return '';
}

// [what the user wrote, options, the message's start: the full path and what was meant]
const MISTAKES: [string, Record<string, unknown>, string][] = [
  ['snapshotKey (signing silently off)', { snapshotKey: 'k'.repeat(40) }, 'snapshotKey is not an option; did you mean snapshotKeys?'],
  ['cahce', { cahce: { ttlMs: 0 } }, 'cahce is not an option; did you mean cache?'],
  ['retires', { retires: 2 }, 'retires is not an option; did you mean http.retries?'],
  ['deadlineMS', { deadlineMS: 300 }, 'deadlineMS is not an option; did you mean deadlineMs?'],
  ['top-level proxy', { proxy: 'http://egress.internal:3128' }, 'proxy is not an option; did you mean http.proxy?'],
  ['top-level tls', { tls: { ca: '/etc/ca.pem' } }, 'tls is not an option; did you mean http.tls?'],
  ['top-level timeoutMs', { timeoutMs: 500 }, 'timeoutMs is not an option; did you mean http.timeoutMs?'],
  ['providers.bmo.tls', { providers: { bmo: { ...bmo, tls: { ca: '/etc/ca.pem' } } } }, 'providers.bmo.tls is not an option; did you mean providers.bmo.http.tls?'],
  ['providers.bmo.proxy', { providers: { bmo: { ...bmo, proxy: false } } }, 'providers.bmo.proxy is not an option; did you mean providers.bmo.http.proxy?'],
  ['providers.bmoo', { providers: { bmoo: bmo } }, 'providers.bmoo is not an option; did you mean providers.bmo?'],
  ['confirmPayee: "true" (confirmation silently off)', { confirmPayee: 'true' }, 'confirmPayee must be true or false'],
  ["singleFlight: 'false'", { singleFlight: 'false' }, 'singleFlight must be true or false'],
  ["breaker: 'off'", { breaker: 'off' }, 'breaker must be false, or { failureThreshold?, cooldownMs? }'],
  ['a misspelt breaker field', { breaker: { failureTreshold: 3 } }, 'breaker.failureTreshold is not an option; did you mean breaker.failureThreshold?'],
  ['store: {}', { store: {} }, 'store must be a CheckStore'],
];

for (const [what, extra, expected] of MISTAKES) {
  strict(`${what} → PrecheckConfigError naming it: ${expected}`, () => {
    const message = refusal({ providers: { bmo }, ...extra });
    assert.ok(message.startsWith(expected), message);
  });
}

strict('an unknown key lists what its level takes; a misspelt required key is named as the mistake', () => {
  assert.match(refusal({ providers: { bmo: { ...bmo, apiKeys: 'x' } } }), /providers\.bmo takes baseUrl, apiKey, apiSecret, http\.$/);
  const auth = { type: 'basic', username: 'user', pasword: 'password-0001' };
  assert.is(refusal({ providers: { gsma: { baseUrl: 'http://127.0.0.1:9', auth } } }), 'providers.gsma.auth.pasword is not an option; did you mean providers.gsma.auth.password?');
  assert.is(refusal({ providers: { bmo: { baseUrl: 'http://127.0.0.1:9', apiKey: 'key-0001' } } }), 'providers.bmo.apiSecret is required');
});

strict('store: {} names what a CheckStore lacks; a store missing one method is refused as well', () => {
  assert.match(refusal({ providers: { bmo }, store: {} }), 'it lacks get(), create(), claim(), commit()');
  const methods = ['get', 'create', 'claim', 'commit', 'putIfAbsent', 'getValue', 'setValue', 'deleteValue', 'close'];
  const store = { ...Object.fromEntries(methods.map((method) => [method, async () => undefined])), ping: 'yes' };
  assert.match(refusal({ providers: { bmo }, store }), 'it lacks ping()');
});

strict('an engine without any provider is refused; customProviders alone will do', () => {
  assert.match(refusal({ providers: {} }), /^no provider is configured/);
  assert.match(refusal({ providers: {}, customProviders: {} }), /^no provider is configured/);
  const echo = { displayName: 'Echo', createsAccounts: false, requiredFields: [], lookup: async () => ({ kind: 'not-found' as const }) };
  void createPrecheck({ providers: {}, customProviders: { echo } }).close();
  assert.match(refusal({ providers: {}, customProviders: { echo: { lookup: 'no' } } }), /^customProviders\.echo must be an AccountProvider/);
});

strict('every resilience part switches off with false: cache, singleFlight, breaker', () => {
  const precheck = createPrecheck({ providers: { bmo }, cache: false, singleFlight: false, breaker: false });
  const { guards } = precheck.container.get(ENGINE_CONFIG);
  void precheck.close();
  assert.equal(guards.cache, { ttlMs: 0, notFoundTtlMs: 0 });
  assert.is(guards.singleFlight, false);
  assert.is(guards.breaker, false);
});

strict('cache: false asks the provider every time (the 60 s cache no longer stays on)', async ({ sandbox }) => {
  const request = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' } as const;
  const cached = createPrecheck({ providers: { bmo: sandbox.providers.bmo } });
  const uncached = createPrecheck({ providers: { bmo: sandbox.providers.bmo }, cache: false });
  try {
    for (const [engine, requests] of [[cached, 1], [uncached, 2]] as const) {
      const before = sandbox.log.count('bmo');
      assert.is((await engine.check(request)).status, 'proceed');
      assert.is((await engine.check(request)).status, 'proceed');
      assert.is(sandbox.log.count('bmo') - before, requests);
    }
  } finally {
    await Promise.all([cached.close(), uncached.close()]);
  }
});

strict('every existing kind of valid configuration still starts', ({ sandbox }) => {
  void createPrecheck({
    providers: { ...sandbox.providers, bmo: { ...sandbox.providers.bmo, http: { connections: 4, proxy: false } } },
    http: { timeoutMs: 5000, retries: 2, backoffMs: 100, connections: 8, keepAliveTimeoutMs: 1000, connectTimeoutMs: 2000 },
    unverifiable: 'proceed',
    namesTimeoutMs: 60_000,
    confirmPayee: true,
    confirmationTimeoutMs: 60_000,
    nameCheck: { onCloseMatch: 'proceed' },
    deadlineMs: 10_000,
    breaker: { failureThreshold: 3 },
    cache: { ttlMs: 0 },
    singleFlight: true,
    maxConcurrency: 8,
    maxQueue: 0,
    inspect: () => {},
    store: memoryStore(),
    storeTimeoutMs: 200,
    retentionMs: 60_000,
    snapshotKeys: ['k'.repeat(32)],
  }).close();
});

strict('docs/configuration.md is generated from the options schema: it lists every option and matches it exactly', () => {
  const committed = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
  assert.ok(committed === configurationPage(), 'docs/configuration.md differs from the options schema: run npm run docs');
  const rows = new Set([...committed.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]));
  for (const { path } of optionEntries(precheckOptionsSchema as unknown as AnySchema)) {
    // Every provider's http fields are listed once, as providers.<name>.http.…
    const shared = `providers.<name>.http${path.slice(3).map((key) => formatKey(key)).join('')}`;
    assert.ok(rows.has(formatPath(path)) || (path[2] === 'http' && rows.has(shared)), `${formatPath(path)} is not in the table`);
  }
  assert.match(readFileSync(new URL('../README.md', import.meta.url), 'utf8'), '(docs/configuration.md)');
});

strict.run();
