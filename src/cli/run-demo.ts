import { createPrecheck } from '../engine/create-precheck.js';
import { SCENARIOS, type Scenario } from '../sandbox/scenarios.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import { providerVariant, withWrongCredentials } from '../sandbox/wrong-credentials.js';
import type { Decision } from '../core/decision.js';

export interface DemoRow {
  scenario: Scenario;
  decision: Decision;
  asExpected: boolean;
}

/**
 * A bound the answering triggers never reach, however busy the machine: every scenario runs at once, each with its
 * own engine, so that a slow start must not turn an answer into a timeout.
 */
const ANSWERING_TIMEOUT_MS = 10_000;

/** Runs every seed scenario against a running sandbox, all at once; `timeoutMs` bounds the silent ones. */
export async function runDemo(sandbox: Sandbox, timeoutMs = 1000): Promise<DemoRow[]> {
  const engine = (scenario: Scenario) => {
    const providers = scenario.credentials === 'wrong' ? withWrongCredentials(sandbox.providers) : sandbox.providers;
    const precheck = createPrecheck({
      providers: { ...providers, ...(scenario.variant && providerVariant(sandbox, scenario.variant)) },
      http: { timeoutMs: scenario.silent ? timeoutMs : Math.max(timeoutMs, ANSWERING_TIMEOUT_MS) },
      ...scenario.engine,
    });
    // A provider that answers by callback (the sandbox's switch) calls this engine back.
    sandbox.attach(precheck);
    return precheck;
  };
  return Promise.all(
    SCENARIOS.map(async (scenario) => {
      const decision = await engine(scenario).check(scenario.request);
      const reason = 'reason' in decision ? decision.reason : undefined;
      const asExpected = decision.status === scenario.expect.status && reason === scenario.expect.reason;
      return { scenario, decision, asExpected };
    }),
  );
}
