import type { Context } from 'hono';
import type { Decision } from '../core/decision.js';
import type { AppDeps, AppEnv } from './app-env.js';
import { storeUnavailable, tooManyRecords } from './common-problems.js';
import { fingerprintOf, parseIdempotencyKey, type StoredResponse } from './idempotency.js';
import { readJsonBody } from './json-body.js';
import { noteDecision } from './middleware/request-log.js';
import { problemResponse } from './problem.js';

export interface DecisionPost {
  /** The resume routes other than `names` take an empty body. */
  optionalBody: boolean;
  /** What the POST does with its body: a decision, or the HTTP error it deserves. */
  run: (body: unknown) => Promise<Decision | Response>;
}

type Deps = Pick<AppDeps, 'idempotency' | 'quota' | 'metrics'>;

/**
 * A POST that answers a decision: body, `Idempotency-Key`, then `run`. The decision is 200 whatever its status; it is
 * stored under the key (retry ones too), and the same request with the same key answers it again; an HTTP error
 * frees the key instead.
 */
export async function answerOnce(c: Context<AppEnv>, deps: Deps, post: DecisionPost): Promise<Response> {
  const { idempotency, quota } = deps;
  const caller = c.get('caller');
  const key = parseIdempotencyKey(c.req.header('idempotency-key'));
  if (key instanceof Error) return problemResponse('bad-request', `${key.message}.`);
  const body = await readJsonBody(c.req.raw, { optional: post.optionalBody });
  if (!body.ok) return body.response;
  const fingerprint = fingerprintOf(c.req.method, c.req.path, body.text);
  if (key !== undefined) {
    let begun;
    try {
      begun = await idempotency.begin(caller, key, fingerprint);
    } catch {
      return storeUnavailable();
    }
    if (begun.kind === 'over-quota') return tooManyRecords(quota.maxPerCaller, begun.retryAfterMs);
    if (begun.kind === 'replay') return replay(c, deps, begun.response);
    if (begun.kind === 'in-progress') return problemResponse('idempotency-key-in-use', 'A request with this Idempotency-Key is still running; retry when it has answered.');
    if (begun.kind === 'mismatch') return problemResponse('idempotency-key-reused', 'This Idempotency-Key was used for another request; use a new key.');
  }
  let outcome: Decision | Response;
  try {
    outcome = await post.run(body.value);
  } catch (error) {
    if (key !== undefined) await idempotency.abandon(caller, key).catch(() => undefined);
    throw error;
  }
  if (outcome instanceof Response) {
    if (key !== undefined) await idempotency.abandon(caller, key).catch(() => undefined);
    return outcome;
  }
  const response: StoredResponse = { status: 200, body: JSON.stringify(outcome) };
  // Not stored: the key stays "in progress" until its lease ends, then a retry runs again. The decision stands.
  if (key !== undefined) await idempotency.finish(caller, key, fingerprint, response).catch(() => undefined);
  return new Response(response.body, { status: 200, headers: { 'content-type': 'application/json' } });
}

/** The stored response, marked `Idempotent-Replayed`; counted and logged as a replay, not as a new decision. */
function replay(c: Context<AppEnv>, deps: Deps, stored: StoredResponse): Response {
  deps.metrics.replay();
  c.get('log').replayed = true;
  noteDecision(c, JSON.parse(stored.body) as Decision);
  return new Response(stored.body, { status: stored.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
}
