import { createHash, randomUUID } from 'node:crypto';
import type { CallbackRelay, CallbackWait } from '../../../core/callback-relay.js';
import { sendWithDeadline, SETTLE_FACTOR } from './deadline-command.js';
import type { redisClock } from './redis-clock.js';
import { redisScript } from './redis-script.js';
import type { RedisSubscriber } from './redis-subscriber.js';

type Send = <T>(args: string[]) => Promise<T>;

export interface RedisRelayParts {
  prefix: string;
  send: Send;
  clock: ReturnType<typeof redisClock>;
  /** When Redis last answered any command of the store (`performance.now()`). */
  lastAnswerAt: () => number;
  subscriber: RedisSubscriber;
}

/** How long Redis may take to take a delivery: past it, the delivery does nothing and answers false. */
const DELIVER_WITHIN_MS = 500;
/** Most lookups one store may have waiting at once: past it, `open` ends at once with no payload. */
export const MAX_WAITING = 10_000;
/** The longest window a timer can hold (about 24.8 days). */
const MAX_WINDOW_MS = 2 ** 31 - 1;

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// An outstanding key is a hash, one field per waiting lookup: token → "<window end on Redis's clock>|<its instance's
// channel>". The key lives as long as its longest window. Written only while the window is still open on Redis's clock.
const OPEN = redisScript(`${NOW}
local ends = tonumber(ARGV[2])
if now >= ends then return {now, 'late'} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
local ttl = ends - now
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return {now, 'open'}`);

// Takes the key (exactly one delivery finds it) and publishes the payload to every lookup whose window is still open:
// "<token>\\n<payload>" on its instance's channel. Answers how many instances heard it. Past its deadline (ARGV[2]),
// it does nothing.
const DELIVER = redisScript(`${NOW}
if ARGV[2] ~= '' and now > tonumber(ARGV[2]) then return {now, 'late'} end
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then return {now, 0} end
redis.call('DEL', KEYS[1])
local heard = 0
for i = 1, #fields, 2 do
  local value = fields[i + 1]
  local bar = string.find(value, '|', 1, true)
  if bar and tonumber(string.sub(value, 1, bar - 1)) > now then
    heard = heard + redis.call('PUBLISH', string.sub(value, bar + 1), fields[i] .. '\\n' .. ARGV[1])
  end
end
return {now, heard}`);

/** The relay's scripts, for the store to load ahead of their first run. */
export const RELAY_SCRIPTS = [OPEN, DELIVER];

interface Waiter {
  finish(payload: string | undefined): void;
}

/**
 * The callback relay of a fleet on Redis. A lookup's key is outstanding under `relay:<sha-256 of the key>` (the key
 * names a party: never kept in clear) for its window, on Redis's clock; each instance hears its deliveries on a
 * channel of its own, `relay:to:<instance>`, on the store's one pub/sub connection. This process keeps one entry per
 * lookup waiting here, removed when it is answered, closed, aborted or its window ends.
 */
export function redisCallbackRelay(parts: RedisRelayParts): CallbackRelay & { close(): void } {
  const { prefix, send, clock, lastAnswerAt, subscriber } = parts;
  const channel = `${prefix}relay:to:${randomUUID()}`;
  const waiting = new Map<string, Waiter>();
  let subscribed: Promise<boolean> | undefined;
  let closed = false;

  const keyOf = (key: string) => `${prefix}relay:${createHash('sha256').update(key).digest('hex')}`;

  function hear(message: string): void {
    const newline = message.indexOf('\n');
    if (newline < 0) return;
    waiting.get(message.slice(0, newline))?.finish(message.slice(newline + 1));
  }

  /** Subscribed once, on the first open: answers whether the subscription is active. */
  function subscription(): Promise<boolean> {
    subscribed ??= subscriber.subscribe(channel, hear).then(
      () => true,
      () => {
        subscribed = undefined;
        return false;
      },
    );
    return subscribed;
  }

  /** Redis's clock minus `performance.now()`, or undefined when Redis does not tell it within `ms`. */
  async function offsetWithin(ms: number): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    const offset = clock.offset().catch(() => undefined);
    return Promise.race([offset, late]).finally(() => clearTimeout(timer));
  }

  function open(key: string, windowMs: number, signal?: AbortSignal): CallbackWait {
    const openedAt = performance.now();
    const token = randomUUID();
    const redisKey = keyOf(key);
    let resolveAnswer!: (payload: string | undefined) => void;
    let resolveReady!: () => void;
    const answer = new Promise<string | undefined>((resolve) => (resolveAnswer = resolve));
    const ready = new Promise<void>((resolve) => (resolveReady = resolve));
    let written = false;
    let done = false;
    const window = Number.isFinite(windowMs) ? Math.min(Math.max(0, windowMs), MAX_WINDOW_MS) : 0;
    const timer = setTimeout(() => finish(undefined), window);
    // A wait keeps nothing alive by itself: the lookup that awaits it does.
    timer.unref();
    const onAbort = () => finish(undefined);

    function finish(payload: string | undefined): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      waiting.delete(token);
      // Withdrawn when not taken; should this fail, the field still ends with its window.
      if (written && payload === undefined) send(['HDEL', redisKey, token]).catch(() => {});
      // Whoever waits on `ready` is never left waiting: `answer` has settled first.
      resolveAnswer(payload);
      resolveReady();
    }

    if (closed || window === 0 || signal?.aborted || waiting.size >= MAX_WAITING) {
      finish(undefined);
      return { ready, answer, close: () => finish(undefined) };
    }
    waiting.set(token, { finish });
    signal?.addEventListener('abort', onAbort, { once: true });

    const write = async (): Promise<boolean> => {
      const offset = await offsetWithin(window);
      if (offset === undefined || done) return false;
      const ends = Math.floor(openedAt + offset + window);
      const [now, outcome] = await OPEN.run<[number, string]>(send, [redisKey], [token, String(ends), channel]);
      clock.saw(Number(now));
      written = outcome === 'open';
      // Closed while the write was on its way: withdraw it.
      if (written && done) send(['HDEL', redisKey, token]).catch(() => {});
      return written;
    };
    // Refused or failed, the wait ends at once (a Redis that is down is known at once); both done, it is ready.
    const steps = [write().catch(() => false), subscription()].map((step) =>
      step.then((ok) => {
        if (!ok) finish(undefined);
        return ok;
      }),
    );
    void Promise.all(steps).then((oks) => {
      if (oks.every(Boolean)) resolveReady();
    });
    return { ready, answer, close: () => finish(undefined) };
  }

  async function deliver(key: string, payload: string): Promise<boolean> {
    if (closed) return false;
    try {
      const giveUpBy = performance.now() + SETTLE_FACTOR * DELIVER_WITHIN_MS;
      const offset = await offsetWithin(DELIVER_WITHIN_MS);
      if (offset === undefined) return false;
      const deadline = { offset, withinMs: DELIVER_WITHIN_MS, giveUpBy, lastAnswerAt };
      const [now, heard] = await DELIVER.run<[number, string | number]>(
        (command) => sendWithDeadline(send, command, deadline),
        [keyOf(key)],
        [payload],
      );
      clock.saw(Number(now));
      return heard !== 'late' && Number(heard) > 0;
    } catch {
      return false;
    }
  }

  return {
    open,
    deliver,
    /** Ends every wait of this process (undefined); later opens end at once and deliveries answer false. */
    close() {
      closed = true;
      for (const waiter of [...waiting.values()]) waiter.finish(undefined);
    },
  };
}
