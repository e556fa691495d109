import type { CheckRecord, CheckStore, ClaimResult } from './check-store.js';
import { redisFleet } from './redis-fleet.js';
import { redisScript } from './redis-script.js';
import { failFastClient, closeClient, type AnyRedisClient } from './redis-connection.js';

export interface RedisStoreOptions {
  /** e.g. `redis://127.0.0.1:6379`. Default: node-redis's own (localhost:6379). Ignored when `client` is given. */
  url?: string;
  /**
   * A connected (or connecting) client of yours. It stays yours: `close()` does not close it. The store still opens
   * one connection of its own, a duplicate, for the fleet's pub/sub, and closes that one.
   */
  client?: AnyRedisClient;
  /** Put in front of every key and channel, so that several engines or test runs share one Redis. Default `precheck:`. */
  prefix?: string;
}

/** How long a command waits for the very first connection before it counts as failed. Later, offline fails at once. */
const FIRST_CONNECT_MS = 2_000;

// A check is a hash: v (version), s (state), l (lease end, running only), r (the record's JSON as the engine wrote it).
// Version, state and lease change in place, so the engine's JSON is never decoded and re-encoded by Lua.
const CREATE = redisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 's', ARGV[2], 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`);

// Claimable when paused at the version, or running at the version with its lease passed. The lease is measured on
// Redis's clock, the one clock every instance shares. Answers {claimed, v, s, l, r}, or {} for an unknown check.
const CLAIM = redisScript(`
local f = redis.call('HMGET', KEYS[1], 'v', 's', 'l', 'r')
if not f[1] then return {} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local claimable = tonumber(f[1]) == tonumber(ARGV[1]) and
  (f[2] == 'paused' or (f[2] == 'running' and tonumber(f[3]) <= now))
if not claimable then return {0, f[1], f[2], f[3] or '', f[4]} end
local v = tostring(tonumber(ARGV[1]) + 1)
local l = tostring(now + tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'v', v, 's', 'running', 'l', l)
return {1, v, 'running', l, f[4]}`);

// Fencing: replaces the record only while it is still at the expected version.
const COMMIT = redisScript(`
local v = redis.call('HGET', KEYS[1], 'v')
if not v or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[2], 's', ARGV[3], 'r', ARGV[4])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'l', ARGV[5]) end
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`);

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
  const stored = JSON.parse(json) as CheckRecord & { leaseUntil?: number };
  const record = { ...stored, version: Number(version), state } as CheckRecord & { leaseUntil?: number };
  if (state === 'running') record.leaseUntil = Number(lease);
  else delete record.leaseUntil;
  return record;
}

/**
 * Paused checks, small values and the fleet's sharing on a Redis server. Every key has a TTL. Claims and commits are
 * single Lua scripts (version check and write in one step). While Redis is down every call fails at once (no offline
 * queue) and the connections come back by themselves.
 */
export function redisStore(options: RedisStoreOptions = {}): CheckStore {
  const prefix = options.prefix ?? 'precheck:';
  const own = options.client === undefined;
  const client = options.client ?? failFastClient(options.url);
  let everReady = client.isReady;
  const firstReady = new Promise<void>((resolve) => {
    if (everReady) return resolve();
    client.once('ready', () => {
      everReady = true;
      resolve();
    });
  });

  /** A command; before the first connection, waits for it (bounded), afterwards fails at once while offline. */
  async function send<T>(args: string[]): Promise<T> {
    if (!everReady) {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis: no connection yet')), FIRST_CONNECT_MS);
      });
      await Promise.race([firstReady, gaveUp]).finally(() => clearTimeout(timer));
    }
    return client.sendCommand<T>(args);
  }
  const run = <T>(script: ReturnType<typeof redisScript>, keys: string[], args: string[]) => script.run<T>(send, keys, args);

  const checkKey = (checkId: string) => `${prefix}check:${checkId}`;
  const valueKey = (key: string) => `${prefix}value:${key}`;
  const quotaKey = (group: string) => `${prefix}quota:${group}`;
  const fleet = redisFleet(client, send, prefix);

  const leaseOf = (record: CheckRecord) => (record.state === 'running' ? String(record.leaseUntil) : '');

  return {
    fleet,
    async get(checkId) {
      const [version, state, lease, json] = await send<(string | null)[]>(['HMGET', checkKey(checkId), 'v', 's', 'l', 'r']);
      if (version === null || state === null || json === null) return undefined;
      return recordFrom(version, state, lease ?? '', json);
    },
    async create(record, ttlMs) {
      const created = await run<number>(CREATE, [checkKey(record.checkId)], [String(record.version), record.state, JSON.stringify(record), ttl(ttlMs)]);
      return Number(created) === 1;
    },
    async claim(checkId, version, leaseMs): Promise<ClaimResult> {
      const reply = await run<(string | number)[]>(CLAIM, [checkKey(checkId)], [String(version), String(Math.max(1, Math.ceil(leaseMs)))]);
      if (reply.length === 0) return { claimed: false };
      const [claimed, v, s, l, r] = reply.map(String);
      const record = recordFrom(v, s, l, r);
      if (Number(claimed) === 1 && record.state === 'running') return { claimed: true, record };
      return { claimed: false, record };
    },
    async commit(record, expectedVersion, ttlMs) {
      const args = [String(expectedVersion), String(record.version), record.state, JSON.stringify(record), leaseOf(record), ttl(ttlMs)];
      return Number(await run<number>(COMMIT, [checkKey(record.checkId)], args)) === 1;
    },
    async putIfAbsent(key, value, ttlMs) {
      return (await send<string | null>(['SET', valueKey(key), value, 'NX', 'PX', ttl(ttlMs)])) !== null;
    },
    async getValue(key) {
      return (await send<string | null>(['GET', valueKey(key)])) ?? undefined;
    },
    async setValue(key, value, ttlMs) {
      await send(['SET', valueKey(key), value, 'PX', ttl(ttlMs)]);
    },
    async deleteValue(key) {
      await send(['DEL', valueKey(key)]);
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
      await fleet.close();
      if (own) await closeClient(client);
    },
  };
}
