import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../sandbox/faults.js';
import { findTrigger } from '../../sandbox/trigger.js';
import type { SandboxLog } from '../../sandbox/sandbox-log.js';
// Keys sorted, as sdk-standard-components sends (safe-stable-stringify): its validator checks a signature against its
// own re-serialisation of the body, so only this form verifies there.
import { canonicalJson } from '../../persistence/snapshot/canonical-json.js';
import { callbackRoute } from './mojaloop-callback-path.js';
import { MAX_CALLBACK_BYTES } from './mojaloop-callback-receiver.js';
import { LATE_CALLBACK_MS, MOJALOOP_TRIGGERS, SANDBOX_FSPS, type MojaloopScenario } from './mojaloop-fixtures.js';
import { signJws } from './mojaloop-jws.js';
import type { Party } from './mojaloop-party.js';

/** Where the fake serves: the SDK scheme adapter's outbound API, and the switch's FSPIOP API. */
export const MOJALOOP_SANDBOX_PATHS = { sdk: '/sdk', switch: '/switch' } as const;

/** The fake scheme's signing keys (made at start): each FSP's private key, and the public keys as PEM for `jws.keys`. */
export interface MojaloopSandboxKeys {
  signing: Record<string, KeyObject>;
  /** `jws.keys` for the engine: the payee FSPs' and the switch's public keys. */
  publicPems: Record<string, string>;
  /** Known to no one: what the `forged` trigger signs with. */
  forger: KeyObject;
}

export function mojaloopSandboxKeys(): MojaloopSandboxKeys {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const bluebank = ec();
  const hub = ec();
  const signing = { [SANDBOX_FSPS.rsaPayee]: rsa.privateKey, [SANDBOX_FSPS.ecPayee]: bluebank.privateKey, [SANDBOX_FSPS.switch]: hub.privateKey };
  const publicPems = Object.fromEntries(
    Object.entries(signing).map(([fsp, key]) => [fsp, createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()]),
  );
  return { signing, publicPems, forger: ec().privateKey };
}

/** One callback the switch fake sends: its path from `/parties` on, headers and body. Answers the status it got. */
export type CallbackSender = (path: string, headers: Record<string, string>, body: string) => Promise<number | undefined>;

const ACCEPT = /^application\/vnd\.interoperability\.parties\+json\s*;\s*version\s*=\s*(1\.0|1\.1|2\.0)$/;

const sendError = (res: ServerResponse, status: number, code: string, description: string) =>
  sendJson(res, status, { errorInformation: { errorCode: code, errorDescription: description } });

const scenarioOf = (party: Party): MojaloopScenario =>
  findTrigger(MOJALOOP_TRIGGERS, `${party.type}/${party.id}`)?.answer ?? { kind: 'error', code: '3204', description: 'Party not found' };

/** The `Party` body of a found scenario, as FSPIOP `version` has it (`supportedCurrencies` only from 2.0). */
function partyBody(party: Party, found: Extract<MojaloopScenario, { kind: 'party' }>['party'], version: string) {
  const { fspId, signer: _signer, supportedCurrencies, ...rest } = found;
  return {
    partyIdInfo: { partyIdType: party.type, partyIdentifier: party.id, ...(party.subId !== undefined && { partySubIdOrType: party.subId }), fspId },
    ...rest,
    ...(supportedCurrencies && version !== '1.0' && version !== '1.1' && { supportedCurrencies }),
  };
}

/**
 * A Mojaloop scheme, faked: under `/sdk`, a scheme adapter's outbound `GET /parties/…` (synchronous); under `/switch`,
 * the switch's `GET /parties/…`, which checks the FSPIOP headers, answers `202`, then sends the party's FSP's signed
 * `PUT /parties/…` (or the switch's `PUT …/error`) through `send`.
 */
