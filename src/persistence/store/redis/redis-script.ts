import { createHash } from 'node:crypto';

type Send = <T>(args: string[]) => Promise<T>;

/** A Lua script run by its SHA-1 (EVALSHA), loaded with EVAL the first time a server has not seen it. */
export function redisScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run<T>(send: Send, keys: string[], args: string[]): Promise<T> {
      try {
        return await send<T>(['EVALSHA', sha, String(keys.length), ...keys, ...args]);
      } catch (error) {
        // A restarted Redis has forgotten its scripts.
        if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
        return send<T>(['EVAL', source, String(keys.length), ...keys, ...args]);
      }
    },
    /** Loads it ahead of its first run, so that the first run on a server is one round trip, not two. */
    async load(send: Send): Promise<void> {
      await send(['SCRIPT', 'LOAD', source]);
    },
  };
}
