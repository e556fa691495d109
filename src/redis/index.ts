/** `precheck/redis`: the Redis store, kept out of the engine's import so that an engine without Redis never loads the client. */
export { redisStore } from '../persistence/store/redis/redis-store.js';
export type { RedisStoreOptions } from '../persistence/store/redis/redis-store.js';
export type { AnyRedisClient } from '../persistence/store/redis/redis-connection.js';
