import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { Precheck } from '../create-precheck.js';
import type { CheckStore } from '../store/check-store.js';
import type { Decision } from '../core/decision.js';
import type { PrecheckRequest } from '../core/request.js';
import { bounded } from '../util/bounded.js';
import { WWW_AUTHENTICATE, type Authenticator, type Caller } from './auth.js';
import type { CheckOwners } from './check-owners.js';
import { fingerprintOf, parseIdempotencyKey, type IdempotencyRecords, type StoredResponse } from './idempotency.js';
import { readJsonBody } from './json-body.js';
import type { ServiceMetrics } from './metrics.js';
import { describe, documentation } from './openapi.js';
import { isDocsPath, registerDocsRoutes } from './docs-routes.js';
import { problemResponse } from './problem.js';
import { refuseUnlessAwaited, resumeEventOf, type ResumeAction } from './resume-body.js';
import type { RecordQuota } from './record-quota.js';
import { maskPhone, type RequestLogFields, type RequestLogger } from './request-log.js';
import type { DrainTracker } from './shutdown.js';

export interface RouteDeps {
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
  /** How long a paused check waits (for the paused-checks gauge). */
  pauseWaitMs: number;
  version: string;
}

type Env = { Variables: { caller: Caller; log: Partial<RequestLogFields> } };

/** Probes answer while draining (a draining process is alive, and still worth scraping); /readyz says it drains. */
const OPEN_WHILE_DRAINING = new Set(['/healthz', '/metrics']);
const OPEN_WITHOUT_TOKEN = new Set(['/healthz', '/readyz', '/metrics', '/openapi.json']);
/** Seconds a client should wait after a 503 (draining, or the store not answering). */
const RETRY_AFTER_S = '1';

const isPaused = (decision: Decision) => decision.status === 'needs-names' || decision.status === 'needs-confirmation';
const checkIdOf = (decision: Decision) => ('checkId' in decision ? decision.checkId : undefined);

/** A pause whose owner could not be recorded: retry `store-unavailable`, never a pause without the id to continue it. */
function pauseNotSaved(decision: Decision): Decision {
  const { provider, intent, transactionId, attempts, trace } = decision;
  return {
    status: 'retry',
    reason: 'store-unavailable',
    provider,
    intent,
    message: 'The check paused but could not be saved (the store did not answer): check again later.',
    ...(transactionId !== undefined && { transactionId }),
    attempts,
    trace,
  };
}

