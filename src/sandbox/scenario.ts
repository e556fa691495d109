import type { DecisionStatus } from '../core/decision.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import type { PrecheckRequest } from '../core/request.js';

/** One seed case, as the demo runs it and the docs record it (each provider's live in its folder, `<name>-scenarios.ts`). */
export interface Scenario {
  provider: string;
  case: string;
  request: PrecheckRequest;
  /** Engine options on top of the sandbox's providers. */
  engine?: Partial<Pick<PrecheckOptions, 'unverifiable' | 'nameCheck'>>;
  /** The trigger never answers: only these checks are meant to reach the per-attempt timeout. */
  silent?: true;
  /** Which credentials the engine uses. */
  credentials?: 'valid' | 'wrong';
  /** Provider settings that need more than a trigger value: a name among the fakes' `variants`. */
  variant?: string;
  expect: { status: DecisionStatus; reason?: string };
}
