import * as v from 'valibot';
import { PARTY_ID_TYPES } from '../../core/party-id-type.js';

/*
 * The bodies a party lookup receives, as `@mojaloop/api-snippets` defines them (FSPIOP 1.1 and 2.0):
 * `PartiesTypeIDPutResponse`, `ErrorInformationObject`, and the SDK scheme adapter's `partiesByIdResponse` (its
 * `party.body`). test/mojaloop-conformance.test.ts checks them against the OpenAPI documents.
 */

const text = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));

/** `Name` parts: letters, marks, digits, connectors, space and `.,'-` (FirstName.yaml's pattern). */
const namePart = v.pipe(text(1, 128), v.regex(/^(?!\s*$)[\p{L}\p{M}\p{Nd}\p{Pc}\u200C\u200D .,'-]{1,128}$/u));

/**
 * The schemas of one API version: FSPIOP 2.0 closes every object (`additionalProperties: false`); 1.0 and 1.1 leave
 * them open (unknown keys are dropped, not refused).
 */
function schemasOf(strict: boolean) {
  const object = <E extends v.ObjectEntries>(entries: E) => (strict ? v.strictObject(entries) : v.object(entries));
  const extensionList = object({
    extension: v.pipe(v.array(object({ key: text(1, 32), value: text(1, 128) })), v.minLength(1), v.maxLength(16)),
  });
  const partyIdInfo = object({
    partyIdType: v.picklist(PARTY_ID_TYPES),
    partyIdentifier: text(1, 128),
    partySubIdOrType: v.optional(text(1, 128)),
    fspId: v.optional(text(1, 32)),
    extensionList: v.optional(extensionList),
  });
  const party = object({
    partyIdInfo,
    merchantClassificationCode: v.optional(v.pipe(v.string(), v.regex(/^[\d]{1,4}$/))),
    name: v.optional(text(1, 128)),
    personalInfo: v.optional(
      object({
        complexName: v.optional(object({ firstName: v.optional(namePart), middleName: v.optional(namePart), lastName: v.optional(namePart) })),
        dateOfBirth: v.optional(v.pipe(v.string(), v.regex(DATE_OF_BIRTH))),
        kycInformation: v.optional(text(1, 2048)),
      }),
    ),
    supportedCurrencies: v.optional(v.pipe(v.array(currencySchema), v.maxLength(16))),
  });
  const errorInformation = object({
    errorCode: v.pipe(v.string(), v.regex(/^[1-9]\d{3}$/)),
    errorDescription: text(1, 128),
    extensionList: v.optional(extensionList),
  });
  return {
    party,
    errorInformation,
    /** `PUT /parties/{Type}/{ID}[/{SubId}]`. */
    partiesPut: object({ party }),
    /** `PUT /parties/{Type}/{ID}[/{SubId}]/error`. */
    errorInformationObject: object({ errorInformation }),
  };
}

/** DateOfBirth.yaml's pattern: a real calendar date, 29 February in leap years only. */
const DATE_OF_BIRTH =
  /^(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)$/;

export const currencySchema = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/));

/** FSPIOP 2.0's closed objects. */
export const strictSchemas = schemasOf(true);
/** FSPIOP 1.0 / 1.1's open objects (and the SDK adapter's party body, read the same way). */
export const openSchemas = schemasOf(false);

export const partySchema = openSchemas.party;
export const errorInformationSchema = openSchemas.errorInformation;
/** `PUT /parties/…` as FSPIOP 2.0 has it (the strictest). */
export const partiesPutSchema = strictSchemas.partiesPut;
export const errorInformationObjectSchema = strictSchemas.errorInformationObject;

export type PartyBody = v.InferOutput<typeof partySchema>;
export type ErrorInformation = v.InferOutput<typeof errorInformationSchema>;

/** What the receiver hands the waiting lookup, through the relay (JSON). */
export type CallbackPayload = { kind: 'party'; party: PartyBody } | { kind: 'error'; errorInformation: ErrorInformation };

export const callbackPayloadSchema = v.variant('kind', [
  v.object({ kind: v.literal('party'), party: partySchema }),
  v.object({ kind: v.literal('error'), errorInformation: errorInformationSchema }),
]);
