// Process B of the persistence tests: reads a persisted check on stdin, restores it with an engine of its own,
// sends the event named in argv[2] (NAMES or CONFIRM), and prints the decision as JSON.
import { text } from 'node:stream/consumers';
import { waitFor } from 'xstate';
import { createPrecheck } from '../../src/index.js';

const persisted = JSON.parse(await text(process.stdin));
const precheck = createPrecheck({ providers: JSON.parse(process.env.PRECHECK_TEST_PROVIDERS ?? '{}') });
const actor = precheck.restore(persisted);
const event = process.argv[2];
if (event === 'NAMES') actor.send({ type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
else if (event === 'CONFIRM') actor.send({ type: 'CONFIRM' });
const done = await waitFor(actor, (snapshot) => snapshot.status === 'done', { timeout: 5000 });
process.stdout.write(JSON.stringify({ pid: process.pid, decision: done.output }));
precheck.close();
