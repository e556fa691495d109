import type { PauseMeta, PrecheckContext } from '../../machines/precheck.machine.js';
import type { Decision } from '../core/decision.js';
import type { PersistedCheck } from '../persistence/persisted-check.js';

/** Where a check came to rest: its decision, and when it waits for people, what for and its snapshot. */
export interface Rest {
  decision: Decision;
  pause?: { meta: PauseMeta; persisted: PersistedCheck; context: PrecheckContext };
}
