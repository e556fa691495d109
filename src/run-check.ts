import { createActor } from 'xstate';
import { decisionOf, needsConfirmationDecision, needsNamesDecision } from '../machines/precheck.decisions.js';
import type { PrecheckContext, PrecheckMachine, Verdict } from '../machines/precheck.machine.js';
import { pauseOf } from '../machines/precheck.pause.js';
import { recordCheckSpan } from './telemetry.js';
import { echoIntent, echoProvider } from '../machines/precheck.input.js';
import type { Decision } from './types/decision.js';
import type { PrecheckRequest } from './types/request.js';
import type { CheckOptions } from './types/options.js';

/**
 * Runs one check to its decision. Where the actor would wait for names, answers `needs-names` and stops it.
 * Never rejects: anything unforeseen ends as abort `unexpected-response`.
 */
export function runCheck(machine: PrecheckMachine, request: unknown, options?: CheckOptions): Promise<Decision> {
  return new Promise<Decision>((resolve) => {
    let settled = false;
    const signal = options?.signal;
    let stop = () => {};
    const settle = (decision: Decision) => {
      if (settled) return;
      settled = true;
      stop();
      resolve(decision);
    };
    // Where the actor would wait for people, check() answers the question and the check's span ends there.
    const settleAtQuestion = (decision: Decision, context: PrecheckContext) => {
      recordCheckSpan(context, decision);
      settle(decision);
    };
    if (signal?.aborted) {
      // Cancelled before it began: nothing is started, nothing is sent.
      settle(withoutActor(request, { status: 'abort', reason: 'cancelled' }));
      return;
    }
    try {
      const actor = createActor(machine, { input: request as PrecheckRequest, ...(options?.inspect && { inspect: options.inspect }) });
      const cancel = () => actor.send({ type: 'CANCEL' });
      const subscription = actor.subscribe({
        next(snapshot) {
          if (snapshot.status === 'done') {
            settle(snapshot.output);
            return;
          }
          const pause = pauseOf(snapshot);
          if (pause?.waitingFor === 'names') settleAtQuestion(needsNamesDecision(snapshot.context), snapshot.context);
          else if (pause?.waitingFor === 'confirmation') {
            settleAtQuestion(needsConfirmationDecision(snapshot.context), snapshot.context);
          }
        },
        error: () => settle(internalFailure(request)),
      });
      stop = () => {
        subscription.unsubscribe();
        signal?.removeEventListener('abort', cancel);
        actor.stop();
      };
      signal?.addEventListener('abort', cancel, { once: true });
      actor.start();
    } catch {
      settle(internalFailure(request));
    }
  });
}

/** Anything unforeseen ends as abort `unexpected-response`: never a rejection, never a throw. */
function internalFailure(request: unknown): Decision {
  return withoutActor(request, { status: 'abort', reason: 'unexpected-response' }, 'the engine failed unexpectedly');
}

/** A decision for a check that has no actor (not started, or broken), from what can safely be read of the request. */
function withoutActor(request: unknown, verdict: Verdict, detail?: string): Decision {
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
