import { randomUUID } from 'node:crypto';
import type { FleetShare } from '../check-store.js';
import { redisScript } from './redis-script.js';
import type { RedisSubscriber } from './redis-subscriber.js';

type Send = <T>(args: string[]) => Promise<T>;

// Delete and tell, in one round trip: when it answers, every subscribed instance has been sent the key.
const INVALIDATE = redisScript(`
local deleted = redis.call('DEL', KEYS[1])
redis.call('PUBLISH', ARGV[1], ARGV[2])
return deleted`);

// Only the instance that holds the flight ends it: a winner slower than its lock must not end the next one's.
const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * The fleet's sharing on Redis: answers under `answer:<digest>`, flights under `flight:<digest>` (both with a TTL),
 * invalidations and circuit hints on two pub/sub channels, received on the store's pub/sub connection, subscribed
 * when the first listener comes.
 */
export function redisFleet(subscriber: RedisSubscriber, send: Send, prefix: string): FleetShare & { close(): void } {
  const instance = randomUUID();
  const channels = { invalidate: `${prefix}fleet:invalidate`, circuit: `${prefix}fleet:circuit` };
  const invalidateListeners: ((key: string) => void)[] = [];
  const circuitListeners: ((provider: string, until: number) => void)[] = [];
  const resubscribedListeners: (() => void)[] = [];
  let subscribed = false;
  let closed = false;

  const answerKey = (key: string) => `${prefix}answer:${key}`;
  const flightKey = (key: string) => `${prefix}flight:${key}`;
  const ttl = (ms: number) => String(Math.max(1, Math.ceil(ms)));

  function subscribe(): void {
    if (subscribed || closed) return;
    subscribed = true;
    // 'ready' comes once the subscriptions are renewed; whatever was published while the connection was down is lost.
    subscriber.onReady(() => {
      for (const listener of resubscribedListeners) listener();
    });
    subscriber
      .subscribe(channels.invalidate, (key: string) => {
        for (const listener of invalidateListeners) listener(key);
      })
      .catch(() => {});
    subscriber
      .subscribe(channels.circuit, (message: string) => {
        let hint: { provider?: unknown; until?: unknown; from?: unknown };
        try {
          hint = JSON.parse(message);
        } catch {
          return;
        }
        if (hint.from === instance || typeof hint.provider !== 'string' || typeof hint.until !== 'number') return;
        for (const listener of circuitListeners) listener(hint.provider, hint.until);
      })
      .catch(() => {});
  }

  return {
    async getAnswer(key) {
      return (await send<string | null>(['GET', answerKey(key)])) ?? undefined;
    },
    async setAnswer(key, answer, ttlMs) {
      await send(['SET', answerKey(key), answer, 'PX', ttl(ttlMs)]);
    },
    async invalidateAnswer(key) {
      return Number(await INVALIDATE.run(send, [answerKey(key)], [channels.invalidate, key])) > 0;
    },
    onInvalidate(listener) {
      invalidateListeners.push(listener);
      subscribe();
    },
    onResubscribed(listener) {
      resubscribedListeners.push(listener);
      subscribe();
    },
    async acquireFlight(key, ttlMs) {
      return (await send<string | null>(['SET', flightKey(key), instance, 'NX', 'PX', ttl(ttlMs)])) !== null;
    },
    async releaseFlight(key) {
      await RELEASE.run(send, [flightKey(key)], [instance]);
    },
    async publishCircuitOpen(provider, until) {
      await send(['PUBLISH', channels.circuit, JSON.stringify({ provider, until, from: instance })]);
    },
    onCircuitOpen(listener) {
      circuitListeners.push(listener);
      subscribe();
    },
    /** Stops telling listeners (the store closes the pub/sub connection). */
    close() {
      closed = true;
      invalidateListeners.length = 0;
      circuitListeners.length = 0;
      resubscribedListeners.length = 0;
    },
  };
}
