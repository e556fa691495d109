import type { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../app-env.js';
import { PARTY_ID_TYPES } from '../../core/party-id-type.js';
import type { Precheck } from '../../engine/create-precheck.js';

/** Where `precheck serve` receives Mojaloop FSPIOP callbacks: the switch's callback base URL is `<serve URL>/fspiop`. */
export const FSPIOP_PREFIX = '/fspiop';

export const isFspiopPath = (path: string) => path === FSPIOP_PREFIX || path.startsWith(`${FSPIOP_PREFIX}/`);

/** The answer to a path outside the prefix on the callback listener of its own: FSPIOP's "Unknown URI". */
export const unknownUri = () =>
  Response.json({ errorInformation: { errorCode: '3002', errorDescription: `Unknown URI: callbacks go under ${FSPIOP_PREFIX}/parties/` } }, { status: 404 });

/** What the receiver refuses with: FSPIOP's `ErrorInformationObject`. */
const errorInformationSchema = {
  type: 'object',
  properties: {
    errorInformation: {
      type: 'object',
      properties: { errorCode: { type: 'string', pattern: '^[1-9]\\d{3}$' }, errorDescription: { type: 'string' } },
      required: ['errorCode', 'errorDescription'],
    },
  },
  required: ['errorInformation'],
} as { type: 'object' };

const refused = (description: string) => ({ description, content: { 'application/json': { schema: errorInformationSchema } } });

const pathParameter = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'path' as const,
  required: true,
  schema,
  description,
});
const typeParameter = pathParameter('type', 'FSPIOP `PartyIdType`', { type: 'string', enum: [...PARTY_ID_TYPES] });
const idParameter = pathParameter('id', "The party's identifier");
const subIdParameter = pathParameter('subId', "The party's sub-id or type");

/** One callback route's OpenAPI description: the party found (`PUT …`) or the lookup's error (`PUT …/error`). */
const describeCallback = (operationId: string, subId: boolean, error: boolean) =>
  describeRoute({
    operationId,
    tags: ['callbacks'],
    summary: error ? "The switch's error callback for a party lookup (errorInformation)" : "The switch's callback with the party a lookup asked for",
    description:
      'For the Mojaloop switch, not for callers: no bearer token. Accepted only for a party lookup this fleet has ' +
      'outstanding (same Type/ID/SubId, within its window), with a body that passes the FSPIOP API schema and, with ' +
      '`jws.verify`, an `FSPIOP-Signature` that verifies with the key of its `FSPIOP-Source`. Answered at once.',
    security: [],
    parameters: [typeParameter, idParameter, ...(subId ? [subIdParameter] : [])],
    requestBody: {
      required: true,
      content: {
        'application/vnd.interoperability.parties+json;version=1.1': {
          schema: { type: 'object', description: error ? 'ErrorInformationObject' : 'PartiesTypeIDPutResponse' },
        },
      },
    },
    responses: {
      200: { description: 'Taken: handed to the lookup that waits for it' },
      400: refused('Refused: not a PUT, wrong content type, too large, not the API schema, or a signature that does not verify'),
      404: refused('Refused: no lookup of this party is outstanding (unsolicited, late, or already answered)'),
    },
  });

/**
 * Mojaloop FSPIOP callbacks, `PUT /fspiop/parties/{Type}/{ID}[/{SubId}][/error]`, handed to the engine's receiver
 * (`precheck.mojaloopCallback`), which answers every request under the prefix in FSPIOP's own terms (`errorInformation`).
 */
export function addFspiopCallbackRoutes(app: Hono<AppEnv>, engine: Precheck): void {
  const receive = (c: { req: { raw: Request } }) => engine.mojaloopCallback(c.req.raw);
  app.put(`${FSPIOP_PREFIX}/parties/:type/:id`, describeCallback('partyCallback', false, false), receive);
  // `…/{subId}` before `…/error`: a request's log line and metric take the last route it matches (route-template.ts).
  app.put(`${FSPIOP_PREFIX}/parties/:type/:id/:subId`, describeCallback('partySubIdCallback', true, false), receive);
  app.put(`${FSPIOP_PREFIX}/parties/:type/:id/error`, describeCallback('partyErrorCallback', false, true), receive);
  app.put(`${FSPIOP_PREFIX}/parties/:type/:id/:subId/error`, describeCallback('partySubIdErrorCallback', true, true), receive);
}
