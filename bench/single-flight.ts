import { createPrecheck, type PrecheckOptions } from '../src/index.js';

export interface SingleFlightRow {
  concurrentChecks: number;
  upstreamRequests: number;
  upstreamRequestsWithoutSingleFlight: number;
}

/** 1,000 identical checks at once: how many requests reach the provider, with single flight on and off (no cache). */
export async function singleFlight(
  providers: PrecheckOptions['providers'],
  upstreamCount: () => Promise<number>,
  count = 1000,
): Promise<SingleFlightRow> {
  const run = async (singleFlight: boolean) => {
    const precheck = createPrecheck({ providers, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight, maxQueue: count });
    const before = await upstreamCount();
    await Promise.all(Array.from({ length: count }, () => precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' })));
    precheck.close();
    return (await upstreamCount()) - before;
  };
  return { concurrentChecks: count, upstreamRequests: await run(true), upstreamRequestsWithoutSingleFlight: await run(false) };
}