/** The HTTP face of the engine: every route of the service, with auth, idempotency, logging and metrics around them. */
export function createRoutes(deps: RouteDeps): Hono<Env> {
  const { engine, auth, idempotency, owners, quota, metrics, log, drain } = deps;
  const app = new Hono<Env>();
  const storeUnavailable = () => problemResponse('unavailable', 'The store did not answer; try again.', { 'retry-after': RETRY_AFTER_S });
  const tooManyRecords = (retryAfterMs: number) =>
    problemResponse(
      'too-many-records',
      `This caller already keeps ${quota.maxPerCaller} records (checks that paused, idempotency keys), its quota; nothing ` +
        'was done. Send it again once one has ended (Retry-After), or have the quota raised (--max-records-per-caller).',
      { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
    );

  // Route templates and their methods, read from the routes registered below (for labels, and 405's Allow).
  let templates: { pattern: RegExp; template: string; methods: Set<string> }[] = [];
  const templateOf = (path: string) => templates.find((route) => route.pattern.test(path));

  app.use('*', async (c, next) => {
    const started = performance.now();
    drain.enter();
    c.set('log', {});
    try {
      await next();
    } finally {
      drain.leave();
      if (drain.draining) c.res.headers.set('connection', 'close');
      const route = templateOf(c.req.path)?.template ?? c.req.path.slice(0, 100);
      metrics.request(c.req.method, templateOf(c.req.path) ? route : 'unmatched', c.res.status);
      log({ method: c.req.method, route, status: c.res.status, durationMs: Math.round(performance.now() - started), ...c.get('log') });
    }
  });

  app.use('*', async (c, next) => {
    if (drain.draining && !OPEN_WHILE_DRAINING.has(c.req.path)) {
      return problemResponse('unavailable', 'The service is shutting down; send this request to another instance.', {
        'retry-after': RETRY_AFTER_S,
        connection: 'close',
      });
    }
    if (OPEN_WITHOUT_TOKEN.has(c.req.path) || isDocsPath(c.req.path)) return next();
    const caller = auth.authenticate(c.req.header('authorization'));
    if (caller === undefined) {
      const header = c.req.header('authorization') === undefined ? WWW_AUTHENTICATE : `${WWW_AUTHENTICATE}, error="invalid_token"`;
      return problemResponse('unauthorized', 'Send a valid token: Authorization: Bearer <token>.', { 'www-authenticate': header });
    }
    c.set('caller', caller);
    c.get('log').caller = caller;
    return next();
  });

  /**
   * A POST that answers a decision: body, idempotency, then `run`. The decision is 200 whatever its status; it is
   * stored under the key (retry ones too); an HTTP error frees the key instead.
   */
  async function decide(
    c: Context<Env>,
    options: { optionalBody: boolean; checkId?: string; run: (body: unknown) => Promise<Decision | Response> },
  ): Promise<Response> {
    const caller = c.get('caller');
    const key = parseIdempotencyKey(c.req.header('idempotency-key'));
    if (key instanceof Error) return problemResponse('bad-request', `${key.message}.`);
    const body = await readJsonBody(c.req.raw, { optional: options.optionalBody });
    if (!body.ok) return body.response;
    const fingerprint = fingerprintOf(c.req.method, c.req.path, body.text);
    if (key !== undefined) {
      let begun;
      try {
        begun = await idempotency.begin(caller, key, fingerprint);
      } catch {
        return storeUnavailable();
      }
      if (begun.kind === 'over-quota') return tooManyRecords(begun.retryAfterMs);
      if (begun.kind === 'replay') return replay(c, begun.response);
      if (begun.kind === 'in-progress') return problemResponse('idempotency-key-in-use', 'A request with this Idempotency-Key is still running; retry when it has answered.');
      if (begun.kind === 'mismatch') return problemResponse('idempotency-key-reused', 'This Idempotency-Key was used for another request; use a new key.');
    }
    let outcome: Decision | Response;
    try {
      outcome = await options.run(body.value);
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

  function replay(c: Context<Env>, stored: StoredResponse): Response {
    metrics.replay();
    c.get('log').replayed = true;
    const decision = JSON.parse(stored.body) as Decision;
    noteDecision(c, decision);
    return new Response(stored.body, { status: stored.status, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
  }

  function noteDecision(c: Context<Env>, decision: Decision) {
    const fields = c.get('log');
    fields.decision = decision.status;
    if ('reason' in decision) fields.reason = decision.reason;
    fields.checkId ??= checkIdOf(decision);
  }

  /** Runs the engine, counts and logs its decision, and records who owns a check that paused. */
  async function engineDecision(c: Context<Env>, started: number, decision: Decision): Promise<Decision> {
    let answered = decision;
    const checkId = checkIdOf(decision);
    if (checkId !== undefined && isPaused(decision) && !(await ownerRecorded(checkId, c.get('caller')))) {
      // Without its owner the id would answer 404 to its own caller: the pause could not be saved.
      answered = pauseNotSaved(decision);
    }
    metrics.decision(answered, (performance.now() - started) / 1000, deps.pauseWaitMs);
    noteDecision(c, answered);
    return answered;
  }

  async function ownerRecorded(checkId: string, caller: Caller): Promise<boolean> {
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
   * Runs a new check in a slot of its caller's quota, since it may pause: 429 when there is none. The slot is kept as
   * long as the check's records if it paused, else given back.
   */
  async function inQuotaSlot(caller: Caller, check: () => Promise<Decision>): Promise<Decision | Response> {
    const slot = `check:${randomUUID()}`;
    let counted;
    try {
      counted = await quota.add(caller, slot, deps.requestLeaseMs);
    } catch {
      return storeUnavailable();
    }
    if (!counted.added) return tooManyRecords(counted.retryAfterMs);
    const decision = await check();
    if (isPaused(decision) && checkIdOf(decision) !== undefined) await keepSlot(caller, slot);
    else await quota.remove(caller, slot).catch(() => undefined);
    return decision;
  }

  /** Keeps a paused check's slot as long as its records. Twice, as for its owner: a slot left to end early undercounts. */
  async function keepSlot(caller: Caller, slot: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await quota.add(caller, slot, owners.ttlMs);
        return;
      } catch {
        // The store did not answer: once more, then the slot ends with the request's lease.
      }
    }
  }

  /** Undefined when `caller` owns the check; otherwise the response to give (404, or 503 when the store is silent). */
  async function refuseUnlessOwner(c: Context<Env>, checkId: string): Promise<Response | undefined> {
    c.get('log').checkId = checkId.slice(0, 64);
    try {
      if (await owners.owns(checkId, c.get('caller'))) return undefined;
    } catch {
      return storeUnavailable();
    }
    return problemResponse('not-found', 'No such check (unknown, expired, or not yours).');
  }

  app.post('/v1/checks', describe.createCheck, (c) =>
    decide(c, {
      optionalBody: false,
      run: (body) =>
        inQuotaSlot(c.get('caller'), async () => {
          const started = performance.now();
          if (typeof body === 'object' && body !== null) c.get('log').phone = maskPhone((body as { phone?: unknown }).phone);
          return engineDecision(c, started, await engine.check(body as PrecheckRequest));
        }),
    }),
  );

  app.get('/v1/checks/:checkId', describe.getCheck, async (c) => {
    const checkId = c.req.param('checkId');
    const refused = await refuseUnlessOwner(c, checkId);
    if (refused) return refused;
    const status = await engine.status(checkId);
    if (status === undefined) return problemResponse('not-found', 'No such check (unknown, expired, or not yours).');
    if (status.state === 'unavailable') return storeUnavailable();
    if (status.state === 'decided') noteDecision(c, status.decision);
    return c.json(status);
  });

  const resumeRoute = (action: ResumeAction, spec: typeof describe.names) =>
    app.post(`/v1/checks/:checkId/${action}`, spec, (c) => {
      const checkId = c.req.param('checkId');
      return decide(c, {
        optionalBody: action !== 'names',
        checkId,
        run: async (body) => {
          // A body that is not what the event needs (400), or an event the check does not wait for (409): unchanged.
          const resumeEvent = resumeEventOf(action, body);
          if (resumeEvent instanceof Response) return resumeEvent;
          const refused = (await refuseUnlessOwner(c, checkId)) ?? (await refuseUnlessAwaited(engine, checkId, resumeEvent));
          if (refused) return refused;
          const started = performance.now();
          const decision = await engine.resume(checkId, resumeEvent);
          metrics.continued(checkId, decision);
          return engineDecision(c, started, decision);
        },
      });
    });

  resumeRoute('names', describe.names);
  resumeRoute('confirm', describe.confirm);
  resumeRoute('reject', describe.reject);
  resumeRoute('cancel', describe.cancel);

  app.get('/healthz', describe.healthz, (c) => c.json({ status: 'ok' }));

  app.get('/readyz', describe.readyz, async (c) => {
    if (drain.draining) return problemResponse('unavailable', 'The service is shutting down.', { 'retry-after': RETRY_AFTER_S });
    try {
      await bounded(deps.store.ping(), Math.max(deps.storeTimeoutMs, 1000));
    } catch {
      return problemResponse('unavailable', 'The store does not answer.', { 'retry-after': RETRY_AFTER_S });
    }
    return c.json({ status: 'ready' });
  });

  app.get('/metrics', describe.metrics, async (c) => {
    const text = await metrics.registry.metrics();
    return c.body(text, 200, { 'content-type': metrics.registry.contentType });
  });

  registerDocsRoutes(app, { engine, refuseUnlessOwner, storeUnavailable });

  // hono-openapi's own handler leaves its route out of the document; this one is in it, like every route.
  let document: Promise<unknown> | undefined;
  app.get('/openapi.json', describe.openapi, async (c) => c.json(await (document ??= generateSpecs(app, documentation(deps.version, quota.maxPerCaller)))));

  templates = app.routes
    .filter((route) => route.method !== 'ALL')
    .reduce<typeof templates>((list, route) => {
      const template = route.path.replace(/:(\w+)/g, '{$1}');
      let entry = list.find((known) => known.template === template);
      if (!entry) {
        const pattern = new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`);
        entry = { pattern, template, methods: new Set() };
        list.push(entry);
      }
      entry.methods.add(route.method);
      if (route.method === 'GET') entry.methods.add('HEAD');
      return list;
    }, []);

  app.notFound((c) => {
    const route = templateOf(c.req.path);
    if (route) {
      const allow = [...route.methods].join(', ');
      return problemResponse('method-not-allowed', `${c.req.method} is not allowed here; use ${allow}.`, { allow });
    }
    return problemResponse('not-found', 'No such route.');
  });

  app.onError((error, c) => {
    c.get('log').problem = error instanceof Error ? error.name : 'error';
    return problemResponse('internal-error', 'Something went wrong on our side; the request may be retried.');
  });

  return app;
}
