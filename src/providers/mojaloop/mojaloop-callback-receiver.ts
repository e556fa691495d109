import { readBoundedBody } from '../../util/read-bounded-body.js';
import type { KeyObject } from 'node:crypto';
import * as v from 'valibot';
import type { CallbackRelay } from '../../core/callback-relay.js';
import type { CallbackReceiverDeps } from '../provider-definition.js';
import { callbackRoute } from './mojaloop-callback-path.js';
import { jwsRefusal, readJwsKeys } from './mojaloop-jws.js';
import { partyKey } from './mojaloop-party.js';
import { openSchemas, strictSchemas, type CallbackPayload } from './mojaloop-schemas.js';
import type { MojaloopSettings } from './mojaloop-settings.js';

/** Largest callback body read: a party with every optional field is a few kilobytes. */
export const MAX_CALLBACK_BYTES = 64 * 1024;

const CONTENT_TYPE = /^application\/vnd\.interoperability\.parties\+json\s*;\s*version\s*=\s*(1\.0|1\.1|2\.0)\s*$/i;

/** An FSPIOP error answer: `{ errorInformation: { errorCode, errorDescription } }`. */
export function fspiopError(status: number, errorCode: string, errorDescription: string): Response {
  return Response.json({ errorInformation: { errorCode, errorDescription } }, { status });
}

/**
 * `precheck.mojaloopCallback`: a `PUT /parties/…` callback, checked (route, content type, size, schema, then the
 * signature with `jws.verify`), then handed to the lookup that waits for it. Answers at once: `200` when a lookup
 * took it, else `400` / `404` with `errorInformation`; a refused callback reaches no lookup.
 */
export function mojaloopCallbackReceiver(deps: CallbackReceiverDeps<MojaloopSettings>) {
  const { settings, callbacks } = deps;
  const verify = settings?.mode === 'fspiop' && settings.jws?.verify === true;
  const keys = settings?.mode === 'fspiop' ? readJwsKeys(settings.jws) : new Map<string, KeyObject>();
  const fspId = settings?.mode === 'fspiop' ? settings.fspId : undefined;
  return (request: Request): Promise<Response> => receive(request, fspId, verify, keys, callbacks);
}

async function receive(request: Request, fspId: string | undefined, verify: boolean, keys: ReadonlyMap<string, KeyObject>, relay: CallbackRelay): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return fspiopError(404, '3002', 'Unknown URI');
  }
  const route = callbackRoute(url.pathname);
  if (!route || fspId === undefined) return fspiopError(404, '3002', 'Unknown URI: not a party callback this FSP expects');
  if (request.method !== 'PUT') return fspiopError(400, '3000', 'Generic client error: a party callback is a PUT');
  const version = CONTENT_TYPE.exec(request.headers.get('content-type') ?? '')?.[1];
  if (version === undefined) {
    return fspiopError(400, '3001', 'Unacceptable version: Content-Type must be application/vnd.interoperability.parties+json;version=1.1 (or 1.0, 2.0)');
  }
  const destination = request.headers.get('fspiop-destination');
  if (destination !== null && destination !== fspId) return fspiopError(400, '3000', 'Generic client error: FSPIOP-Destination is another FSP');
  const body = await boundedText(request);
  if (body === undefined) return fspiopError(400, '3104', `Too large payload: more than ${MAX_CALLBACK_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fspiopError(400, '3101', 'Malformed syntax: the body is not JSON');
  }
  const payload = parsePayload(route.error, json, version === '2.0');
  if (!payload) return fspiopError(400, '3100', `Generic validation error: the body is not ${route.error ? 'ErrorInformationObject' : 'PartiesTypeIDPutResponse'}`);
  if (payload.kind === 'party') {
    const { partyIdType, partyIdentifier, partySubIdOrType } = payload.party.partyIdInfo;
    const { type, id, subId } = route.party;
    if (partyIdType !== type || partyIdentifier !== id || (subId !== undefined && partySubIdOrType !== subId)) {
      return fspiopError(400, '3100', 'Generic validation error: partyIdInfo does not name the party of the URI');
    }
  }
  if (verify) {
    const refusal = jwsRefusal(
      { signatureHeader: request.headers.get('fspiop-signature'), source: request.headers.get('fspiop-source'), method: request.method, uri: route.uri, body },
      keys,
    );
    if (refusal) return fspiopError(400, '3105', `Invalid signature: ${refusal}`);
  }
  const taken = await relay.deliver(partyKey(route.party), JSON.stringify(payload)).catch(() => false);
  if (!taken) return fspiopError(404, '3200', 'Generic ID not found: no lookup of this party is outstanding here');
  return new Response(null, { status: 200 });
}

/** The body by the schema of its API version (Content-Type): 2.0's closed objects, or 1.x's open ones. */
function parsePayload(error: boolean, json: unknown, strict: boolean): CallbackPayload | undefined {
  const schemas = strict ? strictSchemas : openSchemas;
  if (error) {
    const parsed = v.safeParse(schemas.errorInformationObject, json);
    return parsed.success ? { kind: 'error', errorInformation: parsed.output.errorInformation } : undefined;
  }
  const parsed = v.safeParse(schemas.partiesPut, json);
  return parsed.success ? { kind: 'party', party: parsed.output.party } : undefined;
}

/** The body as text, or undefined past `MAX_CALLBACK_BYTES` (read no further). */
async function boundedText(request: Request): Promise<string | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_CALLBACK_BYTES) return undefined;
  const bytes = await readBoundedBody(request, MAX_CALLBACK_BYTES);
  return bytes === 'too-large' ? undefined : bytes.toString('utf8');
}
