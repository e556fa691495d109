import { createAdaptorServer } from '@hono/node-server';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrecheck, type Precheck, type PrecheckOptions, type PrecheckRequest } from '../src/index.js';
import { redisStore } from '../src/redis/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { adminClient, removeKeys } from '../test/support/redis.js';
import { fixed, timedLoop, type LoopResult } from './stats.js';

const SEQUENTIAL = 200;
const CONCURRENT = 1000;
const CONCURRENCY = 32;

interface Row {
  call: string;
  sequential: LoopResult;
  concurrent: LoopResult;
}

/** An HTTP server for the switch's callbacks, handing each to `receiver.mojaloopCallback` (as `precheck serve` does). */
async function callbackServer(receiver: Precheck): Promise<{ url: string; close(): Promise<void> }> {
  const server = createAdaptorServer({ fetch: (request: Request) => receiver.mojaloopCallback(request) }) as Server;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/fspiop`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The sandbox's switch calls back over HTTP at `url` (whoever sent the lookup). */
function callBackAt(sandbox: Sandbox, url: string): () => void {
  return sandbox.attach({
    async mojaloopCallback(request) {
      const path = new URL(request.url).pathname.replace(/^\/fspiop/, '');
      return fetch(`${url}${path}`, { method: 'PUT', headers: request.headers, body: await request.text() });
    },
  });
}

/** One found party one check at a time, then `CONCURRENT` checks of distinct unknown parties `CONCURRENCY` at a time. */
async function measure(call: string, engine: Precheck, found: PrecheckRequest, unknown: (i: number) => PrecheckRequest): Promise<Row> {
  const expect = async (request: PrecheckRequest, status: string) => {
    const decision = await engine.check(request);
    if (decision.status !== status) throw new Error(`${call}: ${decision.status} where ${status} was expected (${JSON.stringify(decision)})`);
  };
  for (let i = 0; i < 20; i += 1) await expect(found, 'proceed'); // warm-up: pools, keys, scripts
  const sequential = await timedLoop(SEQUENTIAL, 1, () => expect(found, 'proceed'));
  let next = 0;
  const concurrent = await timedLoop(CONCURRENT, CONCURRENCY, () => expect(unknown(next++), 'abort'));
  return { call, sequential, concurrent };
}

/**
 * `npm run bench`'s Mojaloop fleet section: a Mojaloop FSPIOP check (`GET /parties` answered `202`, then the switch's
 * signed `PUT /parties` callback over HTTP, verified and relayed to the lookup) in one engine and in a fleet (the lookup
 * sent by one engine, the callback received by another and relayed through Redis), beside a B-MO one, the same engine
 * options (cache and single flight off: every check is one lookup), against the in-process sandbox, one at a time and
 * at concurrency 32.
 */
export async function mojaloopFleetFigures(redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<string[]> {
  const sandbox = await startSandbox();
  // A bound far from the figures: on a loaded machine a callback late by a second would be a retry, not a figure.
  const options = { cache: { ttlMs: 0, notFoundTtlMs: 0 }, singleFlight: false, maxQueue: CONCURRENT, http: { timeoutMs: 10_000 } } satisfies Partial<PrecheckOptions>;
  const fspiopSettings = { ...sandbox.mojaloopFspiop, callbackTimeoutMs: 5_000 };
  const rows: Row[] = [];
  const closing: (() => Promise<unknown> | unknown)[] = [() => sandbox.close()];
  const runId = Date.now().toString(36);
  try {
    const bmo = createPrecheck({ ...options, providers: { bmo: sandbox.providers.bmo } });
    closing.push(() => bmo.close());
    rows.push(
      await measure('B-MO (one GET)', bmo, { provider: 'bmo', intent: 'debit', phone: '+2290197000001' }, (i) => ({
        provider: 'bmo',
        intent: 'debit',
        phone: `+22901964${String(i).padStart(5, '0')}`,
      })),
    );

    const found = { provider: 'mojaloop', intent: 'debit', phone: '+233200000001' } as const;
    const unknown = (i: number): PrecheckRequest => ({ provider: 'mojaloop', intent: 'debit', phone: `+2332993${String(i).padStart(5, '0')}` });
    const fspiop = createPrecheck({ ...options, providers: { mojaloop: fspiopSettings } });
    const alone = await callbackServer(fspiop);
    closing.push(() => fspiop.close(), () => alone.close());
    const detach = callBackAt(sandbox, alone.url);
    rows.push(await measure('Mojaloop FSPIOP, one engine (GET 202 + signed PUT callback over HTTP)', fspiop, found, unknown));
    detach();

    const admin = await adminClient(redisUrl);
    if (admin) {
      const prefix = `precheck-bench:mojaloop:${runId}:`;
      const stores = [redisStore({ url: redisUrl, prefix }), redisStore({ url: redisUrl, prefix })];
      const [sender, receiver] = stores.map((store) => createPrecheck({ ...options, store, providers: { mojaloop: fspiopSettings } }));
      const fleet = await callbackServer(receiver);
      closing.push(
        () => sender.close(),
        () => receiver.close(),
        () => fleet.close(),
        async () => {
          for (const store of stores) await store.close();
          await removeKeys(admin, prefix);
          admin.destroy();
        },
      );
      callBackAt(sandbox, fleet.url);
      rows.push(
        await measure('Mojaloop FSPIOP in a fleet: the callback taken by another engine, relayed by Redis', sender, found, (i) => unknown(50_000 + i)),
      );
    }
  } finally {
    for (const close of closing.reverse()) await close();
  }

  const lines = [
    '## Mojaloop FSPIOP in a fleet',
    '',
    'Cache and single flight off (every check is one lookup), against the sandbox in this process (`callbackTimeoutMs` ' +
      `5 s, far from the figures). One at a time: ${SEQUENTIAL} checks of a found party (proceed). At concurrency ` +
      `${CONCURRENCY}: ${CONCURRENT} checks of distinct unknown parties (abort account-not-found; Mojaloop: a 3204 error ` +
      'callback). Every FSPIOP check verifies its callback\'s signature (RS256 for the found party, ES256 for the ' +
      "switch's error callbacks). In the fleet row the lookup is sent by one engine and the callback taken by another " +
      '(each with its own `redisStore`): the difference is the Redis relay (outstanding key, take, publish).',
    '',
    '| call | one at a time p50 ms | p99 ms | concurrency 32 checks/s | p50 ms | p99 ms |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ({ call, sequential, concurrent }) =>
        `| ${call} | ${fixed(sequential.p50Ms, 2)} | ${fixed(sequential.p99Ms, 2)} | ${fixed(concurrent.requestsPerSecond, 0)} | ` +
        `${fixed(concurrent.p50Ms, 2)} | ${fixed(concurrent.p99Ms, 2)} |`,
    ),
    '',
  ];
  return lines;
}

// `npx tsx bench/mojaloop-fleet.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await mojaloopFleetFigures()) console.log(line);
}
