import { assign, setup } from 'xstate';

export interface CircuitBreakerInput {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe is let through. */
  cooldownMs: number;
}

export interface CircuitBreakerContext extends CircuitBreakerInput {
  consecutiveFailures: number;
  /** When the circuit last opened (ms since epoch), to tell callers the remaining cool-down. */
  openedAt: number;
  /** Until when another instance of the fleet said this endpoint's circuit is open (ms since epoch). */
  hintedUntil: number;
}

export type CircuitBreakerEvent =
  | { type: 'REQUEST_SUCCEEDED' }
  | { type: 'REQUEST_FAILED' }
  | { type: 'PROBE_SENT' }
  /** Another instance of the fleet opened its circuit for this endpoint, until `until` (ms since epoch). */
  | { type: 'OPEN_ELSEWHERE'; until: number };

/**
 * One provider endpoint's circuit. Closed: requests flow, transient failures are counted. Open: no request is sent
 * until the cool-down ends. Half-open: one probe is let through; its answer closes or re-opens the circuit.
 * Hinted: another instance of the fleet opened its circuit; no request is sent until its cool-down ends (never longer
 * than this one's), then this instance probes for itself. A hint never opens the circuit: this breaker stays the
 * authority on what this instance saw.
 */
export const circuitBreakerMachine = setup({
  types: {
    context: {} as CircuitBreakerContext,
    events: {} as CircuitBreakerEvent,
    input: {} as CircuitBreakerInput,
  },
  guards: {
    failureThresholdReached: ({ context }) => context.consecutiveFailures + 1 >= context.failureThreshold,
  },
  actions: {
    countFailure: assign({ consecutiveFailures: ({ context }) => context.consecutiveFailures + 1 }),
    forgetFailures: assign({ consecutiveFailures: 0 }),
    noteOpening: assign({ openedAt: () => Date.now(), consecutiveFailures: 0 }),
    noteHint: assign({
      hintedUntil: ({ context, event }) =>
        Math.min(event.type === 'OPEN_ELSEWHERE' ? event.until : 0, Date.now() + context.cooldownMs),
    }),
  },
  delays: {
    cooldown: ({ context }) => context.cooldownMs,
    hintEnds: ({ context }) => Math.max(0, context.hintedUntil - Date.now()),
  },
}).createMachine({
  id: 'circuitBreaker',
  context: ({ input }) => ({ ...input, consecutiveFailures: 0, openedAt: 0, hintedUntil: 0 }),
  initial: 'closed',
  states: {
    closed: {
      on: {
        REQUEST_SUCCEEDED: { actions: 'forgetFailures' },
        REQUEST_FAILED: [
          { guard: 'failureThresholdReached', target: 'open' },
          { actions: 'countFailure' },
        ],
        OPEN_ELSEWHERE: { target: 'hinted', actions: 'noteHint' },
      },
    },
    open: {
      entry: 'noteOpening',
      after: { cooldown: { target: 'halfOpen' } },
    },
    halfOpen: {
      on: { PROBE_SENT: { target: 'probing' }, OPEN_ELSEWHERE: { target: 'hinted', actions: 'noteHint' } },
    },
    hinted: {
      after: { hintEnds: { target: 'halfOpen' } },
    },
    probing: {
      on: {
        REQUEST_SUCCEEDED: { target: 'closed', actions: 'forgetFailures' },
        REQUEST_FAILED: { target: 'open' },
      },
    },
  },
});

export type CircuitBreakerMachine = typeof circuitBreakerMachine;
