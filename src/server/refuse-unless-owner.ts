import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';
import type { CheckOwners } from './check-owners.js';
import { storeUnavailable } from './common-problems.js';
import { problemResponse } from './problem.js';

/**
 * Undefined when the request's caller owns the check; otherwise the response to give (404, as for an unknown id, or
 * 503 when the store is silent). Notes the check id in the request's log line.
 */
export async function refuseUnlessOwner(c: Context<AppEnv>, owners: CheckOwners, checkId: string): Promise<Response | undefined> {
  c.get('log').checkId = checkId.slice(0, 64);
  try {
    if (await owners.owns(checkId, c.get('caller'))) return undefined;
  } catch {
    return storeUnavailable();
  }
  return problemResponse('not-found', 'No such check (unknown, expired, or not yours).');
}
