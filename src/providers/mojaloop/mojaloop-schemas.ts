import * as v from 'valibot';
import { PARTY_ID_TYPES } from '../../core/party-id-type.js';

/*
 * The bodies a party lookup receives, as `@mojaloop/api-snippets` defines them (FSPIOP 1.1 and 2.0: every object
 * `additionalProperties: false`): `PartiesTypeIDPutResponse`, `ErrorInformationObject`, and the SDK scheme adapter's
 * `partiesByIdResponse`. test/mojaloop-conformance.test.ts checks them against the OpenAPI documents.
 */

const text = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));

/** `Name` parts: letters, marks, digits, connectors, space and `.,'-` (FirstName.yaml's pattern). */
const namePart = v.pipe(text(1, 128), v.regex(/^(?!\s*$)[\p{L}\p{M}\p{Nd}\p{Pc}\u200C\u200D .,'-]{1,128}$/u));

export const extensionListSchema = v.strictObject({
  extension: v.pipe(v.array(v.strictObject({ key: text(1, 32), value: text(1, 128) })), v.minLength(1), v.maxLength(16)),
});

export const currencySchema = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));

export const partyIdInfoSchema = v.strictObject({
  partyIdType: v.picklist(PARTY_ID_TYPES),
  partyIdentifier: text(1, 128),
  partySubIdOrType: v.optional(text(1, 128)),
  fspId: v.optional(text(1, 32)),
  extensionList: v.optional(extensionListSchema),
});

export const partySchema = v.strictObject({
  partyIdInfo: partyIdInfoSchema,
  merchantClassificationCode: v.optional(v.pipe(v.string(), v.regex(/^[\d]{1,4}$/))),
  name: v.optional(text(1, 128)),
  personalInfo: v.optional(
    v.strictObject({
      complexName: v.optional(
        v.strictObject({ firstName: v.optional(namePart), middleName: v.optional(namePart), lastName: v.optional(namePart) }),
      ),
      dateOfBirth: v.optional(v.pipe(v.string(), v.regex(/^(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)$/))),
      kycInformation: v.optional(text(1, 2048)),
    }),
  ),
  supportedCurrencies: v.optional(v.pipe(v.array(currencySchema), v.maxLength(16))),
});

/** `PUT /parties/{Type}/{ID}[/{SubId}]`. */
export const partiesPutSchema = v.strictObject({ party: partySchema });

export const errorInformationSchema = v.strictObject({
  errorCode: v.pipe(v.string(), v.regex(/^[1-9]\d{3}$/)),
  errorDescription: text(1, 128),
  extensionList: v.optional(extensionListSchema),
});

/** `PUT /parties/{Type}/{ID}[/{SubId}]/error`. */
export const errorInformationObjectSchema = v.strictObject({ errorInformation: errorInformationSchema });

export type PartyBody = v.InferOutput<typeof partySchema>;
export type ErrorInformation = v.InferOutput<typeof errorInformationSchema>;

/** What the receiver hands the waiting lookup, through the relay (JSON). */
export type CallbackPayload = { kind: 'party'; party: PartyBody } | { kind: 'error'; errorInformation: ErrorInformation };

export const callbackPayloadSchema = v.variant('kind', [
  v.object({ kind: v.literal('party'), party: partySchema }),
  v.object({ kind: v.literal('error'), errorInformation: errorInformationSchema }),
]);
