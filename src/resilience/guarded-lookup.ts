import type { AccountProvider, LookupOutcome } from '../core/account-provider.js';
import { INTENTS, type LookupTarget } from '../core/request.js';
import { AnswerCache } from './answer-cache.js';
import { Bulkhead, QUEUE_FULL } from './bulkhead.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { FleetAnswers, type FleetSettings } from './fleet-answers.js';
import { lookupKey } from './lookup-key.js';
import { SingleFlight } from './single-flight.js';
import { cancelledBy, type Pending } from './pending.js';
import { credentialForms, redactOutcome } from '../core/redact.js';

export interface GuardSettings {
  cache: { ttlMs: number; notFoundTtlMs: number };
  breaker: { failureThreshold: number; cooldownMs: number } | false;
  singleFlight: boolean;
  maxConcurrency: number;
  maxQueue: number;
}

type Started =
  | { kind: 'cached'; answer: LookupOutcome }
  | { kind: 'ask'; key: string; run: (signal: AbortSignal) => Promise<LookupOutcome> };

const noop = () => {};

/** Per provider: its circuit and its bulkhead. */
interface ProviderGuards {
  breaker?: CircuitBreaker;
  bulkhead: Bulkhead;
}

/**
 * A provider's lookup behind the engine's protections, in this order: answer cache, single flight (identical
 * concurrent lookups share one request), circuit breaker, bulkhead. Resolves, like a provider, for every outcome.
 * With a fleet (`redisStore`), the cache and the single flight are also the fleet's (the local cache in front), and
 * circuits that open are told to the other instances as hints.
 */
export class GuardedLookup {
  private readonly cache: AnswerCache;
  private readonly flights = new SingleFlight<LookupOutcome>();
  private readonly guards = new Map<string, ProviderGuards>();
  private readonly fleet?: FleetAnswers;
  /** Every form of every credential (see `credentialForms`), as redacted from answers. */
  private readonly redacted: string[];

  constructor(
    private readonly findProvider: (name: string) => AccountProvider | undefined,
    private readonly settings: GuardSettings,
    /** Every configured credential: taken out of provider answers before they are kept or decided on. */
    private readonly secrets: readonly string[] = [],
    fleet?: FleetSettings,
  ) {
    this.cache = new AnswerCache(settings.cache.ttlMs, settings.cache.notFoundTtlMs);
    this.redacted = credentialForms(secrets);
    if (fleet) {
      // Every instance of a fleet is configured with the same credentials: they key the digests.
      this.fleet = new FleetAnswers(fleet, secrets.join('\u0000'));
      fleet.share.onInvalidate((key) => this.cache.delete(key));
      // Invalidations sent while this instance was not listening were missed: its local answers may be stale.
      fleet.share.onResubscribed?.(() => this.cache.clear());
      fleet.share.onCircuitOpen((provider, until) => this.hintCircuitOpen(provider, until));
    }
  }

  /**
   * One lookup, with one AbortController of its own (shared with every identical lookup in flight under single
   * flight): `cancel()` gives it up. An answer from the cache is there at once.
   */
  begin(target: LookupTarget): Pending<LookupOutcome> {
    const started = this.start(target);
    if (started.kind === 'cached') return { promise: Promise.resolve(started.answer), cancel: noop };
    if (this.settings.singleFlight) return this.flights.join(started.key, started.run);
    const controller = new AbortController();
    return { promise: started.run(controller.signal), cancel: () => controller.abort() };
  }

  /**
   * The same for a caller that has its own signal, aborted when it gives up (a lookup actor's): that signal is the
   * lookup's when nothing is shared, so that no second controller is made.
   */
  lookup(target: LookupTarget, signal: AbortSignal): Promise<LookupOutcome> {
    const started = this.start(target);
    if (started.kind === 'cached') return Promise.resolve(started.answer);
    if (!this.settings.singleFlight) return started.run(signal);
    return cancelledBy(this.flights.join(started.key, started.run), signal);
  }

  /** The cached answer, or how to ask the provider (and keep its answer), under the lookup's key. */
  private start(target: LookupTarget): Started {
    const key = this.keyOf(target);
    const cached = this.cache.get(key);
    if (cached) return { kind: 'cached', answer: cached };
    const askAndKeep = async (askSignal: AbortSignal) => {
      const outcome = redactOutcome(await this.ask(target, askSignal), this.redacted);
      if (!askSignal.aborted) this.cache.set(key, outcome);
      return outcome;
    };
    const fleet = this.fleet;
    const run = fleet
      ? (askSignal: AbortSignal) =>
          fleet.lookup(
            key,
            askSignal,
            () => askAndKeep(askSignal),
            (outcome) => this.cache.ttlOf(outcome),
            (outcome, ttlMs) => this.cache.set(key, outcome, Date.now(), ttlMs),
          )
      : askAndKeep;
    return { kind: 'ask', key, run };
  }

  /**
   * Forgets the cached answers for this account (e.g. once a credit has created it), whatever the intent (MTN keeps
   * one per product), in this process and, with a fleet, in every instance: resolves once they will see it. Answers
   * whether there was one. Never rejects.
   */
  async invalidate(target: LookupTarget): Promise<boolean> {
    const keys = new Set(INTENTS.map((intent) => this.keyOf({ ...target, intent })));
    let forgotten = false;
    for (const key of keys) {
      const local = this.cache.delete(key);
      const shared = this.fleet ? await this.fleet.invalidate(key) : false;
      forgotten = local || shared || forgotten;
    }
    return forgotten;
  }

  /** Another instance opened its circuit for `provider` until `until`: this one stops sending until then too. */
  hintCircuitOpen(provider: string, until: number): void {
    if (this.findProvider(provider)) this.guardsOf(provider).breaker?.hint(until);
  }

  /** Local keys are the lookup key itself; a fleet's are its digest, the same in every instance. */
  private keyOf(target: LookupTarget): string {
    const key = lookupKey(target, this.findProvider(target.provider)?.answerScope?.(target));
    return this.fleet ? this.fleet.digest(key) : key;
  }

  /** The circuit state per provider that has been asked: `closed`, `open`, `halfOpen`, `probing`, `hinted`. */
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
      const fleet = this.fleet;
      const tellFleet = fleet && ((until: number) => void fleet.call(() => fleet.share.publishCircuitOpen(name, until), true));
      guards = {
        breaker: breaker ? new CircuitBreaker(breaker, tellFleet) : undefined,
        bulkhead: new Bulkhead(maxConcurrency, maxQueue),
      };
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
