import { createActor, type Actor, type InspectionEvent } from 'xstate';
import { decisionOf, needsConfirmationDecision, needsNamesDecision } from '../../machines/precheck.decisions.js';
import type { PauseMeta, PrecheckContext, PrecheckEvent, PrecheckMachine, Verdict } from '../../machines/precheck.machine.js';
import { pauseOf } from '../../machines/precheck.pause.js';
import { echoIntent, echoProvider } from '../../machines/precheck.input.js';
import type { PersistedCheck } from '../persistence/persisted-check.js';
import { readCheckOptions } from './options/read-check-options.js';
import { recordCheckSpan } from './telemetry.js';
import type { Decision } from '../core/decision.js';
import type { PrecheckRequest } from '../core/request.js';
import type { HookIsolation } from '../util/hook-isolation.js';
import type { ChartRunner } from './chart-runner.js';
import type { Rest } from './check-rest.js';

/**
 * What the engine adds to every check: its default `inspect`, the isolation the caller's hooks run in, and the chart
 * runner when the engine's chart runs without actors (chart-path.ts).
 */
export interface CheckHooks {
  inspect?: (event: InspectionEvent) => void;
  isolation: HookIsolation;
  runner?: ChartRunner;
}

export type { Rest };

type Persist = (actor: Actor<PrecheckMachine>) => PersistedCheck;

/**
 * Runs one check to its rest: a decision, or a pause (the actor is snapshotted with `persist`, then stopped).
 * Never throws, never rejects: unusable `options` (check()'s second argument, as given) are abort `invalid-request`
 * with nothing sent, and anything unforeseen ends as abort `unexpected-response`.
 */
export function runCheck(machine: PrecheckMachine, request: unknown, options: unknown, persist: Persist, hooks: CheckHooks): Promise<Rest> {
  try {
    const read = readCheckOptions(options);
    if (!read.valid) {
      return Promise.resolve({ decision: withoutActor(request, { status: 'abort', reason: 'invalid-request', detail: read.message }) });
    }
    const { signal } = read;
    if (signal?.aborted) {
      // Cancelled before it began: nothing is started, nothing is sent.
      return Promise.resolve({ decision: withoutActor(request, { status: 'abort', reason: 'cancelled' }) });
    }
    const inspect = read.inspect ?? hooks.inspect;
    // Inspection events come from actors: a check someone inspects runs on one.
    if (hooks.runner && !inspect) {
      return hooks.runner.run(request, { signal, persist, isolation: hooks.isolation, onFailure: () => internalFailure(request) });
    }
    const actor = createActor(machine, {
      input: request as PrecheckRequest,
      ...(inspect && { inspect: hooks.isolation.wrap('inspect', inspect) }),
    });
    return driveToRest(actor, { signal, persist, isolation: hooks.isolation, start: true, onFailure: () => internalFailure(request) });
  } catch {
    return Promise.resolve({ decision: internalFailure(request) });
  }
}

interface DriveOptions {
  signal?: AbortSignal;
  persist: Persist;
  /** The caller's hooks (telemetry) run behind it: a throwing one changes nothing. */
  isolation: HookIsolation;
  /** Start the actor (a fresh check); a restored actor is already running. */
  start?: boolean;
  /** Sent once the actor is observed: the answer a paused check was waiting for. */
  event?: PrecheckEvent;
  /** Follow it to a decision, through pauses: a wait that is already over ends by its own timeout. */
  untilDecided?: boolean;
  onFailure: () => Decision;
}

/** Follows an actor until it decides or rests in a state tagged `paused`; then stops it. Never rejects. */
export function driveToRest(actor: Actor<PrecheckMachine>, options: DriveOptions): Promise<Rest> {
  return new Promise<Rest>((resolve) => {
    let settled = false;
    let stop = () => {};
    const settle = (rest: Rest) => {
      if (settled) return;
      settled = true;
      try {
        stop();
      } catch {
        // Stopping a broken actor changes no decision.
      }
      resolve(rest);
    };
    const observe = (snapshot: ReturnType<typeof actor.getSnapshot>) => {
      if (settled) return;
      if (snapshot.status === 'done') {
        settle({ decision: snapshot.output as Decision });
        return;
      }
      if (snapshot.status === 'error') {
        settle({ decision: options.onFailure() });
        return;
      }
      const meta = options.untilDecided ? undefined : pauseOf(snapshot);
      if (!meta) return;
      // Where the actor waits for people the check answers the question; its span ends there.
      const decision = meta.waitingFor === 'names' ? needsNamesDecision(snapshot.context) : needsConfirmationDecision(snapshot.context);
      options.isolation.run('telemetry', () => recordCheckSpan(snapshot.context, decision));
      let persisted: PersistedCheck;
      try {
        persisted = options.persist(actor);
      } catch {
        settle({ decision: options.onFailure() });
        return;
      }
      settle({ decision, pause: { meta, persisted, context: snapshot.context } });
    };
    try {
      const cancel = () => actor.send({ type: 'CANCEL' });
      const subscription = actor.subscribe({ next: observe, error: () => settle({ decision: options.onFailure() }) });
      stop = () => {
        subscription.unsubscribe();
        options.signal?.removeEventListener('abort', cancel);
        actor.stop();
      };
      options.signal?.addEventListener('abort', cancel, { once: true });
      if (options.start) actor.start();
      if (options.event) actor.send(options.event);
      // Transitions are synchronous: the actor may already rest without a new snapshot to observe.
      observe(actor.getSnapshot());
    } catch {
      settle({ decision: options.onFailure() });
    }
  });
}

/** Anything unforeseen ends as abort `unexpected-response`: never a rejection, never a throw. */
export function internalFailure(request: unknown): Decision {
  return withoutActor(request, { status: 'abort', reason: 'unexpected-response' }, 'the engine failed unexpectedly');
}

/** A decision for a check that has no actor (not started, or broken), from what can safely be read of the request. */
export function withoutActor(request: unknown, verdict: Verdict, detail?: string): Decision {
  return decisionOf({
    request: undefined,
    provider: echoProvider(request),
    intent: echoIntent(request),
    providerName: echoProvider(request),
    createsAccounts: false,
    attempts: 0,
    startedAt: Date.now(),
    trace: [],
    ...(detail && { answer: { kind: 'unexpected' as const, detail } }),
    verdict,
  });
}
