import { createActor, toPromise, waitFor } from 'xstate';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPrecheck, type Decision } from '../src/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { SCENARIOS, type Scenario } from '../src/sandbox/scenarios.js';
import { providerVariant, withWrongCredentials } from '../src/sandbox/wrong-credentials.js';

const both = suite<{ sandbox: Sandbox }>('every seed scenario, through check() and through the actor');

both.before(async (context) => {
  context.sandbox = await startSandbox();
});
both.after(async ({ sandbox }) => sandbox.close());

function engineFor(sandbox: Sandbox, scenario: Scenario) {
  const providers = scenario.credentials === 'wrong' ? withWrongCredentials(sandbox.providers) : sandbox.providers;
  const precheck = createPrecheck({
    providers: { ...providers, ...(scenario.variant && providerVariant(sandbox, scenario.variant)) },
    http: { timeoutMs: scenario.silent ? 300 : 5000 },
    ...scenario.engine,
  });
  sandbox.attach(precheck);
  return precheck;
}

const WAITS = { 'needs-names': 'awaitingNames', 'needs-confirmation': 'awaitingConfirmation' } as const;

/** The decision the actor API gives; for `needs-names` / `needs-confirmation`, the actor must be waiting for it. */
async function viaActor(sandbox: Sandbox, scenario: Scenario): Promise<Decision['status'] | Decision> {
  const actor = createActor(engineFor(sandbox, scenario).machine, { input: scenario.request }).start();
  const status = scenario.expect.status;
  if (status === 'needs-names' || status === 'needs-confirmation') {
    const snapshot = await waitFor(actor, (s) => s.matches(WAITS[status]) || s.status === 'done', { timeout: 2000 });
    actor.stop();
    return snapshot.matches(WAITS[status]) ? status : snapshot.output!;
  }
  return toPromise(actor);
}

const summary = (decision: Decision | Decision['status']) =>
  typeof decision === 'string' ? { status: decision } : { status: decision.status, reason: 'reason' in decision ? decision.reason : undefined };

for (const scenario of SCENARIOS) {
  const name = `${scenario.provider} ${scenario.request.intent} ${scenario.case}`;
  const expected = { status: scenario.expect.status, reason: scenario.expect.reason };
  both(`${name}: check()`, async ({ sandbox }) => {
    const decision = await engineFor(sandbox, scenario).check(scenario.request);
    assert.equal({ reason: undefined, ...summary(decision) }, expected);
  });
  both(`${name}: actor`, async ({ sandbox }) => {
    const decision = await viaActor(sandbox, scenario);
    assert.equal({ reason: undefined, ...summary(decision) }, expected);
  });
}

both.run();
