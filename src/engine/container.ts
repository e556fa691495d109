import type { Container } from 'inversify';
import { inversify } from './inversify.js';
import { precheckModule } from './container-module.js';
import type { PrecheckOptions } from './options/precheck-options.js';

/** A container holding precheck's bindings (see `precheckModule`), for `precheckFrom` or your own resolution. */
export function createContainer(options: PrecheckOptions): Container {
  const container = new (inversify().Container)();
  container.load(precheckModule(options));
  return container;
}
