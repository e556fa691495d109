// Runs one restore() in a process of its own, so that an exception XState throws later, from a timer, is seen as the
// process dying. Reads a persisted check on stdin and the engine options from PRECHECK_TEST_OPTIONS; prints
// { restored, status } or { restored: false, name, message }, after giving late errors 200 ms to surface.
import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPrecheck } from '../../src/index.js';

const persisted = JSON.parse(await text(process.stdin));
const precheck = createPrecheck(JSON.parse(process.env.PRECHECK_TEST_OPTIONS ?? '{}'));
let report: Record<string, unknown>;
try {
  const actor = precheck.restore(persisted);
  actor.subscribe({ error: () => {} });
  report = { restored: true, status: actor.getSnapshot().status };
} catch (error) {
  report = { restored: false, name: (error as Error).name, message: (error as Error).message };
}
await sleep(200);
process.stdout.write(JSON.stringify(report));
await precheck.close();
process.exit(0);
