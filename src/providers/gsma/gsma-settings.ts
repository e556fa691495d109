import * as v from 'valibot';
import { basicUser, defaulted, headerCredential, httpUrl, optional, required, settings } from '../../core/option-values.js';
import { GSMA_IDENTIFIER_TYPES } from './identifier-types.js';
import { transportField } from '../shared/transport-field.js';

const AUTH_MESSAGE = "must be { type: 'basic', username, password } or { type: 'oauth2', tokenUrl, clientId, clientSecret }";

export const gsmaAuthSchema = v.variant(
  'type',
  [
    settings({
      type: required(v.literal('basic'), '`basic`: `Authorization: Basic` on every request (the GSMA simulator\'s development level).'),
      username: required(basicUser, "With `type: 'basic'`: the user name."),
      password: required(headerCredential, "With `type: 'basic'`: the password."),
    }),
    settings({
      type: required(v.literal('oauth2'), '`oauth2`: OAuth 2.0 client credentials, a token from `tokenUrl`, then `Authorization: Bearer` on every request.'),
      tokenUrl: required(httpUrl, "With `type: 'oauth2'`: where tokens are asked for."),
      clientId: required(basicUser, "With `type: 'oauth2'`: the client id."),
      clientSecret: required(headerCredential, "With `type: 'oauth2'`: the client secret."),
    }),
  ],
  (issue) => (issue.path?.at(-1)?.key === 'type' ? "must be 'basic' or 'oauth2'" : AUTH_MESSAGE),
);

export const gsmaSettingsSchema = settings({
  baseUrl: required(
    httpUrl,
    'Everything before `/accounts/…`, e.g. `https://sandbox.mobilemoneyapi.io/simulator/v1.2/passthrough/mm` (every request path is appended to it).',
  ),
  auth: required(gsmaAuthSchema, "`{ type: 'basic', username, password }` or `{ type: 'oauth2', tokenUrl, clientId, clientSecret }`."),
  apiKey: optional(headerCredential, 'Sent as `X-API-Key`, when the provider authenticates clients by API key too.'),
  identifierType: defaulted(
    v.picklist(GSMA_IDENTIFIER_TYPES, `must be one of ${GSMA_IDENTIFIER_TYPES.join(', ')}`),
    "How accounts are identified: `msisdn` takes the request's `phone`; any other type (`accountid`, `walletid`, …) the request's `accountNumber`.",
    'msisdn',
  ),
  http: transportField(),
});

/** `{ type: 'basic', username, password }` or `{ type: 'oauth2', tokenUrl, clientId, clientSecret }`. */
export type GsmaAuth = v.InferInput<typeof gsmaAuthSchema>;

/** `providers.gsma`: `{ baseUrl, auth, apiKey?, identifierType?, http? }`. */
export type GsmaSettings = v.InferInput<typeof gsmaSettingsSchema>;
