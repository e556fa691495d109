import type { Decision } from '../core/decision.js';

export const isPaused = (decision: Decision) => decision.status === 'needs-names' || decision.status === 'needs-confirmation';

export const checkIdOf = (decision: Decision) => ('checkId' in decision ? decision.checkId : undefined);
