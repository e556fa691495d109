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
}

export type CircuitBreakerEvent =
  | { type: 'REQUEST_SUCCEEDED' }
  | { type: 'REQUEST_FAILED' }
  | { type: 'PROBE_SENT' };

/**
 * One provider endpoint's circuit. Closed: requests flow, transient failures are counted. Open: no request is sent
 * until the cool-down ends. Half-open: one probe is let through; its answer closes or re-opens the circuit.
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
  },
  delays: {
    cooldown: ({ context }) => context.cooldownMs,
  },
}).createMachine({
  id: 'circuitBreaker',
  context: ({ input }) => ({ ...input, consecutiveFailures: 0, openedAt: 0 }),
  initial: 'closed',
  states: {
    closed: {
      on: {
        REQUEST_SUCCEEDED: { actions: 'forgetFailures' },
        REQUEST_FAILED: [
          { guard: 'failureThresholdReached', target: 'open' },
          { actions: 'countFailure' },
        ],
      },
    },
    open: {
      entry: 'noteOpening',
      after: { cooldown: { target: 'halfOpen' } },
    },
    halfOpen: {
      on: { PROBE_SENT: { target: 'probing' } },
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
