// One instance of a fleet, in its own OS process: an engine on the sandbox with `redisStore` and the fleet's prefix.
// Configured by env FLEET_WORKER (JSON); takes commands over IPC and answers each with the same `id`.
import { createPrecheck, type PrecheckOptions, type PrecheckRequest } from '../../src/index.js';
import { redisStore } from '../../src/redis/index.js';
import type { FleetCommand, FleetReply, WorkerConfig } from './fleet-process.js';

const config = JSON.parse(process.env.FLEET_WORKER ?? '{}') as WorkerConfig;
const store = redisStore({ url: config.redisUrl, prefix: config.prefix });
const precheck = createPrecheck({ providers: config.providers, store, ...(config.options as Omit<PrecheckOptions, 'providers'>) });

async function runChecks(requests: PrecheckRequest[], concurrency: number) {
  const decisions: { status: string; reason?: string; ms: number }[] = [];
  let rejected = 0;
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const started = performance.now();
      try {
        const decision = await precheck.check(request);
        decisions.push({ status: decision.status, reason: 'reason' in decision ? decision.reason : undefined, ms: performance.now() - started });
      } catch {
        rejected += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  return { decisions, rejected };
}

async function handle(command: FleetCommand): Promise<FleetReply> {
  switch (command.cmd) {
    case 'checks':
      return runChecks(command.requests, command.concurrency);
    case 'invalidate':
      return { invalidated: await precheck.invalidate(command.request) };
    case 'circuits':
      return { circuits: precheck.circuits() };
    case 'ping':
      return { answered: await Promise.race([store.ping().then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]) };
    case 'close':
      await precheck.close();
      await store.close();
      return {};
  }
}

process.on('message', (command: FleetCommand & { id: number }) => {
  void handle(command).then((reply) => {
    process.send!({ id: command.id, ...reply }, () => {
      if (command.cmd === 'close') process.exit(0);
    });
  });
});

// Ready once the store answers (a worker that took its first commands offline would ask the provider itself). The
// suite waits for the fleet's subscriptions on Redis's side (PUBSUB NUMSUB), where they can be seen.
for (const giveUpAt = Date.now() + 10_000; ; ) {
  try {
    await store.ping();
    break;
  } catch (error) {
    if (Date.now() > giveUpAt) throw error;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
process.send!({ ready: true });
