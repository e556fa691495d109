import type { CheckRecord, CheckStore, ClaimResult } from '../check-store.js';
import { sendWithDeadline, SETTLE_FACTOR } from './deadline-command.js';
import { redisClock } from './redis-clock.js';
import { redisCallbackRelay, RELAY_SCRIPTS } from './redis-callback-relay.js';
import { redisFleet } from './redis-fleet.js';
import { redisScript } from './redis-script.js';
import { failFastClient, closeClient, type AnyRedisClient } from './redis-connection.js';
import { redisSubscriber } from './redis-subscriber.js';
import { LateWriteError, UnusableRecordError } from '../store-errors.js';
import { storeHealth, type StoreHealthHooks } from '../store-health.js';

export interface RedisStoreOptions extends StoreHealthHooks {
  /** e.g. `redis://127.0.0.1:6379`. Default: node-redis's own (localhost:6379). Ignored when `client` is given. */
  url?: string;
  /**
   * A connected (or connecting) client of yours. It stays yours: `close()` does not close it. The store still opens
   * one connection of its own, a duplicate, for the fleet's pub/sub (and the callback relay's), and closes that one.
   */
  client?: AnyRedisClient;
  /** Put in front of every key and channel, so that several engines or test runs share one Redis. Default `precheck:`. */
  prefix?: string;
  /**
   * Most of this store's commands waiting for Redis at once; past it a call fails at once (the engine answers retry
   * `store-unavailable`), so that a Redis that hangs cannot grow the heap without bound. Default 2,000.
   */
  maxPending?: number;
}

/** How long a command waits for the very first connection before it counts as failed. Later, offline fails at once. */
const FIRST_CONNECT_MS = 2_000;

// Every script reads Redis's clock first and answers it first: `now` (ms), for the store's estimate of that clock.
// A write given a deadline (ARGV, ms on Redis's clock; '' for none) does nothing once `now` is past it.
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function late(deadline) return deadline ~= '' and now > tonumber(deadline) end
`;

// A check is a hash: v (version), s (state), l (lease end, running only), r (the record's JSON as the engine wrote it).
// Version, state and lease change in place, so the engine's JSON is never decoded and re-encoded by Lua.
const CREATE = redisScript(`${NOW}
if late(ARGV[5]) then return {now, 'late'} end
if redis.call('EXISTS', KEYS[1]) == 1 then return {now, 'exists'} end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[2], 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {now, 'created'}`);

// Claimable when paused at the version, or running at the version with its lease passed, on Redis's clock: the one
// clock every instance shares, so that no host's clock matters. A record whose version or state no release writes is
// 'unusable', never claimed nor retried. Answers {now, outcome, v, s, l, r}.
const CLAIM = redisScript(`${NOW}
if late(ARGV[3]) then return {now, 'late'} end
local f = redis.call('HMGET', KEYS[1], 'v', 's', 'l', 'r')
if not (f[1] or f[2] or f[4]) then return {now, 'unknown'} end
local v = tonumber(f[1])
local known = f[2] == 'paused' or f[2] == 'decided' or (f[2] == 'running' and tonumber(f[3]) ~= nil)
if not (v and known and f[4]) or v < 1 or v > 9007199254740991 or v ~= math.floor(v) then
  return {now, 'unusable', f[1] or '', f[2] or ''}
end
local outcome = 'claimed'
if v ~= tonumber(ARGV[1]) or f[2] == 'decided' then outcome = 'moved'
elseif f[2] == 'running' and tonumber(f[3]) > now then outcome = 'held' end
if outcome ~= 'claimed' then return {now, outcome, f[1], f[2], f[3] or '', f[4]} end
local next = tostring(v + 1)
local lease = tostring(now + tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'v', next, 's', 'running', 'l', lease)
return {now, 'claimed', next, 'running', lease, f[4]}`);

// Fencing: replaces the record only while it is still at the expected version. Too late, it writes nothing and hands
// a claimed check back (paused, version + 1): its claimant has told its caller that nothing changed, and it is so.
const COMMIT = redisScript(`${NOW}
local v = redis.call('HGET', KEYS[1], 'v')
if not v or tonumber(v) ~= tonumber(ARGV[1]) then return {now, 'moved'} end
if late(ARGV[7]) then
  if redis.call('HGET', KEYS[1], 's') == 'running' then
    redis.call('HSET', KEYS[1], 'v', tostring(tonumber(v) + 1), 's', 'paused')
    redis.call('HDEL', KEYS[1], 'l')
  end
  return {now, 'late'}
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3], 'r', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'l', ARGV[5]) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {now, 'committed'}`);

const PUT_IF_ABSENT = redisScript(`${NOW}
if late(ARGV[3]) then return {now, 'late'} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {now, 'written'} end
return {now, 'exists'}`);

const SET_VALUE = redisScript(`${NOW}
if late(ARGV[3]) then return {now, 'late'} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {now, 'written'}`);

const DELETE_VALUE = redisScript(`${NOW}
if late(ARGV[1]) then return {now, 'late'} end
redis.call('DEL', KEYS[1])
return {now, 'deleted'}`);

// A quota is a sorted set: member → when it ends, on Redis's clock. Ended members are dropped first; a new member is
// refused at `max` (answering when the first one ends); the set lives as long as its last member.
const ADD_TO_QUOTA = redisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local ends = now + tonumber(ARGV[2])
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not current then
  if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
    local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
    return {0, tonumber(first[2]) - now}
  end
  redis.call('ZADD', KEYS[1], ends, ARGV[1])
elseif tonumber(current) < ends then
  redis.call('ZADD', KEYS[1], ends, ARGV[1])
end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
return {1, 0}`);

