import * as v from 'valibot';
import { DEFAULT_BEEP_PATH } from '../providers/beep/beep-path.js';
import { GSMA_IDENTIFIER_TYPES } from '../providers/gsma/identifier-types.js';
import { basicUser, credential, defaulted, headerCredential, httpUrl, optional, required, settings } from './option-values.js';
import { transportSettingsSchema } from './transport-schema.js';

const transport = () =>
  optional(transportSettingsSchema, "This provider's connection pool, proxy and TLS: each field replaces the engine-wide `http` one.", {
    default: '`http`',
  });

export const bmoSettingsSchema = settings({
  baseUrl: required(httpUrl, 'B-MO\'s API, e.g. `https://svc.test.bestcash.me`.'),
  apiKey: required(headerCredential, 'Sent as a header: visible ASCII or Latin-1 only (U+0021–U+007E, U+00A1–U+00FF, spaces between).'),
  apiSecret: required(headerCredential, 'Sent as a header, like `apiKey`.'),
  http: transport(),
});

const BEEP_PATH_MESSAGE = 'must be an absolute path of letters, digits and . _ ~ / -';

export const beepSettingsSchema = settings({
  baseUrl: required(httpUrl, "BEEP's API: any URL without user info (`user:pw@`)."),
  username: required(credential, 'Sent in the JSON body.'),
  password: required(credential, 'Sent in the JSON body.'),
  path: defaulted(
    v.pipe(
      v.string(BEEP_PATH_MESSAGE),
      v.regex(/^\/[A-Za-z0-9._~/-]*$/, BEEP_PATH_MESSAGE),
      v.check((path) => !path.includes('..'), BEEP_PATH_MESSAGE),
    ),
    'The payments endpoint, after `baseUrl`.',
    DEFAULT_BEEP_PATH,
  ),
  http: transport(),
});

/** A target environment is a word (`sandbox`, `mtnbenin`): it travels as a header value. */
const TARGET_ENVIRONMENT_MESSAGE = 'must be a word such as sandbox or mtnbenin (letters, digits, _ and -)';

export const mtnMomoSettingsSchema = settings({
  baseUrl: required(httpUrl, 'e.g. `https://proxy.momoapi.mtn.com` (production) or `https://sandbox.momodeveloper.mtn.com`; may carry a path.'),
  apiUser: required(basicUser, 'The API user (a UUID): the user name of the token request\'s Basic authentication.'),
  apiKey: required(headerCredential, 'The API key: the password of the token request\'s Basic authentication.'),
  subscriptionKeys: required(
    v.pipe(
      settings({
        collection: optional(headerCredential, 'The Collection product\'s key: a debit needs it.'),
        disbursement: optional(headerCredential, 'The Disbursement product\'s key: a credit needs it.'),
      }),
      v.check(
        (keys) => keys.collection !== undefined || keys.disbursement !== undefined,
        'needs a key for collection (debits), disbursement (credits), or both',
      ),
    ),
    '`Ocp-Apim-Subscription-Key` per product: a credit asks the Disbursement product, a debit the Collection product, each with its own key and token (`POST /{product}/token/`, Basic `apiUser:apiKey`). A check whose product has no key is refused (`invalid-request`) before any request.',
  ),
  targetEnvironment: required(
    v.pipe(v.string(TARGET_ENVIRONMENT_MESSAGE), v.regex(/^[A-Za-z0-9_-]{1,64}$/, TARGET_ENVIRONMENT_MESSAGE)),
    '`X-Target-Environment`: `sandbox`, or `mtn` + the country (`mtnbenin`, `mtnghana`, `mtnuganda`, …).',
  ),
  http: transport(),
});

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
  http: transport(),
});
