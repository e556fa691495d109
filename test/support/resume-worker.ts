// One instance of a fleet, in its own OS process, for the durable-check tests: an engine on the sandbox with a
// redisStore under the given prefix. Commands arrive as JSON lines on stdin; answers leave as JSON lines on stdout.
import { createInterface } from 'node:readline';
import { createPrecheck, type PrecheckOptions } from '../../src/index.js';
import { redisStore } from '../../src/redis/index.js';

interface Command {
  id: number;
  op: 'check' | 'checkMany' | 'resume' | 'resumeMany' | 'status' | 'continuations' | 'close';
  args: unknown[];
}

const options = JSON.parse(process.env.PRECHECK_TEST_OPTIONS ?? '{}') as Partial<PrecheckOptions>;
let continuations = 0;
const store = redisStore({ url: process.env.REDIS_URL, prefix: process.env.PRECHECK_TEST_PREFIX });
const precheck = createPrecheck({
  providers: JSON.parse(process.env.PRECHECK_TEST_PROVIDERS ?? '{}'),
  store,
  ...options,
  // Counts the answers this process's actors actually received: one per continuation it ran.
  inspect: (event) => {
    const type = (event as { event?: { type?: string } }).event?.type;
    if (event.type === '@xstate.event' && (type === 'NAMES' || type === 'CONFIRM' || type === 'REJECT')) continuations += 1;
  },
});

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

const answer = (id: number, result: unknown) => process.stdout.write(`${JSON.stringify({ id, result })}\n`);

// Like a service that reports ready once its store answers: commands are read only from then on.
await store.ping();

for await (const line of createInterface({ input: process.stdin })) {
  const { id, op, args } = JSON.parse(line) as Command;
  switch (op) {
    case 'check':
      void precheck.check(args[0] as never).then((decision) => answer(id, decision));
      break;
    case 'checkMany':
      // 25 at a time: the paused checks are the set-up, not the load under test.
      void inBatches(args[0] as never[], 25, (request) => precheck.check(request)).then((decisions) => answer(id, decisions));
      break;
    case 'resume':
      void precheck.resume(args[0] as string, args[1] as never).then((decision) => answer(id, decision));
      break;
    case 'resumeMany':
      void Promise.all((args[0] as string[]).map((checkId) => precheck.resume(checkId, args[1] as never))).then((decisions) =>
        answer(id, decisions),
      );
      break;
    case 'status':
      void precheck.status(args[0] as string).then((status) => answer(id, status ?? null));
      break;
    case 'continuations':
      answer(id, continuations);
      break;
    case 'close':
      await precheck.close();
      answer(id, true);
      process.exit(0);
  }
}
