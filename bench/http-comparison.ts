import ky from 'ky';
import { request as undiciRequest } from 'undici';
import { createContainer, createPrecheck, precheckFrom, type PrecheckOptions } from '../src/index.js';
import { providerHttp } from '../src/transport/provider-http.js';
import { BEEP_HTTP } from '../src/providers/beep/beep-definition.js';
import { BMO_HTTP } from '../src/providers/bmo/bmo-definition.js';
import { timedLoop, type LoopResult } from './stats.js';

export interface HttpRow {
  provider: string;
  concurrency: number;
  undici: LoopResult;
  bareKy: LoopResult;
  /** The engine as shipped: each provider's ky over its own undici pool. */
  engine: LoopResult;
  /** The same engine with each provider's ky over Node's fetch (as before the pools): the transport's share. */
  enginePlainFetch: LoopResult;
  /** The engine's own ky client over its pool, without the engine: what the transport costs alone. */
  kyOverPool: LoopResult;
}

type Contender = keyof Omit<HttpRow, 'provider' | 'concurrency'>;

const ROUNDS = 3;

/** Best of several interleaved rounds per contender: the machine is noisy, so contenders take turns. */
async function sideBySide(contenders: Record<Contender, () => Promise<unknown>>, total: number, concurrency: number) {
  const best: Partial<Record<keyof typeof contenders, LoopResult>> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, once] of Object.entries(contenders) as [keyof typeof contenders, () => Promise<unknown>][]) {
      const result = await timedLoop(total, concurrency, once);
      if (!best[name] || result.requestsPerSecond > best[name]!.requestsPerSecond) best[name] = result;
    }
  }
  return best as Record<keyof typeof contenders, LoopResult>;
}

/**
 * The same B-MO lookup and BEEP validation five ways against the sandbox (its own process): undici.request, a bare
 * ky call that reads the body, and `precheck.check()` with the cache and single flight off (every check is a
 * request), over its pools and over Node's fetch; and the engine's own ky client over its pool, without the engine.
 */
export async function httpComparison(providers: Required<Pick<PrecheckOptions['providers'], 'bmo' | 'beep'>>, total: number): Promise<HttpRow[]> {
  const { bmo, beep } = providers;
  const options: PrecheckOptions = { providers, cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, breaker: false };
  const precheck = createPrecheck(options);
  const plainContainer = createContainer(options);
  plainContainer.rebind(BMO_HTTP).toConstantValue(providerHttp(bmo.baseUrl));
  plainContainer.rebind(BEEP_HTTP).toConstantValue(providerHttp(beep.baseUrl));
  const overPlainFetch = precheckFrom(plainContainer);
  const bmoPooled = precheck.container.get(BMO_HTTP);
  const beepPooled = precheck.container.get(BEEP_HTTP);
  const bmoHeaders = { 'X-Auth-ApiKey': bmo.apiKey, 'X-Auth-ApiSecret': bmo.apiSecret };
  const bmoPath = '/external/customer/%2B2290197000001';
  const beepPath = '/v1/global-api/payments';
  const beepBody = JSON.stringify({
    function: 'BEEP.validateAccount',
    countryCode: 'GH',
    payload: {
      credentials: { username: beep.username, password: beep.password },
      packet: [{ serviceCode: 'GH-DSTV', accountNumber: '307001', payerTransactionID: 'bench', requestExtraData: {} }],
    },
  });
  const bmoKy = ky.create({ prefixUrl: bmo.baseUrl, retry: 0, timeout: false });
  const beepKy = ky.create({ prefixUrl: beep.baseUrl, retry: 0, timeout: false });
  const json = { 'content-type': 'application/json' };
  const beepCheck = { provider: 'beep', intent: 'debit', countryCode: 'GH', serviceCode: 'GH-DSTV', accountNumber: '307001' } as const;

  const rows: HttpRow[] = [];
  for (const concurrency of [1, 64]) {
    const bmoResults = await sideBySide(
      {
        undici: async () => (await undiciRequest(`${bmo.baseUrl}${bmoPath}`, { headers: bmoHeaders })).body.json(),
        bareKy: async () => (await bmoKy.get(bmoPath.slice(1), { headers: bmoHeaders })).json(),
        engine: () => precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }),
        enginePlainFetch: () => overPlainFetch.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' }),
        kyOverPool: async () => (await bmoPooled.get(bmoPath.slice(1), { headers: bmoHeaders })).json(),
      },
      total,
      concurrency,
    );
    rows.push({ provider: 'B-MO GET', concurrency, ...bmoResults });
    const beepResults = await sideBySide(
      {
        undici: async () => (await undiciRequest(`${beep.baseUrl}${beepPath}`, { method: 'POST', headers: json, body: beepBody })).body.json(),
        bareKy: async () => (await beepKy.post(beepPath.slice(1), { headers: json, body: beepBody })).json(),
        engine: () => precheck.check(beepCheck),
        enginePlainFetch: () => overPlainFetch.check(beepCheck),
        kyOverPool: async () => (await beepPooled.post(beepPath.slice(1), { headers: json, body: beepBody })).json(),
      },
      total,
      concurrency,
    );
    rows.push({ provider: 'BEEP POST', concurrency, ...beepResults });
  }
  await Promise.all([precheck.close(), overPlainFetch.close()]);
  return rows;
}
