import * as v from 'valibot';
import { credential, defaulted, httpUrl, required, settings } from '../../core/option-values.js';
import { DEFAULT_BEEP_PATH } from './beep-path.js';
import { transportField } from '../shared/transport-field.js';

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
  http: transportField(),
});

/** `providers.beep`: `{ baseUrl, username, password, path?, http? }`. */
export type BeepSettings = v.InferInput<typeof beepSettingsSchema>;