export function createMojaloopHandler(log: SandboxLog, keys: MojaloopSandboxKeys, send: CallbackSender) {
  const timers = new Set<NodeJS.Timeout>();

  const callback = (party: Party, scenario: MojaloopScenario, version: string, requester: string): void => {
    if (scenario.kind === 'silent') return;
    const base = `/${['parties', party.type, party.id, ...(party.subId === undefined ? [] : [party.subId])].map(encodeURIComponent).join('/')}`;
    const found = scenario.kind === 'party' ? scenario.party : undefined;
    const error = scenario.kind === 'error' ? scenario : undefined;
    const path = found || scenario.kind !== 'error' ? base : `${base}/error`;
    const source = found ? found.fspId : scenario.kind === 'error' ? SANDBOX_FSPS.switch : SANDBOX_FSPS.rsaPayee;
    const body = canonicalJson(
      error
        ? { errorInformation: { errorCode: error.code, errorDescription: error.description } }
        : { party: partyBody(party, found ?? { fspId: source, name: 'Late Or Forged' }, version) },
      MAX_CALLBACK_BYTES,
    );
    const date = new Date().toUTCString();
    const headers: Record<string, string> = {
      'content-type': `application/vnd.interoperability.parties+json;version=${version}`,
      date,
      'fspiop-source': source,
      'fspiop-destination': requester,
      'fspiop-uri': path,
      'fspiop-http-method': 'PUT',
    };
    const key = scenario.kind === 'forged' ? keys.forger : keys.signing[source];
    headers['fspiop-signature'] = signJws(key, { 'FSPIOP-URI': path, 'FSPIOP-HTTP-Method': 'PUT', 'FSPIOP-Source': source, 'FSPIOP-Destination': requester, Date: date }, body);
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void send(path, headers, body).catch(() => undefined);
      },
      scenario.kind === 'late' ? LATE_CALLBACK_MS : 0,
    );
    timer.unref();
    timers.add(timer);
  };

  const adapter = (party: Party, res: ServerResponse): void => {
    const scenario = scenarioOf(party);
    switch (scenario.kind) {
      case 'party':
        return sendJson(res, 200, { party: { body: partyBody(party, scenario.party, '2.0'), headers: {} }, currentState: 'COMPLETED' });
      case 'error':
        return sendError(res, 404, scenario.code, scenario.description);
      default:
        // The adapter waited for a callback that did not come (or that it refused): its own timeout.
        return sendError(res, 504, '2004', 'Server timed out');
    }
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    log.record('mojaloop', req.method ?? '', path);
    const mount = path.startsWith(`${MOJALOOP_SANDBOX_PATHS.sdk}/`) ? 'sdk' : path.startsWith(`${MOJALOOP_SANDBOX_PATHS.switch}/`) ? 'switch' : undefined;
    const route = mount && req.method === 'GET' ? callbackRoute(path.slice(MOJALOOP_SANDBOX_PATHS[mount].length)) : undefined;
    if (!mount || !route || route.error || !route.uri.startsWith('/parties/') || route.uri !== path.slice(MOJALOOP_SANDBOX_PATHS[mount].length)) {
      return sendError(res, 404, '3002', 'Unknown URI');
    }
    if (mount === 'sdk') return adapter(route.party, res);
    const version = ACCEPT.exec(String(req.headers.accept ?? ''))?.[1];
    if (!version) return sendError(res, 406, '3001', 'Unacceptable version: Accept must be application/vnd.interoperability.parties+json;version=1.1');
    const requester = req.headers['fspiop-source'];
    if (typeof requester !== 'string' || !requester || typeof req.headers.date !== 'string') {
      return sendError(res, 400, '3102', 'Missing mandatory element: Date and FSPIOP-Source');
    }
    res.writeHead(202).end();
    callback(route.party, scenarioOf(route.party), version, requester);
  };

  return Object.assign(handler, {
    /** Cancels the callbacks not sent yet (the sandbox is closing). */
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  });
}
