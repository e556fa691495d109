import { randomUUID } from 'node:crypto';
import { createPrecheck, memoryStore, type CheckStore, type Decision, type PrecheckOptions } from '../src/index.js';
import { redisStore } from '../src/redis/index.js';
import { adminClient, keysUnder, REDIS_URL, removeKeys } from '../test/support/redis.js';
import { percentile } from './stats.js';

export interface FleetFigures {
  pausedChecks: number;
  redisBytesPerPausedCheck: number;
  resumeP50Ms: number;
  resumeP99Ms: number;
  fleetInstances: number;
  fleetChecks: number;
  upstreamWithSharing: number;
  upstreamWithoutSharing: number;
}

/** MEMORY USAGE of every key under a prefix, summed. */
async function bytesUnder(prefix: string): Promise<number> {
  const client = await adminClient();
  if (!client) throw new Error(`no Redis at ${REDIS_URL}`);
  let total = 0;
  for (const key of await keysUnder(client, prefix)) total += Number(await client.sendCommand(['MEMORY', 'USAGE', key]));
  client.destroy();
  return total;
}

async function dropPrefix(prefix: string) {
  const client = await adminClient();
  if (!client) return;
  await removeKeys(client, prefix);
  client.destroy();
}

/**
 * Against the local Redis: bytes a paused check takes in Redis (MEMORY USAGE of its keys), `resume()` latency one call
 * at a time, and the upstream requests of one load over 4 engines with and without a shared store.
 */
export async function fleetFigures(
  providers: PrecheckOptions['providers'],
  upstreamCount: () => Promise<number>,
  pausedChecks = 1000,
): Promise<FleetFigures> {
  const prefix = `precheck-bench-${randomUUID()}:`;
  const store = redisStore({ url: REDIS_URL, prefix });
  const precheck = createPrecheck({ providers, store, breaker: false });
  try {
    const paused: Decision[] = [];
    for (let i = 0; i < pausedChecks; i += 1) {
      paused.push(await precheck.check({ provider: 'bmo', intent: 'credit', phone: `+2290197${String(700_000 + i)}` }));
    }
    const bytes = await bytesUnder(prefix);
    const latencies: number[] = [];
    for (const decision of paused) {
      const started = performance.now();
      await precheck.resume(decision.checkId!, { type: 'NAMES', firstName: 'Afi', lastName: 'Agbo' });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);

    const instances = 4;
    const checks = 2000;
    const load = async (stores: () => CheckStore) => {
      // An engine leaves a store it was given open: each is closed here, after its engine.
      const given = Array.from({ length: instances }, () => stores());
      const engines = given.map((store) => createPrecheck({ providers, store, breaker: false, maxQueue: checks }));
      const before = await upstreamCount();
      await Promise.all(
        Array.from({ length: checks }, (_, i) =>
          engines[i % instances].check({ provider: 'bmo', intent: 'debit', phone: `+2290197${String(800_000 + (i % 50))}` }),
        ),
      );
      const upstream = (await upstreamCount()) - before;
      await Promise.all(engines.map((engine) => engine.close()));
      await Promise.all(given.map((store) => store.close()));
      return upstream;
    };
    const sharedPrefix = `precheck-bench-${randomUUID()}:`;
    const upstreamWithSharing = await load(() => redisStore({ url: REDIS_URL, prefix: sharedPrefix }));
    const upstreamWithoutSharing = await load(() => memoryStore());
    await dropPrefix(sharedPrefix);
    return {
      pausedChecks,
      redisBytesPerPausedCheck: bytes / pausedChecks,
      resumeP50Ms: percentile(latencies, 50),
      resumeP99Ms: percentile(latencies, 99),
      fleetInstances: instances,
      fleetChecks: checks,
      upstreamWithSharing,
      upstreamWithoutSharing,
    };
  } finally {
    await precheck.close();
    await store.close();
    await dropPrefix(prefix);
  }
}
