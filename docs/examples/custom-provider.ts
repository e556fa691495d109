import { Container } from 'inversify';
import { ACCOUNT_PROVIDER, precheckFrom, precheckModule, type AccountProvider, type Precheck } from 'precheck';

/** A provider of your own: here an in-memory wallet directory that knows two accounts. */
export const walletDirectory: AccountProvider = {
  displayName: 'Wallet directory',
  createsAccounts: false,
  requiredFields: ['accountNumber'],
  async lookup(target) {
    const names: Record<string, string> = { 'W-1001': 'Abena Owusu', 'W-1002': 'Kofi Annan' };
    const accountNumber = target.accountNumber ?? '';
    const fullName = names[accountNumber];
    return fullName ? { kind: 'found', account: { accountNumber, fullName } } : { kind: 'not-found' };
  },
};

/** An application's own container: load precheck's module, bind the extra provider by name, build the engine. */
export function engineWithWalletDirectory(): Precheck {
  const container = new Container();
  container.load(precheckModule({ providers: {} }));
  container.bind(ACCOUNT_PROVIDER).toConstantValue(walletDirectory).whenNamed('wallets');
  return precheckFrom(container);
}
