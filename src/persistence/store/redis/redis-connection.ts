import { createClient, type RedisClientType } from 'redis';

/** Any node-redis client, whatever modules, scripts or RESP version it was made with. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRedisClient = RedisClientType<any, any, any, any, any>;

/**
 * Back-off between reconnection attempts: doubling from 20 ms, capped at 500 ms, with jitter so that a fleet does not
 * reconnect in step. Never gives up: the store recovers by itself when Redis is back.
 */
export function reconnectDelay(retries: number): number {
  return Math.min(20 * 2 ** retries, 500) + Math.floor(Math.random() * 50);
}

/** The first connection attempt of each client this module started, so that closing one never races it. */
const connecting = new WeakMap<AnyRedisClient, Promise<unknown>>();

/** Connects in the background (never awaited by a caller, never an unhandled rejection), with an 'error' listener. */
export function connectInBackground(client: AnyRedisClient): AnyRedisClient {
  // Without a listener, an 'error' event (Redis gone, connection refused) would crash the process.
  client.on('error', () => {});
  connecting.set(client, client.connect().catch(() => {}));
  return client;
}

/** A client that fails fast while Redis is down (no offline queue), reconnects for ever, and never crashes the process. */
export function failFastClient(url: string | undefined): AnyRedisClient {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: reconnectDelay },
  }) as AnyRedisClient;
  return connectInBackground(client);
}

/** Closes a connection this store opened: politely when it can, at once when Redis is not answering. Never rejects. */
export async function closeClient(client: AnyRedisClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), 500);
  });
  // A socket still connecting when destroyed could finish connecting afterwards and keep the process alive.
  await Promise.race([connecting.get(client), late]);
  if (client.isOpen) {
    const closed = client.isReady ? client.close().then(() => 'closed' as const, () => 'late' as const) : Promise.resolve('late' as const);
    const how = await Promise.race([closed, late]);
    if (how === 'late' && client.isOpen) client.destroy();
  }
  clearTimeout(timer);
}
