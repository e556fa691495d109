import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000);
const STATUSES = new Set(['proceed', 'needs-names', 'abort', 'retry']);
const SECRETS = ['sandbox-api-key', 'sandbox-api-secret', 'sandboxpassword!'];

function assertDecision(decision: Decision): void {
  assert.ok(STATUSES.has(decision.status), `status ${decision.status}`);
  assert.type(decision.provider, 'string');
  const text = JSON.stringify(decision);
  for (const secret of SECRETS) assert.not.ok(text.includes(secret), 'credential in a decision');
}

const properties = suite<{ sandbox: Sandbox }>('properties');
properties.before(async (context) => {
  context.sandbox = await startSandbox();
});
properties.after(async ({ sandbox }) => sandbox.close());

/** Requests near the valid ones (where the bugs are) and far from them. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('+2290197000001', '+2290197000404', '+229 01 97 00 00 01', '+2290197000001/../x', '%2F', '..', '\u0000', '307001', 'GH'),
  fc.stringMatching(/^\+[0-9 /%.?#-]{1,20}$/),
);
const arbitraryRequest = fc.oneof(
  fc.anything(),
  fc.record(
    {
      provider: fc.oneof(fc.constantFrom('bmo', 'beep', '__proto__', 'constructor'), text),
      intent: fc.oneof(fc.constantFrom('credit', 'debit'), text),
      phone: text,
      accountNumber: text,
      serviceCode: text,
      countryCode: fc.oneof(fc.constantFrom('GH', 'KE', 'gh'), text),
      transactionId: text,
      extra: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string(), fc.double(), fc.boolean())), fc.anything()),
      names: fc.oneof(fc.record({ firstName: text, lastName: text }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
);

properties('any request: a decision, never a throw, and no request outside the two allowed paths', async ({ sandbox }) => {
  const precheck = createPrecheck({
    providers: sandbox.providers,
    http: { timeoutMs: 300 },
    breaker: false,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
  });
  await fc.assert(
    fc.asyncProperty(arbitraryRequest, async (request) => {
      assertDecision(await precheck.check(request as never));
    }),
    { numRuns: RUNS },
  );
  const allowed = /^\/external\/customer\/%2B[1-9][0-9]{6,14}$/;
  const outside = sandbox.log.requests.filter((r) =>
    r.provider === 'bmo' ? r.method !== 'GET' || !allowed.test(r.path) : r.method !== 'POST' || r.path !== '/v1/global-api/payments',
  );
  assert.equal(outside, []);
  assert.ok(sandbox.log.count() > 0, 'some generated requests were valid and reached the sandbox');
});

/** A provider that answers whatever the property hands it. */
async function scriptedServer(): Promise<{ url: string; answer: (status: number, body: string) => void; server: Server }> {
  let next = { status: 200, body: '' };
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(next.status, { 'content-type': 'application/json' }).end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (status, body) => {
      next = { status, body };
    },
    server,
  };
}

const hostileJson = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"__proto__":{"kind":"found"},"authStatus":{"__proto__":{"authStatusCode":131}}}'),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 200_000 }).map((size) => JSON.stringify({ firstname: 'x'.repeat(size) })),
  fc.record({
    authStatus: fc.record({ authStatusCode: fc.oneof(fc.constantFrom(131, 132, 174, '131'), fc.anything()), authStatusDescription: fc.anything() }),
    results: fc.oneof(fc.array(fc.record({ statusCode: fc.oneof(fc.constantFrom(167, 200, 301, 306, 307, 308), fc.anything()), customerName: fc.anything(), accountNumber: fc.anything() })), fc.anything()),
  }).map((value) => JSON.stringify(value)),
);

properties('any provider body: a decision, never a throw, no credential echoed', async () => {
  const peer = await scriptedServer();
  const precheck = createPrecheck({
    providers: {
      bmo: { baseUrl: peer.url, apiKey: 'sandbox-api-key', apiSecret: 'sandbox-api-secret' },
      beep: { baseUrl: peer.url, username: 'sandboxuser', password: 'sandboxpassword!' },
    },
    http: { timeoutMs: 1000 },
    breaker: false,
    cache: { ttlMs: 0, notFoundTtlMs: 0 },
  });
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 201, 400, 401, 404, 418, 429, 500, 503),
        fc.oneof(hostileJson, hostileJson.map((body) => body.replace(/x/g, 'sandboxpassword!'))),
        fc.constantFrom('bmo', 'beep'),
        async (status, body, provider) => {
          peer.answer(status, body);
          const request =
            provider === 'bmo'
              ? { provider, intent: 'debit' as const, phone: '+2290197000001' }
              : { provider, intent: 'debit' as const, countryCode: 'GH', serviceCode: 'S', accountNumber: '1' };
          const decision = await precheck.check(request);
          assertDecision(decision);
          if (status >= 200 && status < 300 && decision.status === 'proceed') {
            assert.ok(body.trim().startsWith('{'), 'proceeds only on a JSON object');
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  } finally {
    await new Promise((resolve) => peer.server.close(resolve));
    peer.server.closeAllConnections();
  }
});

properties.run();
