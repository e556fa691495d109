import * as v from 'valibot';
import { basicUser, headerCredential, httpUrl, optional, required, settings } from '../../core/option-values.js';
import { transportField } from '../shared/transport-field.js';

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
  http: transportField(),
});

/** MTN MoMo Open API products a look-up asks: Disbursement for a credit, Collection for a debit. */
export type MtnProduct = 'collection' | 'disbursement';

/** `providers['mtn-momo']`: `{ baseUrl, apiUser, apiKey, subscriptionKeys: { collection?, disbursement? }, targetEnvironment, http? }`. */
export type MtnMomoSettings = v.InferInput<typeof mtnMomoSettingsSchema>;
