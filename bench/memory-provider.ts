import type { AccountProvider } from '../src/index.js';

/** A provider answering from memory, without I/O: what remains of a check's cost is the engine's own. */
export const memoryProvider: AccountProvider = {
  displayName: 'Memory',
  createsAccounts: true,
  requiredFields: ['phone'],
  async lookup(target) {
    return target.phone === '+2290197000404'
      ? { kind: 'not-found' }
      : { kind: 'found', account: { phone: target.phone, firstName: 'Ama', lastName: 'Koffi', fullName: 'Ama Koffi' } };
  },
};
