import * as assert from 'uvu/assert';
import { waitFor } from 'xstate';
import { pauseForNames, resumeWithNames } from '../docs/examples/pause-and-resume.js';
import { createPrecheck, PrecheckSnapshotError, type PersistedCheck, type Precheck } from '../src/index.js';
import { sandboxSuite, type SandboxContext } from './support/sandbox-suite.js';

/** trace.transitions through a snapshot: carried, checked on restore, never partial, never personal data. */
const tests = sandboxSuite('trace.transitions');

function engine(context: SandboxContext): Precheck {
  const precheck = createPrecheck({ providers: context.sandbox.providers });
  context.engines.push(precheck);
  return precheck;
}

type Edit = (context: Record<string, any>) => void;
const edited = (persisted: PersistedCheck, edit: Edit): PersistedCheck => {
  const copy = structuredClone(persisted) as PersistedCheck & { snapshot: { context: Record<string, any> } };
  edit(copy.snapshot.context);
  return copy;
};

tests('a paused snapshot carries the transitions so far; the decision after it, the whole path', async (context) => {
  const precheck = engine(context);
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const carried = (persisted.snapshot as { context: { transitions: { from: string; to: string }[] } }).context.transitions;
  assert.equal(carried.map((t) => `${t.from} → ${t.to}`), [
    'checking.validating → checking.lookingUp',
    'checking.lookingUp → notFound',
    'notFound → creditCreatesAccount',
    'creditCreatesAccount → awaitingNames',
  ]);
  const decision = await resumeWithNames(precheck, persisted, 'Afi', 'Agbo');
  assert.equal(
    decision.trace.transitions!.slice(carried.length).map(({ from, to, event, guard }) => ({ from, to, event, guard })),
    [
      { from: 'awaitingNames', to: 'awaitingNames', event: 'RESUMED', guard: undefined },
      { from: 'awaitingNames', to: 'proceed', event: 'NAMES', guard: 'namesAreUsable' },
    ],
  );
  const text = JSON.stringify(decision.trace.transitions);
  for (const personal of ['Afi', 'Agbo', '2290197000404']) assert.not.match(text, personal);
});

tests('a snapshot whose transitions do not end where it rests is refused', async (context) => {
  const precheck = engine(context);
  const persisted = await pauseForNames(precheck, '+2290197000404');
  const forged = edited(persisted, (c) => {
    c.transitions.at(-1).to = 'proceed';
  });
  assert.throws(() => precheck.restore(forged).stop(), (error: unknown) => error instanceof PrecheckSnapshotError);
  const unbounded = edited(persisted, (c) => {
    c.transitions = Array.from({ length: 200 }, () => c.transitions[0]);
  });
  assert.throws(() => precheck.restore(unbounded).stop(), (error: unknown) => error instanceof PrecheckSnapshotError);
});

tests('a snapshot from before transitions were traced restores, and its decision has none (no partial path)', async (context) => {
  const precheck = engine(context);
  const persisted = edited(await pauseForNames(precheck, '+2290197000404'), (c) => {
    delete c.transitions;
  });
  const actor = precheck.restore(persisted);
  actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
  const done = await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 5000 });
  assert.is(done.output!.status, 'proceed');
  assert.is(done.output!.trace.transitions, undefined);
});

tests.run();
