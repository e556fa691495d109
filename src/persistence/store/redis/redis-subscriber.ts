import { closeClient, connectInBackground, type AnyRedisClient } from './redis-connection.js';

export interface RedisSubscriber {
  /** Subscribes `listener` to `channel`: resolves once Redis has confirmed the subscription. */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  /** Called each time the connection is (re)established with its subscriptions renewed. */
  onReady(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The store's one pub/sub connection (a duplicate of its client), shared by the fleet's channels and the callback
 * relay, opened when the first of them subscribes. Subscriptions wait in the offline queue for the connection, and
 * node-redis renews them after a reconnection; whatever was published while it was down is lost.
 */
export function redisSubscriber(client: AnyRedisClient): RedisSubscriber {
  const readyListeners: (() => void)[] = [];
  let connection: AnyRedisClient | undefined;
  let closed = false;

  function connected(): AnyRedisClient | undefined {
    if (connection || closed) return connection;
    connection = connectInBackground(client.duplicate({ disableOfflineQueue: false }) as AnyRedisClient);
    connection.on('ready', () => {
      for (const listener of readyListeners) listener();
    });
    return connection;
  }

  return {
    async subscribe(channel, listener) {
      const subscriber = connected();
      if (!subscriber) throw new Error('the store is closed');
      await subscriber.subscribe(channel, listener);
    },
    onReady(listener) {
      readyListeners.push(listener);
      connected();
    },
    async close() {
      closed = true;
      readyListeners.length = 0;
      if (connection) await closeClient(connection);
    },
  };
}
