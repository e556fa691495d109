import type { CheckRecord } from '../store/check-store.js';

/**
 * Why a record a store answered for `checkId` cannot be continued by this engine (a record of another release, or
 * edited), or undefined when it can. A store hands back whatever it holds; only this decides what is claimed.
 */
export function unusableBecause(record: CheckRecord, checkId: string): string | undefined {
  const fields = record as unknown as Record<string, unknown>;
  if (fields.checkId !== checkId) return 'it belongs to another check';
  if (!Number.isSafeInteger(fields.version) || (fields.version as number) < 1) return `its version is ${JSON.stringify(fields.version)}`;
  switch (fields.state) {
    case 'decided':
      return isObject(fields.decision) && typeof fields.decision.status === 'string' ? undefined : 'it is decided without a decision';
    case 'running':
    case 'paused':
      if (fields.waitingFor !== 'names' && fields.waitingFor !== 'confirmation') return 'it waits for nothing this engine knows';
      if (!Number.isFinite(fields.expiresAt)) return 'it has no expiry';
      if (fields.state === 'running' && !Number.isFinite(fields.leaseUntil)) return 'it is running without a lease';
      return isObject(fields.decision) ? undefined : 'it has no decision to answer';
    default:
      return `its state is ${JSON.stringify(fields.state)}`;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
