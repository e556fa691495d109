import * as v from 'valibot';
import { count, flag, httpUrl, optional, required, settings } from '../../core/option-values.js';
import { transportField } from '../shared/transport-field.js';

export const MOJALOOP_MODES = ['sdk', 'fspiop'] as const;
export const MOJALOOP_API_VERSIONS = ['1.1', '2.0'] as const;

/** An FSP id as FSPIOP has it (`FspId`: 1 to 32 characters), usable as an HTTP header value. */
export const fspIdSchema = v.pipe(
  v.string('must be a string'),
  v.regex(/^[\x21-\x7E]{1,32}$/, 'must be an FSP id: 1 to 32 visible ASCII characters, no spaces'),
);

/** A PEM public key or certificate, as text or the path of a file holding it (as `tls`). */
const pemOrPath = v.pipe(v.string('must be PEM text or a file path'), v.minLength(1, 'must be PEM text or a file path'));

export const mojaloopJwsSchema = settings({
  verify: required(flag, '`true`: a callback is accepted only with an `FSPIOP-Signature` that verifies with the key of its `FSPIOP-Source` (RS256 or ES256).'),
  keys: required(
    v.record(fspIdSchema, pemOrPath, 'must be an object: { [fspId]: PEM text or file path }'),
    'Each signing FSP\'s public key (or certificate), by its FSP id: PEM text or the path of a PEM file. The switch\'s own id too when it signs its error callbacks.',
  ),
});

/** Fields that only `mode: 'fspiop'` reads: refused in `mode: 'sdk'`, where nothing would use them. */
export const FSPIOP_ONLY = ['fspId', 'destination', 'apiVersion', 'callbackTimeoutMs', 'jws'] as const;

const entries = settings({
  mode: required(
    v.picklist(MOJALOOP_MODES, "must be 'sdk' or 'fspiop'"),
    "`sdk`: `baseUrl` is a Mojaloop SDK scheme adapter's outbound API, one synchronous GET. `fspiop`: `baseUrl` is the switch; it answers `202` and the party comes by callback (`precheck.mojaloopCallback`).",
  ),
  baseUrl: required(
    httpUrl,
    "The scheme adapter's outbound API (`sdk`) or the switch's FSPIOP API (`fspiop`): everything before `/parties/…`.",
  ),
  fspId: optional(fspIdSchema, 'With `fspiop` (required there): our FSP id, sent as `FSPIOP-Source`.'),
  destination: optional(fspIdSchema, "With `fspiop`: sent as `FSPIOP-Destination`; left out, the switch's account lookup service finds the party's FSP."),
  apiVersion: optional(v.picklist(MOJALOOP_API_VERSIONS, "must be '1.1' or '2.0'"), 'With `fspiop`: the FSPIOP API version of `Accept` and `Content-Type`.', {
    default: "`'1.1'`",
  }),
  callbackTimeoutMs: optional(
    count(1),
    "With `fspiop`: how long a lookup waits for the switch's callback; bounded by the attempt's `http.timeoutMs` (less 50 ms, so that a missing callback is told from an attempt cut short). Past it: retry `provider-unavailable`.",
    { default: 'the attempt\'s `timeoutMs`' },
  ),
  jws: optional(mojaloopJwsSchema, 'With `fspiop`: verify the callbacks\' signatures (`FSPIOP-Signature`).', { default: 'not verified' }),
  http: transportField(),
});

export const mojaloopSettingsSchema = v.pipe(
  entries,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const value = dataset.value;
    if (value.mode === 'fspiop' && value.fspId === undefined) {
      addIssue({ message: "needs fspId with mode 'fspiop' (our FSP id, sent as FSPIOP-Source)", path: [pathItem(value, 'fspId')] });
    }
    if (value.mode === 'sdk') {
      for (const key of FSPIOP_ONLY) {
        if (value[key] !== undefined) addIssue({ message: `is only read with mode 'fspiop': remove it, or set mode: 'fspiop'`, path: [pathItem(value, key)] });
      }
    }
  }),
);

function pathItem(value: Record<string, unknown>, key: string): v.IssuePathItem {
  return { type: 'object', origin: 'value', input: value, key, value: value[key] };
}

export const DEFAULT_MOJALOOP_API_VERSION = '1.1';

/** `providers.mojaloop`: `{ mode, baseUrl, fspId?, destination?, apiVersion?, callbackTimeoutMs?, jws?, http? }`. */
export type MojaloopSettings = v.InferInput<typeof mojaloopSettingsSchema>;
export type MojaloopJwsSettings = v.InferInput<typeof mojaloopJwsSchema>;
