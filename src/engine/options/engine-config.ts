import type { GuardSettings } from '../../resilience/guarded-lookup.js';
import type { SnapshotKey } from '../../persistence/snapshot/snapshot-signature.js';
import type { ProviderTransports } from '../../transport/read-transport.js';
import type { NameCheckPolicy } from '../../core/request.js';

/** The engine's options read and defaulted (`readOptions`): what the container, the chart and the providers use. */
export interface EngineConfig {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  unverifiable: 'abort' | 'proceed';
  namesTimeoutMs: number;
  confirmPayee: boolean;
  confirmationTimeoutMs: number;
  /** `nameCheck`, every field defaulted. */
  nameCheck: NameCheckPolicy;
  deadlineMs: number;
  guards: GuardSettings;
  /** The credentials (keys, secrets, passwords), as configured: they also key the fleet's digests. */
  secrets: string[];
  /** Every form of every credential, usernames included (see `credentialForms`): cut out of whatever a provider says. */
  credentialForms: string[];
  /** Bound on every store call. */
  storeTimeoutMs: number;
  /** How long a decided check is kept in the store. */
  retentionMs: number;
  /** `snapshotKeys`: the first signs persisted checks, every one verifies them; none: snapshots are not signed. */
  snapshotKeys: SnapshotKey[];
  /** Each configured built-in provider's connection pool, proxy and TLS. */
  transports: ProviderTransports;
}
