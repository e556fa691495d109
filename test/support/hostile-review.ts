/**
 * The findings of issue 10 ("hardening from a hostile review") and the rule that now holds for each, for
 * docs/reliability.md. Each is reproduced by a test in test/hardening.test.ts, test/hardening-config.test.ts or
 * (snapshots) test/snapshot-hardening.test.ts.
 */
export const HOSTILE_REVIEW: readonly [finding: string, rule: string][] = [
  [
    '1. Decompression bomb: the 64 KiB bound applied to the declared length, not to the decoded bytes',
    'Requests ask for `Accept-Encoding: identity`. A body is read at most 64 KiB **after decoding**, chunk by chunk, and cancelling stops the decoder. ' +
      'An answer encoded anyway is decoded as read if its codings are gzip, x-gzip or deflate (any number of layers: their window is 32 KiB); ' +
      'any other coding (br, whose window can be 16 MiB; zstd; unknown) is not read at all. Too large or not read: abort `unexpected-response` ' +
      'for any status below 500; a 5xx stays retry `provider-unavailable` (its status decides, its body is never needed). ' +
      'Sandbox: `…903`/`903001` gzip,gzip (2.5 KB → 1 GiB), `…904`/`904001` br (203 B → 256 MiB), `…905`/`905001` 503 + gzip,gzip: ' +
      'each decided in tens of milliseconds, the process growing by less than 64 MiB (eight at once included).',
  ],
  [
    '2, 3. Snapshots: a corrupted one kills the process; a forged one is trusted field by field',
    "Snapshots are validated against the chart and can be signed (`snapshotKeys`, HMAC-SHA-256); see 'Snapshot signing' below",
  ],
  [
    '4. Credentials partly redacted: searched for after the text was normalised, stripped and cut',
    'Every credential (B-MO key and secret, BEEP username and password) is searched for in the raw provider text in each of its forms ' +
      '(as configured, NFC, NFD, NFKC, and each of these without control or format characters), again after NFC and after invisible ' +
      'characters are removed, all before the text is cut to its length; a text whose NFKC form still holds one is withheld whole ' +
      '(`[redacted]`). Credentials shorter than 4 characters are not searched for.',
  ],
  [
    '5. Hooks change decisions: a throwing tracer or `inspect` callback',
    'Span recording and every `inspect` callback (the engine\'s, a check\'s own, a restored actor\'s) run in a try/catch: a throwing hook ' +
      'changes no decision, never rejects, never crashes. It is reported once per kind (telemetry, inspect) per engine, with `console.warn`.',
  ],
  [
    "6. `check()` rejects or throws for a bad second argument",
    "`check()`'s options are read once, inside a try/catch: anything but `undefined`, `null` or an object whose `signal` is an " +
      '`AbortSignal` and whose `inspect` is a function (each optional) is abort `invalid-request`, with nothing sent.',
  ],
  [
    '7. Configuration mistakes become an endless "unavailable"',
    'Refused at start-up (`PrecheckConfigError`, never quoting the value): a base URL with any user info (`user@`, `:password@`, even an ' +
      'empty `@`); a B-MO `apiKey` or `apiSecret` (sent as header values) that is not visible ASCII or Latin-1 (U+0021–U+007E, ' +
      'U+00A1–U+00FF, spaces only between them). BEEP credentials travel in the JSON body: any non-empty string. CLI: a provider ' +
      'environment with some but not all of its variables exits 2 naming the missing ones; `--timeout-ms`, `--retries` and the other ' +
      'numeric engine flags (and their `PRECHECK_*` variables), `--bmo-port`, `--beep-port` take plain decimal digits in range, else ' +
      'exit 2 naming the range; a yes-or-no (`PRECHECK_CONFIRM_PAYEE`, `--confirm-payee=…`) is `true`, `false`, `1` or `0` in any case, ' +
      'else exit 2 naming the variable and those values; a flag or variable with a fixed set of values (`--provider`, `--intent`, ' +
      '`--unverifiable`, `PRECHECK_GSMA_IDENTIFIER_TYPE`) refuses any other, listing them; under `--json` an error is ' +
      '`{"status":"error","error":…,"message":…}` on stdout, `error` being `"usage"` or `"configuration"` (exit 2), or `"runtime"` (exit 1).',
  ],
  [
    '8. Bidi and zero-width characters pass',
    'Request text fields (provider, accountNumber, serviceCode, transactionId, names, `extra` keys and string values) refuse Unicode ' +
      'format characters (category Cf: U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF, …): abort `invalid-request`, nothing sent. ' +
      'Provider answers lose them, with control characters, before anything keeps or shows them.',
  ],
  [
    '9. Timer overflow: computed delays and `Retry-After` unbounded',
    'Every computed delay (deadline, names and confirmation waits, back-off) is an integer in [0, 2^31−1] ms, so a timer never fires early. ' +
      "A decision's `retryAfterMs` is an integer in [0, 24 h] whatever gave it (Retry-After seconds or date, a custom provider, a " +
      "circuit's cool-down): 400 nines or 3,000,000 s are 24 h.",
  ],
];
