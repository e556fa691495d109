import type { Context } from 'hono';
import { pauseNotKept } from '../persistence/durable/pause-not-kept.js';
import type { Decision } from '../core/decision.js';
import type { AppDeps, AppEnv } from './app-env.js';
import type { Caller } from './bearer-tokens.js';
import type { CheckOwners } from './check-owners.js';
import { noteDecision } from './middleware/request-log.js';
import { checkIdOf, isPaused } from './paused-check.js';

async function ownerRecorded(owners: CheckOwners, checkId: string, caller: Caller): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await owners.claim(checkId, caller);
    } catch {
      // The store did not answer: once more, then give up on the id.
    }
  }
  return false;
}

/**
 * What the engine decided (a check or a resume begun at `started`), as answered: a check that paused has its owner
 * recorded first; the decision is counted and noted in the request's log line.
 */
export async function answeredDecision(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'owners' | 'metrics' | 'pauseWaitMs'>,
  started: number,
  decision: Decision,
): Promise<Decision> {
  let answered = decision;
  const checkId = checkIdOf(decision);
  if (checkId !== undefined && isPaused(decision) && !(await ownerRecorded(deps.owners, checkId, c.get('caller')))) {
    // Without its owner the id would answer 404 to its own caller: the pause could not be saved.
    answered = pauseNotKept(decision);
  }
  deps.metrics.decision(answered, (performance.now() - started) / 1000, deps.pauseWaitMs);
  noteDecision(c, answered);
  return answered;
}
