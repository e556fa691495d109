import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { AnyRedisClient } from '../../src/persistence/store/redis/redis-connection.js';

/** The Redis the tests use: `REDIS_URL`, default the local one. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of this run's own, so that runs sharing one Redis never see each other's keys. */
export const testPrefix = (what: string) => `precheck-test:${what}:${randomUUID()}:`;

/** A plain client for the test itself (to look at keys): connected, or undefined when no Redis answers within 1 s. */
export async function adminClient(url = REDIS_URL): Promise<AnyRedisClient | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } }) as AnyRedisClient;
  client.on('error', () => {});
  try {
    await client.connect();
    await client.sendCommand(['PING']);
    return client;
  } catch {
    if (client.isOpen) client.destroy();
    return undefined;
  }
}

/**
 * A connected admin client, or undefined after printing one line saying why the Redis suites are skipped. Under `CI`
 * a missing Redis is a failure, not a skip.
 */
export async function redisOrSkip(suite: string): Promise<AnyRedisClient | undefined> {
  const client = await adminClient();
  if (client) return client;
  const line = `${suite}: no Redis answers at ${REDIS_URL}`;
  if (process.env.CI) throw new Error(`${line} (CI is set: Redis is required)`);
  console.log(`${line}: skipped (start one: redis-server --port 6379 --save "" --appendonly no)`);
  return undefined;
}

/** Every key under `prefix`. */
export async function keysUnder(client: AnyRedisClient, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.sendCommand<[string, string[]]>(['SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000']);
    cursor = String(next);
    keys.push(...batch.map(String));
  } while (cursor !== '0');
  return keys;
}

/** Removes this run's keys. */
export async function removeKeys(client: AnyRedisClient, prefix: string): Promise<void> {
  const keys = await keysUnder(client, prefix);
  for (let i = 0; i < keys.length; i += 500) await client.sendCommand(['DEL', ...keys.slice(i, i + 500)]);
}
