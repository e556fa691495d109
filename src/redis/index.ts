/** `precheck/redis`: the Redis store, kept out of the engine's import so that an engine without Redis never loads the client. */
export { redisStore } from '../store/redis-store.js';
export type { RedisStoreOptions } from '../store/redis-store.js';
export type { AnyRedisClient } from '../store/redis-connection.js';
