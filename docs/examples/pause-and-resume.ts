import { createActor, waitFor } from 'xstate';
import type { PersistedCheck, Precheck } from 'precheck';

/** Process A: start a credit pre-check, stop where it waits for names, keep the snapshot (a database row, say). */
export async function pauseForNames(precheck: Precheck, phone: string): Promise<PersistedCheck> {
  const actor = createActor(precheck.machine, { input: { provider: 'bmo', intent: 'credit', phone } }).start();
  await waitFor(actor, (snapshot) => snapshot.matches('awaitingNames'), { timeout: 5000 });
  const persisted = precheck.persist(actor);
  actor.stop();
  return JSON.parse(JSON.stringify(persisted)) as PersistedCheck;
}

/** Process B, later: resume the same check with the names the user gave, and get its decision. */
export async function resumeWithNames(precheck: Precheck, persisted: PersistedCheck, firstName: string, lastName: string) {
  const actor = precheck.restore(persisted);
  actor.send({ type: 'NAMES', firstName, lastName });
  const done = await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 5000 });
  return done.output!;
}
