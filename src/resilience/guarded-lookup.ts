import type { AccountProvider, LookupOutcome } from '../providers/account-provider.js';
import type { LookupTarget } from '../types/request.js';
import { AnswerCache } from './answer-cache.js';
import { Bulkhead, QUEUE_FULL } from './bulkhead.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { lookupKey } from './lookup-key.js';
import { SingleFlight } from './single-flight.js';
import { redactOutcome } from '../util/redact.js';

export interface GuardSettings {
  cache: { ttlMs: number; notFoundTtlMs: number };
  breaker: { failureThreshold: number; cooldownMs: number } | false;
  singleFlight: boolean;
  maxConcurrency: number;
  maxQueue: number;
}

/** Per provider: its circuit and its bulkhead. */
interface ProviderGuards {
  breaker?: CircuitBreaker;
  bulkhead: Bulkhead;
}

/**
 * A provider's lookup behind the engine's protections, in this order: answer cache, single flight (identical
 * concurrent lookups share one request), circuit breaker, bulkhead. Resolves, like a provider, for every outcome.
 */
export class GuardedLookup {
  private readonly cache: AnswerCache;
  private readonly flights = new SingleFlight<LookupOutcome>();
  private readonly guards = new Map<string, ProviderGuards>();

  constructor(
    private readonly findProvider: (name: string) => AccountProvider | undefined,
    private readonly settings: GuardSettings,
    /** Every configured credential: taken out of provider answers before they are kept or decided on. */
    private readonly secrets: readonly string[] = [],
  ) {
    this.cache = new AnswerCache(settings.cache.ttlMs, settings.cache.notFoundTtlMs);
  }

  lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const key = lookupKey(target);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const askAndKeep = async (askSignal: AbortSignal) => {
      const outcome = redactOutcome(await this.ask(target, askSignal), this.secrets);
      if (!askSignal.aborted) this.cache.set(key, outcome);
      return outcome;
    };
    return this.settings.singleFlight ? this.flights.run(key, signal, askAndKeep) : askAndKeep(signal);
  }

  /** Forgets the cached answer for this account (e.g. once a credit has created it). */
  invalidate(target: LookupTarget): boolean {
    return this.cache.delete(lookupKey(target));
  }

  /** The circuit state per provider that has been asked: `closed`, `open`, `halfOpen`, `probing`. */
  circuitStates(): Record<string, string> {
    const states: Record<string, string> = {};
    for (const [name, guards] of this.guards) if (guards.breaker) states[name] = guards.breaker.state;
    return states;
  }

  stop(): void {
    for (const guards of this.guards.values()) guards.breaker?.stop();
  }

  private async ask(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const provider = this.findProvider(target.provider);
    if (!provider) return { kind: 'unexpected', detail: `provider "${target.provider}" is not registered` };
    const { breaker, bulkhead } = this.guardsOf(target.provider);
    // An open circuit answers at once, without queueing behind requests already in flight.
    const openFor = breaker?.openFor();
    if (openFor !== undefined) return circuitOpen(openFor);
    let outcome: LookupOutcome | typeof QUEUE_FULL;
    try {
      outcome = await bulkhead.run(signal, async () => {
        const admission = breaker?.admit() ?? { admitted: true };
        if (!admission.admitted) return circuitOpen(admission.retryAfterMs);
        const answer = await provider.lookup(target, signal).catch(
          (): LookupOutcome => ({ kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: 'lookup failed' } }),
        );
        breaker?.record(answer);
        return answer;
      });
    } catch {
      // Given up while queued: the check has already moved on.
      outcome = { kind: 'unavailable', reason: 'provider-unavailable', providerStatus: { code: 'cancelled while queued' } };
    }
    if (outcome === QUEUE_FULL) {
      return { kind: 'unavailable', reason: 'provider-unavailable', shed: 'queue-full', providerStatus: { code: 'queue full' } };
    }
    return outcome;
  }

  private guardsOf(name: string): ProviderGuards {
    let guards = this.guards.get(name);
    if (!guards) {
      const { breaker, maxConcurrency, maxQueue } = this.settings;
      guards = { breaker: breaker ? new CircuitBreaker(breaker) : undefined, bulkhead: new Bulkhead(maxConcurrency, maxQueue) };
      this.guards.set(name, guards);
    }
    return guards;
  }
}

function circuitOpen(retryAfterMs: number): LookupOutcome {
  return {
    kind: 'unavailable',
    reason: 'provider-unavailable',
    retryAfterMs,
    shed: 'circuit-open',
    providerStatus: { code: 'circuit open' },
  };
}
