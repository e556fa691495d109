import * as assert from 'uvu/assert';
import { createPrecheck, type Precheck, type PrecheckOptions } from '../src/index.js';
import { redisStore } from '../src/redis/index.js';
import { bmoRequest, mtnRequest, type Sandbox } from '../src/sandbox/index.js';
import { REDIS_URL, redisOrSkip, removeKeys, testPrefix } from './support/redis.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';
import { reasonOf } from './support/outcome.js';

/**
 * MTN asks a credit on the Disbursement product and a debit on the Collection product, each with its own key: the
 * answer cache and the single flight (in the process and across the fleet) never give a credit a debit's answer. B-MO
 * answers the same for both intents: there a credit and a debit share one answer.
 */
const productKey = sandboxSuite('MTN: the product is part of the lookup key');
const admin = await redisOrSkip('MTN product key (fleet)');

const PHONE = '+2290196000001'; // active, named
const activeRequests = (sandbox: Sandbox) =>
  sandbox.log.requests.filter((request) => request.provider === 'mtn-momo' && request.path.endsWith('/active')).length;

/** MTN with the right Collection key and a wrong Disbursement key: a debit can be answered, a credit cannot. */
function wrongDisbursementKey(context: SandboxContext, options: Omit<PrecheckOptions, 'providers'> = {}): Precheck {
  const mtn = context.sandbox.providers['mtn-momo'];
  const precheck = createPrecheck({
    providers: { ...context.sandbox.providers, 'mtn-momo': { ...mtn, subscriptionKeys: { ...mtn.subscriptionKeys, disbursement: 'not-the-key' } } },
    breaker: false,
    ...options,
  });
  context.engines.push(precheck);
  return precheck;
}

productKey('a credit after a debit still aborts auth-failed (in-process cache)', async (context) => {
  const precheck = wrongDisbursementKey(context);
  assert.is((await precheck.check(mtnRequest('credit', PHONE))).status, 'abort', 'a credit alone');
  assert.is((await precheck.check(mtnRequest('debit', PHONE))).status, 'proceed', 'the debit, on Collection');
  const credit = await precheck.check(mtnRequest('credit', PHONE));
  assert.equal([credit.status, reasonOf(credit)], ['abort', 'auth-failed'], 'the credit never reuses the debit’s answer');
});

productKey('a credit alongside a debit still aborts auth-failed (single flight)', async (context) => {
  const precheck = wrongDisbursementKey(context);
  const [debit, credit] = await Promise.all([precheck.check(mtnRequest('debit', PHONE)), precheck.check(mtnRequest('credit', PHONE))]);
  assert.is(debit.status, 'proceed');
  assert.equal([credit.status, reasonOf(credit)], ['abort', 'auth-failed']);
});

productKey('each product is asked once and cached; invalidate() forgets both; B-MO shares one answer for both intents', async (context) => {
  const precheck = createPrecheck({ providers: context.sandbox.providers, breaker: false });
  context.engines.push(precheck);
  const before = activeRequests(context.sandbox);
  for (const intent of ['debit', 'credit', 'debit', 'credit'] as const) assert.is((await precheck.check(mtnRequest(intent, PHONE))).status, 'proceed');
  assert.is(activeRequests(context.sandbox) - before, 2, 'one request per product');
  assert.is(await precheck.invalidate(mtnRequest('debit', PHONE)), true);
  for (const intent of ['debit', 'credit'] as const) await precheck.check(mtnRequest(intent, PHONE));
  assert.is(activeRequests(context.sandbox) - before, 4, 'both products asked again after one invalidate()');

  const bmo = context.sandbox.log.count('bmo');
  for (const intent of ['debit', 'credit'] as const) assert.is((await precheck.check(bmoRequest(intent, '+2290197000001'))).status, 'proceed');
  assert.is(context.sandbox.log.count('bmo') - bmo, 1, 'B-MO: one answer for both intents');
});

if (admin) {
  productKey('a credit after a debit on another instance still aborts auth-failed (fleet answers in Redis)', async (context) => {
    const prefix = testPrefix('mtn-product-key');
    try {
      const instance = () => wrongDisbursementKey(context, { store: redisStore({ url: REDIS_URL, prefix }) });
      const [first, second] = [instance(), instance()];
      assert.is((await first.check(mtnRequest('debit', PHONE))).status, 'proceed');
      const credit = await second.check(mtnRequest('credit', PHONE));
      assert.equal([credit.status, reasonOf(credit)], ['abort', 'auth-failed'], 'the credit never reuses the debit’s shared answer');
      // The debit's answer is still shared: another instance's debit does not ask MTN again.
      const before = activeRequests(context.sandbox);
      assert.is((await second.check(mtnRequest('debit', PHONE))).status, 'proceed');
      assert.is(activeRequests(context.sandbox) - before, 0);
    } finally {
      await removeKeys(admin, prefix);
    }
  });
}

productKey.run();
