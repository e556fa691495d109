export { createPrecheck, precheckFrom } from './engine/create-precheck.js';
export { precheckModule } from './engine/container-module.js';
export type { Precheck } from './engine/create-precheck.js';
export { createContainer } from './engine/container.js';
export { PrecheckConfigError } from './engine/options/read-options.js';
export { PrecheckSnapshotError, SNAPSHOT_FORMAT_VERSION } from './persistence/persisted-check.js';
export type { PersistedCheck } from './persistence/persisted-check.js';
export { precheckMachine } from '../machines/precheck.machine.js';
export type { PrecheckContext, PrecheckEvent, PrecheckMachine } from '../machines/precheck.machine.js';
export { renderPath } from './render-path.js';
export type { PathSource } from './render-path.js';
export { ACCOUNT_PROVIDER, NAME_MATCHER, PRECHECK_MACHINE, PRECHECK_OPTIONS } from './engine/di-tokens.js';
export { BMO_HTTP, BMO_SETTINGS } from './providers/bmo/bmo-definition.js';
export { BEEP_HTTP, BEEP_SETTINGS } from './providers/beep/beep-definition.js';
export type { AccountProvider, LookupOutcome, ProviderStatus, RequestField } from './core/account-provider.js';
export type {
  AbortDecision,
  AbortReason,
  Account,
  Decision,
  DecisionStatus,
  NeedsConfirmationDecision,
  NeedsNamesDecision,
  PayeeNameCheck,
  ProceedDecision,
  RetryDecision,
  RetryReason,
  Trace,
  TraceEntry,
  TraceTransition,
} from './core/decision.js';
export type { BmoSettings } from './providers/bmo/bmo-settings.js';
export type { BeepSettings } from './providers/beep/beep-settings.js';
export type { MtnMomoSettings, MtnProduct } from './providers/mtn-momo/mtn-momo-settings.js';
export type { GsmaAuth, GsmaSettings } from './providers/gsma/gsma-settings.js';
export type { MojaloopJwsSettings, MojaloopSettings } from './providers/mojaloop/mojaloop-settings.js';
export type { CallbackRelay, CallbackWait } from './core/callback-relay.js';
export type { PartyIdType } from './core/party-id-type.js';
export type {
  CheckOptions,
  CheckStatus,
  HttpSettings,
  PrecheckOptions,
  ResumeEvent,
} from './engine/options/precheck-options.js';
export type { TlsSettings, TransportSettings } from './transport/transport-settings.js';
export { LateWriteError, memoryStore, UnusableRecordError } from './persistence/store/index.js';
export type { CheckRecord, CheckStore, ClaimResult, FleetShare, MemoryStoreOptions, QuotaResult, SharedAnswer, WaitingFor } from './persistence/store/index.js';
export type { GsmaIdentifierType } from './providers/gsma/identifier-types.js';
export type { Intent, LookupTarget, NameCheckPolicy, Names, PrecheckRequest } from './core/request.js';
export { matchPayeeName } from './name-check/index.js';
export type { HeldPayeeName, PayeeNameCode, PayeeNameMatch, PayeeNameMatcher, PayeeNameOutcome } from './name-check/index.js';
