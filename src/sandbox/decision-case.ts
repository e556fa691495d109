import type { Trigger } from './trigger.js';
import type { PrecheckOptions } from '../engine/options/precheck-options.js';
import type { Intent, PrecheckRequest } from '../core/request.js';

/** One provider answer to observe, for both intents. */
export interface DecisionCase {
  provider: string;
  /** The provider's answer in words, with the sandbox value that triggers it. */
  answer: string;
  request: (intent: Intent) => PrecheckRequest;
  /** Engine options on top of the sandbox's providers and the table's timeout. */
  engine?: Omit<PrecheckOptions, 'providers'>;
  wrongCredentials?: boolean;
  /** Provider settings that need more than a trigger value: a name among the fakes' `variants`. */
  variant?: string;
  /** The trigger never answers (or drips): only these checks are meant to reach the per-attempt timeout. */
  silent?: boolean;
  /**
   * Checks of the same account run one after the other: the sandbox counts the failures of its "fails N times"
   * triggers per account, so two checks side by side would share them.
   */
  account: string;
}

/** The triggers that fail a few times and then answer: checked with enough retries to get past the failures. */
const RETRYING: Omit<PrecheckOptions, 'providers'> = { http: { retries: 2, backoffMs: 1 } };

type AnyTrigger = Trigger<{ kind: string; fault?: string }>;

/** The case of one sandbox trigger: its answer in words, with retries where it fails first, silent where it never answers. */
export function triggerCase(provider: string, trigger: AnyTrigger, account: string, request: Pick<DecisionCase, 'request' | 'variant'>): DecisionCase {
  const flaky = trigger.answer.kind === 'flaky';
  return {
    provider,
    answer: `${trigger.case} (\`${trigger.value}\`${flaky ? ', retries: 2' : ''})`,
    ...request,
    engine: flaky ? RETRYING : undefined,
    silent: trigger.answer.kind === 'fault' && (trigger.answer.fault === 'hang' || trigger.answer.fault === 'drip'),
    account,
  };
}