const ttl = (ms: number) => String(Math.max(1, Math.ceil(ms)));

/** The record from the hash's fields: the stored JSON, with version, state and lease as they are now. */
function recordFrom(version: string, state: string, lease: string, json: string): CheckRecord {
  let stored: CheckRecord & { leaseUntil?: number };
  try {
    stored = JSON.parse(json);
  } catch (error) {
    throw new UnusableRecordError(`its JSON cannot be parsed (${(error as Error).message})`);
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw new UnusableRecordError('its JSON is not an object');
  const record = { ...stored, version: Number(version), state } as CheckRecord & { leaseUntil?: number };
  if (state === 'running') record.leaseUntil = lease === '' ? Number.NaN : Number(lease);
  else delete record.leaseUntil;
  return record;
}

/** A key holding something else than a check's hash is a record no release wrote. */
function unusableIfWrongType(error: unknown): never {
  if (String((error as Error)?.message).startsWith('WRONGTYPE')) throw new UnusableRecordError('the key holds another type');
  throw error;
}

/**
 * Paused checks, small values, the fleet's sharing and its callback relay on a Redis server. Every key has a TTL. Claims, commits and
 * writes are single Lua scripts (version check, deadline check and write in one step). While Redis is down every call
 * fails at once (no offline queue), at most `maxPending` commands wait for a Redis that hangs, and the connections come
 * back by themselves. `onError` hears of an unreachable Redis once (rate-limited), `onRecover` of its return.
 */
export function redisStore(options: RedisStoreOptions = {}): CheckStore {
  const prefix = options.prefix ?? 'precheck:';
  const maxPending = options.maxPending ?? 2_000;
  if (!Number.isSafeInteger(maxPending) || maxPending < 1) throw new RangeError('redisStore: maxPending must be an integer ≥ 1');
  const own = options.client === undefined;
  const client = options.client ?? failFastClient(options.url);
  const health = storeHealth(options);
  let everReady = client.isReady;
  const firstReady = new Promise<void>((resolve) => {
    if (everReady) return resolve();
    client.once('ready', () => {
      everReady = true;
      resolve();
    });
  });
  let pending = 0;
  let lastAnswerAt = -Infinity;

  /** A command; before the first connection, waits for it (bounded), afterwards fails at once while offline. */
  async function send<T>(args: string[]): Promise<T> {
    if (pending >= maxPending) {
      const error = new Error(`${pending} commands are waiting for Redis (maxPending ${maxPending}): it does not answer`);
      health.unreachable(error);
      throw error;
    }
    pending += 1;
    try {
      if (!everReady) {
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis: no connection yet')), FIRST_CONNECT_MS);
        });
        await Promise.race([firstReady, gaveUp]).finally(() => clearTimeout(timer));
      }
      const reply = await client.sendCommand<T>(args).finally(() => {
        lastAnswerAt = performance.now();
      });
      health.answered();
      return reply;
    } finally {
      pending -= 1;
    }
  }
  const clock = redisClock(send);
  const onReady = () => {
    clock.forget();
    health.answered();
    // A write that reached a frozen Redis must run when it thaws (to do its work, or to refuse it as late and hand a
    // claimed check back), not fail NOSCRIPT: a server that has just (re)started learns the scripts before any write.
    for (const script of [CREATE, CLAIM, COMMIT, PUT_IF_ABSENT, SET_VALUE, DELETE_VALUE, ...RELAY_SCRIPTS]) script.load(send).catch(() => {});
  };
  client.on('ready', onReady);
  if (client.isReady) onReady();
  client.on('error', health.unreachable);
  const run = <T>(script: ReturnType<typeof redisScript>, keys: string[], args: string[]) => script.run<T>(send, keys, args);

  /**
   * A script whose last argument is its deadline on Redis's clock ('' without `withinMs`): `withinMs` from when the
   * command leaves this process. Rejects with `LateWriteError` when Redis ran it past its deadline (it did nothing),
   * and by itself when Redis does not answer by `withinMs` after the deadline. Answers the outcome and the rest.
   */
  async function fenced(script: ReturnType<typeof redisScript>, key: string, args: string[], withinMs: number | undefined) {
    let reply: (string | number)[];
    if (withinMs === undefined) {
      reply = await run(script, [key], [...args, '']);
    } else {
      const giveUpBy = performance.now() + SETTLE_FACTOR * withinMs;
      const deadline = { offset: await clock.offset(), withinMs, giveUpBy, lastAnswerAt: () => lastAnswerAt };
      if (performance.now() > giveUpBy) throw new Error('Redis did not tell its time in time');
      reply = await script.run((command) => sendWithDeadline(send, command, deadline), [key], args);
    }
    const [now, outcome, ...rest] = reply;
    clock.saw(Number(now));
    if (outcome === 'late') throw new LateWriteError();
    return { outcome: String(outcome), rest: rest.map(String) };
  }

  const checkKey = (checkId: string) => `${prefix}check:${checkId}`;
  const valueKey = (key: string) => `${prefix}value:${key}`;
  const quotaKey = (group: string) => `${prefix}quota:${group}`;
  const subscriber = redisSubscriber(client);
  const fleet = redisFleet(subscriber, send, prefix);
  const relay = redisCallbackRelay({ prefix, send, clock, lastAnswerAt: () => lastAnswerAt, subscriber });

  const leaseOf = (record: CheckRecord) => (record.state === 'running' ? String(record.leaseUntil) : '');
  /** Reads a check; an unusable one is reported (rate-limited) before the engine is told. */
  const reporting = async <T>(read: () => Promise<T>): Promise<T> => {
    try {
      return await read().catch(unusableIfWrongType);
    } catch (error) {
      if (error instanceof UnusableRecordError) health.unusable(error);
      throw error;
    }
  };

  return {
    fleet,
    callbackRelay: () => relay,
    get: (checkId) =>
      reporting(async () => {
        const [version, state, lease, json] = await send<(string | null)[]>(['HMGET', checkKey(checkId), 'v', 's', 'l', 'r']);
        if (version === null && state === null && json === null) return undefined;
        if (version === null || state === null || json === null) throw new UnusableRecordError('a field is missing');
        return recordFrom(version, state, lease ?? '', json);
      }),
    async create(record, ttlMs, withinMs) {
      const args = [String(record.version), record.state, JSON.stringify(record), ttl(ttlMs)];
      return (await fenced(CREATE, checkKey(record.checkId), args, withinMs)).outcome === 'created';
    },
    claim: (checkId, version, leaseMs, withinMs) =>
      reporting(async (): Promise<ClaimResult> => {
        const { outcome, rest } = await fenced(CLAIM, checkKey(checkId), [String(version), ttl(leaseMs)], withinMs);
        if (outcome === 'unknown') return { claimed: false, why: 'unknown' };
        if (outcome === 'unusable') throw new UnusableRecordError(`version ${JSON.stringify(rest[0])}, state ${JSON.stringify(rest[1])}`);
        const [v, s, l, r] = rest;
        const record = recordFrom(v, s, l, r);
        if (outcome === 'claimed' && record.state === 'running') return { claimed: true, record };
        return { claimed: false, why: outcome === 'held' ? 'held' : 'moved', record };
      }),
    async commit(record, expectedVersion, ttlMs, withinMs) {
      const args = [String(expectedVersion), String(record.version), record.state, JSON.stringify(record), leaseOf(record), ttl(ttlMs)];
      return (await fenced(COMMIT, checkKey(record.checkId), args, withinMs)).outcome === 'committed';
    },
    async putIfAbsent(key, value, ttlMs, withinMs) {
      return (await fenced(PUT_IF_ABSENT, valueKey(key), [value, ttl(ttlMs)], withinMs)).outcome === 'written';
    },
    async getValue(key) {
      return (await send<string | null>(['GET', valueKey(key)])) ?? undefined;
    },
    async setValue(key, value, ttlMs, withinMs) {
      await fenced(SET_VALUE, valueKey(key), [value, ttl(ttlMs)], withinMs);
    },
    async deleteValue(key, withinMs) {
      await fenced(DELETE_VALUE, valueKey(key), [], withinMs);
    },
    async addToQuota(group, member, ttlMs, max) {
      const [added, retryAfterMs] = await run<number[]>(ADD_TO_QUOTA, [quotaKey(group)], [member, ttl(ttlMs), String(max)]);
      return Number(added) === 1 ? { added: true } : { added: false, retryAfterMs: Math.max(1, Number(retryAfterMs)) };
    },
    async removeFromQuota(group, member) {
      await send(['ZREM', quotaKey(group), member]);
    },
    async ping() {
      await send(['PING']);
    },
    async close() {
      client.off('ready', onReady);
      client.off('error', health.unreachable);
      relay.close();
      fleet.close();
      await subscriber.close();
      if (own) await closeClient(client);
    },
  };
}
