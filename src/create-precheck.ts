import type { Container } from 'inversify';
import type { PrecheckMachine } from '../machines/precheck.machine.js';
import { createContainer } from './container.js';
import { runCheck } from './run-check.js';
import { PRECHECK_MACHINE } from './tokens.js';
import type { Decision } from './types/decision.js';
import type { CheckOptions, PrecheckOptions } from './types/options.js';
import type { PrecheckRequest } from './types/request.js';

export interface Precheck {
  /**
   * Decides one pre-check. Never rejects: every outcome, bad input and cancellation included, is a `Decision`.
   *
   * @example
   * const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
   * if (decision.status === 'proceed') debit();
   */
  check(request: PrecheckRequest, options?: CheckOptions): Promise<Decision>;
  /** The machine with this engine's providers supplied: input = request, output = decision. */
  readonly machine: PrecheckMachine;
  /** The inversify container behind this engine. */
  readonly container: Container;
}

/** Builds an engine. Throws `PrecheckConfigError` (at start-up) when the options are unusable. */
export function createPrecheck(options: PrecheckOptions): Precheck {
  const container = createContainer(options);
  const machine = container.get(PRECHECK_MACHINE);
  return {
    machine,
    container,
    check: (request, checkOptions) => runCheck(machine, request, checkOptions),
  };
}
