import { createPrecheck } from '../create-precheck.js';
import { SCENARIOS, type Scenario } from '../sandbox/scenarios.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import type { Decision } from '../types/decision.js';

export interface DemoRow {
  scenario: Scenario;
  decision: Decision;
  asExpected: boolean;
}

/** Runs every seed scenario against a running sandbox, all at once. */
export async function runDemo(sandbox: Sandbox, timeoutMs = 1000): Promise<DemoRow[]> {
  const engine = (scenario: Scenario) => {
    const wrong = scenario.credentials === 'wrong';
    const { bmo, beep } = sandbox.providers;
    return createPrecheck({
      providers: {
        bmo: wrong ? { ...bmo, apiSecret: 'not-the-secret' } : bmo,
        beep: wrong ? { ...beep, password: 'not-the-password' } : beep,
      },
      http: { timeoutMs },
      ...scenario.engine,
    });
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
