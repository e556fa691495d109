import * as v from 'valibot';
import type { InspectionEvent } from 'xstate';
import type { AccountProvider } from '../../core/account-provider.js';
import { BUILTIN_PROVIDERS, type BuiltinProvider } from '../../providers/builtin-providers.js';
import { MAX_SNAPSHOT_KEYS, MIN_SNAPSHOT_KEY_BYTES } from '../../persistence/snapshot/snapshot-signature.js';
import type { CheckStore } from '../../persistence/store/check-store.js';
import { NAME_CHECK_POLICY } from '../../core/name-check-policy.js';
import { count, defaulted, flag, optional, required, settings } from '../../core/option-values.js';
import { providerContractBreach } from './provider-contract.js';
import { storeContractBreach } from './store-contract.js';
import { httpSettingsSchema } from '../../transport/transport-schema.js';

/**
 * Every option of `createPrecheck` (and `precheckModule`), stated once: its type, its check, its default and what it
 * does. The public option types are inferred from it and docs/configuration.md is generated from it.
 */

/** A value the schema cannot describe by its shape (a store, a provider): refused with what `breach` finds it lacks. */
const contract = <T>(what: string, breach: (value: unknown) => string | undefined) =>
  v.custom<T>((value) => breach(value) === undefined, (issue) => `must be ${what}: it ${breach(issue.input)}`);

const providerSettings = <S extends v.GenericSchema>(schema: S, summary: string) => optional(schema, summary);

/** `providers`: each built-in provider's settings, under its name. */
type ProviderEntries = { [P in BuiltinProvider as P['name']]: ReturnType<typeof providerSettings<P['settingsSchema']>> };

const providers = settings(
  Object.fromEntries(BUILTIN_PROVIDERS.map((provider) => [provider.name, providerSettings(provider.settingsSchema, provider.summary)])) as ProviderEntries,
);

const choice = <const T extends string>(choices: readonly T[]) =>
  v.picklist(choices, `must be ${choices.map((c) => `'${c}'`).join(', ').replace(/, ([^,]+)$/, ' or $1')}`);

/** `nameCheck`: the name-check policy (core/name-check-policy.ts), each entry with its choices, meaning and default. */
const policyEntry = <const E extends { choices: readonly string[]; default: string; summary: string }>(entry: E) =>
  defaulted(choice<E['choices'][number]>(entry.choices), entry.summary, entry.default as E['choices'][number]);

const nameCheck = settings({
  onCloseMatch: policyEntry(NAME_CHECK_POLICY.onCloseMatch),
  onNoMatch: policyEntry(NAME_CHECK_POLICY.onNoMatch),
  onNotPossible: policyEntry(NAME_CHECK_POLICY.onNotPossible),
});

const breaker = v.union(
  [
    v.literal(false),
    settings({
      failureThreshold: defaulted(count(1), 'Consecutive transient failures that open the circuit.', 5),
      cooldownMs: defaulted(count(1), 'How long an open circuit answers at once, before one probe decides.', 30_000),
    }),
  ],
  'must be false, or { failureThreshold?, cooldownMs? }',
);

const cache = v.union(
  [
    v.literal(false),
    settings({
      ttlMs: defaulted(count(0), 'How long a found account is reused; 0: not kept.', 60_000),
      notFoundTtlMs: defaulted(count(0), 'How long "not found" (and "inactive") is reused; 0: not kept.', 5_000),
    }),
  ],
  'must be false, or { ttlMs?, notFoundTtlMs? }',
);

const SNAPSHOT_KEY_MESSAGE = `must be a string of at least ${MIN_SNAPSHOT_KEY_BYTES} bytes (UTF-8)`;
const SNAPSHOT_KEYS_MESSAGE = `must be a list of 1 to ${MAX_SNAPSHOT_KEYS} secrets (the first signs); leave it out to disable signing`;

const snapshotKeys = v.pipe(
  v.array(
    v.pipe(v.string(SNAPSHOT_KEY_MESSAGE), v.check((key) => Buffer.byteLength(key, 'utf8') >= MIN_SNAPSHOT_KEY_BYTES, SNAPSHOT_KEY_MESSAGE)),
    SNAPSHOT_KEYS_MESSAGE,
  ),
  v.minLength(1, SNAPSHOT_KEYS_MESSAGE),
  v.maxLength(MAX_SNAPSHOT_KEYS, SNAPSHOT_KEYS_MESSAGE),
  v.rawCheck<string[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const keys = dataset.value;
    const repeated = keys.findIndex((key, i) => keys.indexOf(key) !== i);
    if (repeated >= 0) {
      addIssue({
        message: 'repeats an earlier key',
        path: [{ type: 'array', origin: 'value', input: keys, key: repeated, value: keys[repeated] }],
      });
    }
  }),
);

