export { createPrecheck, precheckFrom } from './create-precheck.js';
export { precheckModule } from './container-module.js';
export type { Precheck } from './create-precheck.js';
export { createContainer } from './container.js';
export { PrecheckConfigError } from './options/read-options.js';
export { PrecheckSnapshotError, SNAPSHOT_FORMAT_VERSION } from './persistence.js';
export type { PersistedCheck } from './persistence.js';
export { precheckMachine } from '../machines/precheck.machine.js';
export type { PrecheckContext, PrecheckEvent, PrecheckMachine } from '../machines/precheck.machine.js';
export { renderPath } from './render-path.js';
export type { PathSource } from './render-path.js';
export { ACCOUNT_PROVIDER, NAME_MATCHER, PRECHECK_MACHINE, PRECHECK_OPTIONS } from './tokens.js';
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
export type {
  CheckOptions,
  CheckStatus,
  HttpSettings,
  PrecheckOptions,
  ResumeEvent,
} from './types/options.js';
export type { TlsSettings, TransportSettings } from './transport/transport-settings.js';
export { LateWriteError, memoryStore, UnusableRecordError } from './store/index.js';
export type { CheckRecord, CheckStore, ClaimResult, FleetShare, MemoryStoreOptions, QuotaResult, SharedAnswer, WaitingFor } from './store/index.js';
export type { GsmaIdentifierType } from './providers/gsma/identifier-types.js';
export type { Intent, LookupTarget, NameCheckPolicy, Names, PrecheckRequest } from './core/request.js';
export { matchPayeeName } from './name-check/index.js';
export type { HeldPayeeName, PayeeNameCode, PayeeNameMatch, PayeeNameMatcher, PayeeNameOutcome } from './name-check/index.js';
