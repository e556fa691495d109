import type { CheckStore, FleetShare } from '../../persistence/store/check-store.js';

/** The methods a value of `T` must have (optional ones, like `addToQuota`, are not part of the contract check). */
type MethodsOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

/** Every method a store must have (`CheckStore`); the compiler says when the contract gains one not listed here. */
const STORE_METHODS = ['get', 'create', 'claim', 'commit', 'putIfAbsent', 'getValue', 'setValue', 'deleteValue', 'ping', 'close'] as const;
const FLEET_METHODS = [
  'getAnswer',
  'setAnswer',
  'invalidateAnswer',
  'onInvalidate',
  'acquireFlight',
  'releaseFlight',
  'publishCircuitOpen',
  'onCircuitOpen',
] as const;

type Unlisted<T, Listed> = Exclude<MethodsOf<T>, Listed>;
const everyStoreMethod: Unlisted<CheckStore, (typeof STORE_METHODS)[number]> extends never ? true : never = true;
const everyFleetMethod: Unlisted<FleetShare, (typeof FLEET_METHODS)[number]> extends never ? true : never = true;
void everyStoreMethod;
void everyFleetMethod;

const missing = (value: object, methods: readonly string[], prefix = '') =>
  methods.filter((method) => typeof (value as Record<string, unknown>)[method] !== 'function').map((method) => `${prefix}${method}()`);

/**
 * Why `value` cannot be a `CheckStore` (the methods it lacks), or undefined when it has them all — `fleet`'s too,
 * when it shares one. The methods are not called.
 */
export function storeContractBreach(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const absent = missing(value, STORE_METHODS);
  const { fleet } = value as { fleet?: unknown };
  if (fleet !== undefined) {
    if (typeof fleet !== 'object' || fleet === null) absent.push('fleet (an object)');
    else absent.push(...missing(fleet, FLEET_METHODS, 'fleet.'));
  }
  return absent.length === 0 ? undefined : `lacks ${absent.join(', ')}`;
}
