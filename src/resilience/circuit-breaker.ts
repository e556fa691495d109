import { createActor, type Actor } from 'xstate';
import { circuitBreakerMachine, type CircuitBreakerInput } from '../../machines/circuit-breaker.machine.js';
import type { LookupOutcome } from '../core/account-provider.js';
import { unrefClock } from './unref-clock.js';

export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/** The circuit of one provider endpoint, driven by the `circuitBreaker` machine. */
export class CircuitBreaker {
  private readonly actor: Actor<typeof circuitBreakerMachine>;

  constructor(
    settings: CircuitBreakerInput,
    /** Told each time this circuit opens on what this instance saw (not on a hint), with when its cool-down ends. */
    onOpen?: (until: number) => void,
  ) {
    this.actor = createActor(circuitBreakerMachine, { input: settings, clock: unrefClock }).start();
    if (onOpen) {
      let previous = this.state;
      this.actor.subscribe(({ value, context }) => {
        if (value === 'open' && previous !== 'open') onOpen(context.openedAt + context.cooldownMs);
        previous = String(value);
      });
    }
  }

  /** `closed`, `open`, `halfOpen`, `probing` or `hinted` (open on another instance's word). */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  /** While the circuit is open (or hinted open): the remaining cool-down in ms. Otherwise undefined. Changes nothing. */
  openFor(now = Date.now()): number | undefined {
    const { value, context } = this.actor.getSnapshot();
    if (value === 'open') return Math.max(0, context.openedAt + context.cooldownMs - now);
    if (value === 'hinted') return Math.max(0, context.hintedUntil - now);
    return undefined;
  }

  /** Another instance opened its circuit for this endpoint until `until`: a hint, taken only while closed or half-open. */
  hint(until: number, now = Date.now()): void {
    if (Number.isFinite(until) && until > now) this.actor.send({ type: 'OPEN_ELSEWHERE', until });
  }

  /** May a request be sent now? In half-open, the first caller becomes the probe. */
  admit(now = Date.now()): Admission {
    const { value, context } = this.actor.getSnapshot();
    if (value === 'closed') return { admitted: true };
    if (value === 'halfOpen') {
      this.actor.send({ type: 'PROBE_SENT' });
      return { admitted: true };
    }
    const remaining =
      value === 'open' ? context.openedAt + context.cooldownMs - now : value === 'hinted' ? context.hintedUntil - now : context.cooldownMs;
    return { admitted: false, retryAfterMs: Math.max(0, remaining) };
  }

  /** Transient failures count against the circuit; any other answer shows the endpoint is up. */
  record(outcome: LookupOutcome): void {
    const failed = outcome.kind === 'unavailable';
    const { value, context } = this.actor.getSnapshot();
    // The common case, a success on a healthy circuit, changes nothing: skip the event.
    if (!failed && value === 'closed' && context.consecutiveFailures === 0) return;
    this.actor.send({ type: failed ? 'REQUEST_FAILED' : 'REQUEST_SUCCEEDED' });
  }

  stop(): void {
    this.actor.stop();
  }
}
