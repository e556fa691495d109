import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrecheck, type Precheck, type PrecheckRequest } from '../src/index.js';
import { mojaloopRequest, startSandbox } from '../src/sandbox/index.js';
import { timedLoop, type LoopResult } from './stats.js';

export interface MojaloopFigures {
  checks: number;
  bmo: LoopResult;
  sdk: LoopResult;
  /** Lookup (`GET` → `202`), then the switch's signed `PUT /parties/…` over HTTP to our receiver, verified (RS256). */
  fspiop: LoopResult;
}

const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * One found check at a time (cache and single flight off: one lookup each), against an in-process sandbox: B-MO, Mojaloop
 * through the SDK adapter, and Mojaloop FSPIOP, whose callback comes over loopback HTTP to `precheck.mojaloopCallback`
 * and is verified (JWS) before the check is decided.
 */
export async function mojaloopFigures(checks = 500): Promise<MojaloopFigures> {
  let engine: Precheck | undefined;
  const receiver = createServer(async (req, res) => {
    const body = await readAll(req);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body });
    const response = await engine!.mojaloopCallback(request);
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const sandbox = await startSandbox({ mojaloopCallbackUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/fspiop` });
  const options = { cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, breaker: false } as const;
  const bmoEngine = createPrecheck({ providers: { bmo: sandbox.providers.bmo }, ...options });
  const sdkEngine = createPrecheck({ providers: { mojaloop: sandbox.providers.mojaloop }, ...options });
  engine = createPrecheck({ providers: { mojaloop: sandbox.mojaloopFspiop }, ...options });
  const found: PrecheckRequest = mojaloopRequest('debit', 'MSISDN/233200000001');
  const run = (precheck: Precheck, request: PrecheckRequest) => async () => {
    const decision = await precheck.check(request);
    if (decision.status !== 'proceed') throw new Error(`bench: ${decision.status} ${'reason' in decision ? decision.reason : ''}`);
  };
  try {
    const bmo = run(bmoEngine, { provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
    const sdk = run(sdkEngine, found);
    const fspiop = run(engine, found);
    for (const warm of [bmo, sdk, fspiop]) await timedLoop(50, 1, warm);
    return { checks, bmo: await timedLoop(checks, 1, bmo), sdk: await timedLoop(checks, 1, sdk), fspiop: await timedLoop(checks, 1, fspiop) };
  } finally {
    await Promise.all([bmoEngine.close(), sdkEngine.close(), engine.close()]);
    await sandbox.close();
    receiver.closeAllConnections();
    await new Promise((done) => receiver.close(done));
  }
}

// `npx tsx bench/mojaloop.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await mojaloopFigures();
  console.log(JSON.stringify(figures, null, 2));
}
