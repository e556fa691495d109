import ky from 'ky';
import { setTimeout as sleep } from 'node:timers/promises';
import { request as undiciRequest } from 'undici';
import { createPrecheck, type PrecheckOptions } from '../src/index.js';
import { BMO_HTTP } from '../src/providers/bmo/bmo-definition.js';
import { timedLoop } from './stats.js';

/**
 * One contender's load in a process of its own (run by `gc-figures.ts` under `--trace-gc-nvp`): B-MO GETs at
 * concurrency 64 against the sandbox, after a warm-up; prints, on stderr, when the measured part began and ended
 * (ms since the process started) so that only its collections are counted.
 */
const { contender, bmo, total } = JSON.parse(process.argv[2]) as { contender: string; bmo: NonNullable<PrecheckOptions['providers']['bmo']>; total: number };
const headers = { 'X-Auth-ApiKey': bmo.apiKey, 'X-Auth-ApiSecret': bmo.apiSecret };
const path = 'external/customer/%2B2290197000001';
const precheck = createPrecheck({ providers: { bmo }, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, breaker: false });
const pooled = precheck.container.get(BMO_HTTP);
const bare = ky.create({ prefixUrl: bmo.baseUrl, retry: 0, timeout: false });
const calls: Record<string, () => Promise<unknown>> = {
  undici: async () => (await undiciRequest(`${bmo.baseUrl}/${path}`, { headers })).body.json(),
  bareKy: async () => (await bare.get(path, { headers })).json(),
  kyOverPool: async () => (await pooled.get(path, { headers })).json(),
  engine: () => precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }),
};
const once = calls[contender];
await timedLoop(Math.min(total, 2000), 64, once);
await sleep(100);
const began = performance.now();
const result = await timedLoop(total, 64, once);
const ended = performance.now();
await sleep(100);
process.stderr.write(`${JSON.stringify({ began, ended, result })}\n`);
await precheck.close();
