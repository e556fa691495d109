import { Pool } from 'undici';
import { createPrecheck, type PrecheckOptions } from '../src/index.js';
import { createServer } from '../src/server/index.js';
import { timedLoop, type LoopResult } from './stats.js';

export interface ServiceFigures {
  checks: number;
  inProcess: { sequential: LoopResult; at64: LoopResult };
  service: { sequential: LoopResult; at64: LoopResult };
  /** Mean added by HTTP in and out (service p50 − in-process p50, one check at a time), µs. */
  overheadMicroseconds: number;
}

/**
 * The same check (a found B-MO account, cache and single flight off: one provider request each) through
 * `precheck.check()` in this process and through `precheck serve`'s `POST /v1/checks` on loopback, side by side.
 */
export async function serviceFigures(providers: PrecheckOptions['providers'], checks = 2000): Promise<ServiceFigures> {
  const engine: PrecheckOptions = { providers, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, breaker: false, maxQueue: checks };
  const request = { provider: 'bmo', intent: 'debit', phone: '+2290197000001' } as const;
  const precheck = createPrecheck(engine);
  const server = createServer({ engine, tokens: ['bench-token-0123456789abcdef'], log: () => {} });
  const { url } = await server.listen(0, '127.0.0.1');
  const pool = new Pool(url, { connections: 64 });
  const body = JSON.stringify(request);
  const overHttp = async () => {
    const response = await pool.request({
      path: '/v1/checks',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-token-0123456789abcdef' },
      body,
    });
    await response.body.json();
  };
  const inProcess = () => precheck.check(request);
  try {
    await timedLoop(200, 8, overHttp);
    await timedLoop(200, 8, inProcess);
    const sequentialService = await timedLoop(checks / 2, 1, overHttp);
    const sequentialInProcess = await timedLoop(checks / 2, 1, inProcess);
    const serviceAt64 = await timedLoop(checks, 64, overHttp);
    const inProcessAt64 = await timedLoop(checks, 64, inProcess);
    return {
      checks,
      inProcess: { sequential: sequentialInProcess, at64: inProcessAt64 },
      service: { sequential: sequentialService, at64: serviceAt64 },
      overheadMicroseconds: (sequentialService.p50Ms - sequentialInProcess.p50Ms) * 1000,
    };
  } finally {
    await pool.close();
    await server.close(1000);
    await precheck.close();
  }
}