export const precheckOptionsSchema = settings({
  providers: required(
    providers,
    'The built-in providers this engine asks, each with its settings. An engine needs at least one provider, here or in `customProviders`.',
  ),
  http: defaulted(
    httpSettingsSchema,
    "How requests are bounded and retried, and every provider's connection pool, proxy and TLS (see [transport.md](transport.md)).",
    {},
  ),
  unverifiable: defaulted(choice(['abort', 'proceed']), 'BEEP 301 (validation not set up for the service): abort, or proceed unverified.', 'abort'),
  namesTimeoutMs: defaulted(count(1), 'How long a check waits for names (`awaitingNames`) before abort `names-required`.', 15 * 60_000),
  confirmPayee: defaulted(
    flag,
    "After a found look-up, wait for the payer to confirm the account name (`awaitingConfirmation`; `check()`: `needs-confirmation`). A request's own `confirmPayee` wins.",
    false,
  ),
  confirmationTimeoutMs: defaulted(count(1), 'How long a check waits in `awaitingConfirmation` before abort `confirmation-timeout`.', 15 * 60_000),
  nameCheck: defaulted(
    nameCheck,
    "What a check with `payeeName` does after each answer of the name check (a match always proceeds). A request's own `nameCheck` wins, field by field.",
    {},
  ),
  deadlineMs: defaulted(count(1), 'Bound on a whole check, retries and back-offs included; past it: retry `timeout`.', 15_000),
  breaker: defaulted(
    breaker,
    'Per provider: after `failureThreshold` consecutive transient failures, checks answer retry `provider-unavailable` at once (no request) for `cooldownMs`; then one probe decides. `false`: no circuit breaker.',
    {},
  ),
  cache: defaulted(
    cache,
    'Reuse of answers that are facts about an account (found, not found); never auth failures, transient failures or timeouts. `false`: nothing is reused.',
    {},
  ),
  singleFlight: defaulted(flag, 'Identical concurrent look-ups (same provider and account) share one request. `false`: each asks.', true),
  maxConcurrency: defaulted(count(1), 'Requests in flight per provider.', 64),
  maxQueue: defaulted(
    count(0),
    'Checks waiting for a slot per provider (their wait counts against the deadline); a full queue answers retry `provider-unavailable` at once.',
    1000,
  ),
  inspect: optional(
    v.custom<(event: InspectionEvent) => void>((value) => typeof value === 'function', 'must be a function'),
    'Receives the XState inspection events of every check (for live visualisers such as Stately Inspector). A throwing callback changes no decision: it is reported once, with `console.warn`.',
    { type: '(event: InspectionEvent) => void' },
  ),
  customProviders: optional(
    v.record(
      v.pipe(v.string(), v.minLength(1, 'names must not be empty')),
      contract<AccountProvider>('an AccountProvider: { displayName, createsAccounts, requiredFields, lookup(), refusal()? }', providerContractBreach),
      'must be an object of providers by name: { name: AccountProvider }',
    ),
    'Your own providers, by the name requests use. The same machine drives them.',
    { type: '{ [name]: AccountProvider }' },
  ),
  store: optional(
    contract<CheckStore>('a CheckStore (memoryStore(), redisStore() from precheck/redis, or one of your own)', storeContractBreach),
    'Where paused checks live, addressed by `checkId`: `memoryStore()` (one process), or `redisStore()` from `precheck/redis` (a fleet: any instance resumes any check, exactly once; answers and outages shared). A store you pass stays yours: the engine\'s `close()` leaves it open (other engines may share it).',
    { type: 'CheckStore', default: '`memoryStore()`' },
  ),
  storeTimeoutMs: defaulted(count(1), 'Bound on every store call; past it the store counts as unavailable (sharing is lost, never correctness). A write (pause, claim, commit) that Redis has not performed within it of leaving the process never is (refused on Redis\'s clock).', 100),
  retentionMs: defaulted(count(1), 'How long a decided check (its decision, for idempotent resumes and `status()`) is kept.', 24 * 60 * 60_000),
  snapshotKeys: optional(
    snapshotKeys,
    `1 to ${MAX_SNAPSHOT_KEYS} distinct secrets of at least ${MIN_SNAPSHOT_KEY_BYTES} bytes (UTF-8) for signing persisted checks (HMAC-SHA-256): the first signs, every one verifies (rotation). With keys, \`restore()\` and \`resume()\` refuse unsigned or altered snapshots, and the whole stored record (decision, \`expiresAt\`, \`waitingFor\`, the \`checkId\` it is filed under) and the fleet's shared answers are signed and verified too. Not encrypted: see [snapshots.md](snapshots.md).`,
    { type: 'string[]', default: 'not signed' },
  ),
});
