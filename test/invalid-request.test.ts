import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision, type Precheck, type PrecheckRequest } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

/** Requests refused before any I/O: abort `invalid-request`, naming the field, and nothing reaches the sandbox. */
const invalid = suite<{ sandbox: Sandbox; precheck: Precheck; bmoOnly: Precheck }>('invalid requests');

invalid.before(async (context) => {
  context.sandbox = await startSandbox();
  context.precheck = createPrecheck({ providers: context.sandbox.providers, http: { timeoutMs: 300 } });
  context.bmoOnly = createPrecheck({ providers: { bmo: context.sandbox.providers.bmo }, http: { timeoutMs: 300 } });
});
invalid.after(async ({ sandbox, precheck, bmoOnly }) => {
  precheck.close();
  bmoOnly.close();
  await sandbox.close();
});

const BEEP = { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' } as const;
const BMO = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' } as const;

const without = <T extends object, K extends keyof T>(object: T, key: K): Omit<T, K> => {
  const copy = { ...object };
  delete copy[key];
  return copy;
};

/** [name, request, what the message must name] */
const CASES: [string, unknown, RegExp][] = [
  ['undefined', undefined, /no request given/],
  ['null', null, /no request given/],
  ["a string ('string')", 'string', /the request must be a JSON object/],
  ['an empty object', {}, /provider.*intent|intent.*provider/],
  ["unknown provider 'acme'", { ...BMO, provider: 'acme' }, /provider "acme"/],
  ["intent 'refund'", { ...BMO, intent: 'refund' }, /intent/],
  ['bmo without phone', without(BMO, 'phone'), /phone/],
  ["phone without '+'", { ...BMO, phone: '2290197000001' }, /phone/],
  ['phone with a path in it', { ...BMO, phone: '+2290197000001/../x' }, /phone/],
  ['phone with an encoded slash', { ...BMO, phone: '+22901%2F' }, /phone/],
  ["phone '+1'", { ...BMO, phone: '+1' }, /phone/],
  ["phone 'abc'", { ...BMO, phone: 'abc' }, /phone/],
  ['beep without countryCode', without(BEEP, 'countryCode'), /countryCode/],
  ['beep without serviceCode', without(BEEP, 'serviceCode'), /serviceCode/],
  ['beep without accountNumber', without(BEEP, 'accountNumber'), /accountNumber/],
  ["countryCode 'gh'", { ...BEEP, countryCode: 'gh' }, /countryCode/],
  ["countryCode 'GHA'", { ...BEEP, countryCode: 'GHA' }, /countryCode/],
  [
    'names with an empty firstName',
    { provider: 'bmo', intent: 'credit', phone: '+2290197000404', names: { firstName: '', lastName: 'Koffi' } },
    /names\.firstName/,
  ],
  ['a control character in accountNumber', { ...BEEP, accountNumber: '307\u0000001' }, /accountNumber/],
  ['a 10,000-character accountNumber', { ...BEEP, accountNumber: '3'.repeat(10_000) }, /accountNumber/],
];

function assertInvalid(decision: Decision, names: RegExp) {
  assert.is(decision.status, 'abort');
  if (decision.status !== 'abort') return;
  assert.is(decision.reason, 'invalid-request');
  assert.match(decision.message, names);
  assert.match(decision.message, /nothing was sent/);
  assert.is(decision.attempts, 0);
}

for (const [name, request, names] of CASES) {
  invalid(`${name} → abort invalid-request, naming ${names.source}, nothing sent`, async ({ sandbox, precheck }) => {
    const before = sandbox.log.count();
    const decision = await precheck.check(request as PrecheckRequest);
    assertInvalid(decision, names);
    assert.is(sandbox.log.count(), before, 'a request reached the sandbox');
  });
}

invalid('the 10,000-character accountNumber is not echoed back in full', async ({ precheck }) => {
  const decision = await precheck.check({ ...BEEP, accountNumber: '3'.repeat(10_000) });
  assert.ok(JSON.stringify(decision).length < 2_000, `decision is ${JSON.stringify(decision).length} characters`);
});

invalid('a request for beep to an engine configured with bmo only → invalid-request, nothing sent', async ({ sandbox, bmoOnly }) => {
  const before = sandbox.log.count();
  const decision = await bmoOnly.check({ ...BEEP });
  assertInvalid(decision, /provider "beep"/);
  assert.is(decision.provider, 'beep');
  assert.is(sandbox.log.count(), before);
});

invalid('the same bmo-only engine still serves bmo (the refusal above was about the provider)', async ({ bmoOnly }) => {
  const decision = await bmoOnly.check({ ...BMO });
  assert.is(decision.status, 'proceed');
});

invalid('an invalid request echoes provider and intent where it can', async ({ precheck }) => {
  const refund = await precheck.check({ ...BMO, intent: 'refund' } as unknown as PrecheckRequest);
  assert.is(refund.provider, 'bmo');
  assert.is(refund.intent, 'unknown');
  const noPhone = await precheck.check(without(BMO, 'phone') as PrecheckRequest);
  assert.is(noPhone.provider, 'bmo');
  assert.is(noPhone.intent, 'debit');
  const nothing = await precheck.check(undefined as unknown as PrecheckRequest);
  assert.is(nothing.provider, 'unknown');
  assert.is(nothing.intent, 'unknown');
});

// ─── odd values: check() resolves, never rejects ────────────────────────────────────────────────────────────────────

const ODD: [string, unknown][] = [
  ['0', 0],
  ['42', 42],
  ['NaN', Number.NaN],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['true', true],
  ['an empty array', []],
  ['an array of requests', [{ ...BMO }]],
  ['a function', () => BMO],
  ['a symbol', Symbol('request')],
  ['a bigint', 10n],
  ['a Date', new Date(0)],
  ['provider as a number', { ...BMO, provider: 5 }],
  ['provider as an object with toString', { ...BMO, provider: { toString: () => 'bmo' } }],
  ['phone as a number', { ...BMO, phone: 2290197000001 }],
  ['names as a string', { provider: 'bmo', intent: 'credit', phone: '+2290197000404', names: 'Ama Koffi' }],
  ['extra with a nested object', { ...BEEP, extra: { nested: { deep: true } } }],
  ["provider '__proto__'", { ...BMO, provider: '__proto__' }],
  ["provider 'constructor'", { ...BMO, provider: 'constructor' }],
];

for (const [name, request] of ODD) {
  invalid(`${name} → resolves to abort invalid-request, nothing sent`, async ({ sandbox, precheck }) => {
    const before = sandbox.log.count();
    let decision: Decision | undefined;
    let rejection: unknown;
    await precheck.check(request as PrecheckRequest).then(
      (value) => (decision = value),
      (error: unknown) => (rejection = error),
    );
    assert.is(rejection, undefined, `check() rejected: ${String(rejection)}`);
    assert.ok(decision);
    assert.is(decision!.status, 'abort');
    assert.is(decision!.status === 'abort' && decision!.reason, 'invalid-request');
    assert.is(sandbox.log.count(), before);
  });
}

invalid('a JSON object with a __proto__ key: resolves, the key is refused as any unknown field, nothing is polluted', async ({ sandbox, precheck }) => {
  const request = JSON.parse('{"__proto__":{"x":1},"provider":"bmo","intent":"debit","phone":"+2290197000001"}') as PrecheckRequest;
  assert.ok(Object.hasOwn(request, '__proto__'), 'JSON.parse makes __proto__ an own key');
  const before = sandbox.log.count();
  const decision = await precheck.check(request);
  assertInvalid(decision, /__proto__ is not a field/);
  assert.is(sandbox.log.count(), before);
  assert.is(({} as Record<string, unknown>).x, undefined, 'Object.prototype was polluted');
  assert.is((decision as unknown as Record<string, unknown>).x, undefined);
});

invalid('a JSON __proto__ key inside names is not read as names', async ({ sandbox, precheck }) => {
  const request = JSON.parse(
    '{"provider":"bmo","intent":"credit","phone":"+2290197000404","names":{"__proto__":{"firstName":"A","lastName":"B"}}}',
  ) as PrecheckRequest;
  const before = sandbox.log.count();
  const decision = await precheck.check(request);
  assertInvalid(decision, /names\.firstName/);
  assert.is(sandbox.log.count(), before);
  assert.is(({} as Record<string, unknown>).firstName, undefined, 'Object.prototype was polluted');
});

invalid('an object without a prototype is read like a plain object', async ({ precheck }) => {
  const request = Object.assign(Object.create(null) as object, BMO) as PrecheckRequest;
  const decision = await precheck.check(request);
  assert.is(decision.status, 'proceed');
});

invalid('a circular request (an extra self-reference) resolves: the unknown field is named', async ({ precheck }) => {
  const request: Record<string, unknown> = { ...BMO };
  request.self = request;
  const decision = await precheck.check(request as unknown as PrecheckRequest);
  assertInvalid(decision, /self is not a field/);
  // The decision itself stays JSON-safe.
  assert.not.throws(() => JSON.stringify(decision));
});

invalid('a request whose properties throw when read resolves to invalid-request, nothing sent', async ({ sandbox, precheck }) => {
  const before = sandbox.log.count();
  const throwing = (key: string) =>
    Object.defineProperty({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }, key, {
      get() {
        throw new Error('boom');
      },
    });
  for (const key of ['intent', 'provider', 'phone']) {
    const decision = await precheck.check(throwing(key) as never);
    assert.equal([decision.status, 'reason' in decision && decision.reason], ['abort', 'invalid-request'], key);
  }
  const proxy = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
  const decision = await precheck.check(proxy as never);
  assert.equal([decision.status, 'reason' in decision && decision.reason], ['abort', 'invalid-request']);
  assert.is(sandbox.log.count(), before);
});

// ─── strict requests (issue 21, item 2; issue 20, item 2's extra bound) ──────────────────────────────────────────────

invalid('payeename instead of payeeName → invalid-request, did you mean payeeName (the name check is not skipped)', async ({ sandbox, precheck }) => {
  const before = sandbox.log.count();
  // With the right spelling this request aborts name-mismatch; misspelt, it used to proceed with no name check.
  const decision = await precheck.check({ ...BMO, payeename: 'Somebody Else' } as unknown as PrecheckRequest);
  assertInvalid(decision, /payeename is not a field; did you mean payeeName\?/);
  assert.is(sandbox.log.count(), before);
  const spelt = await precheck.check({ ...BMO, payeeName: 'Somebody Else' });
  assert.equal([spelt.status, 'reason' in spelt && spelt.reason], ['abort', 'name-mismatch']);
});

invalid('an unknown field with no near miss is named, and free-form data is pointed to extra', async ({ precheck }) => {
  const decision = await precheck.check({ ...BMO, orderReference: 'A-1' } as unknown as PrecheckRequest);
  assertInvalid(decision, /orderReference is not a field \(the fields are provider, intent, .*\); free-form data belongs in extra/);
});

invalid('a misspelt field inside names is named with its path', async ({ precheck }) => {
  const names = { firstName: 'Ama', lastName: 'Koffi', middlename: 'E' };
  const decision = await precheck.check({ provider: 'bmo', intent: 'credit', phone: '+2290197000404', names } as PrecheckRequest);
  assertInvalid(decision, /names\.middlename is not a field/);
});

invalid('a request that is not an object → the request must be a JSON object (an array is not read as fields)', async ({ precheck }) => {
  for (const request of [[], [{ ...BMO }], 'bmo', 42, true]) {
    const decision = await precheck.check(request as unknown as PrecheckRequest);
    assertInvalid(decision, /invalid request: the request must be a JSON object/);
    assert.not.match(decision.status === 'abort' ? decision.message : '', /provider must be/);
  }
});

invalid('extra is bounded: over 4096 bytes as JSON → invalid-request naming extra, nothing sent', async ({ sandbox, precheck }) => {
  // 32 keys of 256 characters each: within the per-key bounds, about 9 KB in all.
  const extra = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`key${i}`, 'v'.repeat(256)]));
  const before = sandbox.log.count();
  assertInvalid(await precheck.check({ ...BEEP, extra }), /extra must be at most 4096 bytes as JSON/);
  assert.is(sandbox.log.count(), before);
  const small = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, 'v'.repeat(256)]));
  assert.is((await precheck.check({ ...BEEP, extra: small })).status, 'proceed');
});

invalid.run();
