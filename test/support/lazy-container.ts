// An engine made in a fresh process, as `test/lazy-container.test.ts` runs it: a check decided with a provider in
// memory, then `precheck.container` read. Prints, as JSON, whether inversify's polyfill (reflect-metadata, which
// precheck loads with it) was there before and after the container was read, and whether the container holds the
// engine's own parts.
import { createPrecheck, PRECHECK_MACHINE } from '../../src/index.js';
import { GUARDED_LOOKUP } from '../../src/engine/di-tokens.js';

const inversifyLoaded = () => typeof (Reflect as { getMetadata?: unknown }).getMetadata === 'function';
const precheck = createPrecheck({
  providers: {},
  customProviders: {
    memory: {
      displayName: 'Memory',
      createsAccounts: true,
      requiredFields: ['phone'],
      lookup: async (target) => ({ kind: 'found', account: { phone: target.phone, fullName: 'Ama Koffi' } }),
    },
  },
});
const decision = await precheck.check({ provider: 'memory', intent: 'debit', phone: '+2290197000001' });
const beforeContainer = inversifyLoaded();
const container = precheck.container;
const afterContainer = inversifyLoaded();
precheck.container.get(GUARDED_LOOKUP).hintCircuitOpen('memory', Date.now() + 60_000);
process.stdout.write(
  JSON.stringify({
    status: decision.status,
    beforeContainer,
    afterContainer,
    sameContainer: container === precheck.container,
    sameMachine: container.get(PRECHECK_MACHINE) === precheck.machine,
    circuits: precheck.circuits(),
  }),
);
await precheck.close();
