import type { Precheck } from '../engine/create-precheck.js';
import type { CheckStore } from '../persistence/store/check-store.js';
import type { Authenticator, Caller } from './bearer-tokens.js';
import type { CheckOwners } from './check-owners.js';
import type { IdempotencyRecords } from './idempotency.js';
import type { ServiceMetrics } from './metrics.js';
import type { RecordQuota } from './record-quota.js';
import type { RequestLogFields, RequestLogger } from './request-logger.js';
import type { DrainTracker } from './shutdown.js';

/** What the service's middleware and routes are built from (`createServer` assembles it). */
export interface AppDeps {
  engine: Precheck;
  store: CheckStore;
  storeTimeoutMs: number;
  auth: Authenticator;
  idempotency: IdempotencyRecords;
  owners: CheckOwners;
  quota: RecordQuota;
  /** How long a request may run (`requestLeaseMs`): a check holds a slot of its caller's quota this long. */
  requestLeaseMs: number;
  metrics: ServiceMetrics;
  log: RequestLogger;
  drain: DrainTracker;
  /** Whether this app receives the Mojaloop switch's callbacks under `/fspiop` (not when they have a listener of their own). */
  fspiopCallbacks: boolean;
  /** How long a paused check waits (for the paused-checks gauge). */
  pauseWaitMs: number;
  version: string;
}

/** What a request carries through the middleware: its caller (once authenticated) and its log line's fields. */
export type AppEnv = { Variables: { caller: Caller; log: Partial<RequestLogFields> } };
