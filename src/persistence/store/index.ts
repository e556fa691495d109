export { memoryStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export type { CheckRecord, CheckStore, ClaimResult, FleetShare, QuotaResult, SharedAnswer, WaitingFor } from './check-store.js';
export { LateWriteError, UnusableRecordError } from './store-errors.js';
