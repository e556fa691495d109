import type { Container } from 'inversify';
import type { Actor } from 'xstate';
import { persistCheck, restoreCheck, type PersistedCheck } from '../persistence/persisted-check.js';
import type { PrecheckMachine } from '../../machines/precheck.machine.js';
import { assembleEngine, type EngineParts } from './engine-parts.js';
import { assembledModule } from './container-module.js';
import { inversify } from './inversify.js';
import { internalFailure, runCheck } from './run-check.js';
import { chartRunnerFor } from './chart-path.js';
import { requireSomeProvider } from './options/read-options.js';
import { validateRequest } from '../core/validate-request.js';
import {
  CHECK_STORE,
  ENGINE_CONFIG,
  GUARDED_LOOKUP,
  CALLBACK_RECEIVERS,
  HOOK_ISOLATION,
  PRECHECK_MACHINE,
  PRECHECK_OPTIONS,
  PROVIDER_POOLS,
  PROVIDER_REGISTRY,
} from './di-tokens.js';
import { DurableChecks } from '../persistence/durable/durable-checks.js';
import { RecordSignatures } from '../persistence/snapshot/record-signature.js';
import { warmUp } from './warm-up.js';
import type { Decision } from '../core/decision.js';
import type { CheckOptions, CheckStatus, PrecheckOptions, ResumeEvent } from './options/precheck-options.js';
import type { PrecheckRequest } from '../core/request.js';

export interface Precheck {
  /**
   * Decides one pre-check. Never rejects: every outcome, bad input and cancellation included, is a `Decision`.
   *
   * @example
   * const decision = await precheck.check({ provider: 'bmo', intent: 'debit', phone: '+2290197000001' });
   * if (decision.status === 'proceed') debit();
   */
  check(request: PrecheckRequest, options?: CheckOptions): Promise<Decision>;
  /** The machine with this engine's providers supplied: input = request, output = decision. */
  readonly machine: PrecheckMachine;
  /**
   * Forgets the cached answer for the request's account, e.g. once a credit has created it; with a fleet store, in
   * every instance (resolves once they will see it). Answers whether there was one; an invalid request is ignored.
   * Never rejects.
   */
  invalidate(request: PrecheckRequest): Promise<boolean>;
  /** Each asked provider's circuit: `closed`, `open`, `halfOpen` (next check probes) or `probing`. */
  circuits(): Record<string, string>;
  /**
   * A JSON-safe snapshot of a running check (with `formatVersion`, without credentials), to resume elsewhere;
   * signed (HMAC-SHA-256, `signature`) with the first of `snapshotKeys` when they are configured.
   */
  persist(actor: Actor<PrecheckMachine>): PersistedCheck;
  /**
   * A running actor from `persist()`'s snapshot. Throws `PrecheckSnapshotError`, synchronously, for a snapshot of
   * another format, one the chart could not have written (state, context, request, output), or — with
   * `snapshotKeys` — one that is unsigned or whose signature does not verify.
   */
  restore(persisted: PersistedCheck): Actor<PrecheckMachine>;
  /**
   * Continues a paused check (`needs-names`, `needs-confirmation`) by its `checkId`, on any instance: exactly once,
   * idempotent (a decided check answers its stored decision). Never rejects: unknown or malformed id, or a stored record
   * this engine cannot use → abort `check-not-found`; the store not answering, or another resume holding the check
   * past the deadline → retry `store-unavailable` (nothing changed, nor will later). Answers within `deadlineMs` (plus
   * `storeTimeoutMs`), in at most 20 store round trips.
   */
  resume(checkId: string, event: ResumeEvent): Promise<Decision>;
  /** A check's state by `checkId`: paused (for what, until when) or decided; undefined when unknown or purged. */
  status(checkId: string): Promise<CheckStatus | undefined>;
  /**
   * Stops the circuit breakers' timers, closes the store only when the engine created it (a `store` you passed stays
   * open and yours to close: other engines may share it), and closes every provider's connection pool: resolves once
   * their sockets are closed (requests in flight end first, each within its attempt's bound). Checks after it answer
   * retry `provider-unavailable`. Never rejects.
   */
  close(): Promise<void>;
  /**
   * Mojaloop FSPIOP's callback receiver, fetch-style, for an embedder to mount under any prefix in any server: a `PUT`
   * whose path ends in `/parties/{Type}/{ID}[/{SubId}][/error]`. It answers at once: `200` when the callback is for a
   * lookup this engine (or its fleet, with a fleet store) has outstanding, passes the API's schema and, with
   * `jws.verify`, its signature verifies; anything else `400` or `404` with an FSPIOP `errorInformation` body, and no
   * check changes. Never rejects.
   */
  mojaloopCallback(request: Request): Promise<Response>;
  /**
   * An inversify container holding this engine's parts (the objects its checks use), made on first read: inversify
   * loads then, never for a check. To replace a binding before the engine is built, use `createContainer` (or your
   * own container with `precheckModule`) and `precheckFrom`.
   */
  readonly container: Container;
}

/**
 * Builds an engine. Throws `PrecheckConfigError` (at start-up) when the options are unusable: an unknown key, a value
 * of the wrong type or out of range, a store that is not a `CheckStore`, or no provider at all. Its parts are
 * assembled without a container; `precheck.container` (with inversify) is made on first read.
 */
export function createPrecheck(options: PrecheckOptions): Precheck {
  requireSomeProvider(options);
  const parts = assembleEngine(options);
  let container: Container | undefined;
  return precheckOf(parts, () => {
    if (!container) {
      container = new (inversify().Container)();
      container.load(assembledModule(parts));
    }
    return container;
  });
}

/** The engine from a container that has `precheckModule(options)` loaded (yours, or `createContainer`'s). */
export function precheckFrom(container: Container): Precheck {
  const parts: Omit<EngineParts, 'builtins' | 'matchName' | 'relay'> = {
    options: container.get(PRECHECK_OPTIONS),
    machine: container.get(PRECHECK_MACHINE),
    lookup: container.get(GUARDED_LOOKUP),
    findProvider: container.get(PROVIDER_REGISTRY),
    hooks: container.get(HOOK_ISOLATION),
    receivers: container.get(CALLBACK_RECEIVERS),
    config: container.get(ENGINE_CONFIG),
    store: container.get(CHECK_STORE),
    pools: container.get(PROVIDER_POOLS),
  };
  return precheckOf(parts, () => container);
}

function precheckOf(parts: Omit<EngineParts, 'builtins' | 'matchName' | 'relay'>, containerOf: () => Container): Precheck {
  const { options, machine, lookup, findProvider, hooks, store, pools, receivers } = parts;
  // Read once: the caller's inspect runs isolated, so that a throwing one changes no decision.
  const inspect = options.inspect;
  const isolatedInspect = inspect && hooks.wrap('inspect', inspect);
  const runner = chartRunnerFor(machine, { inspecting: inspect !== undefined });
  const snapshots = { machine, findProvider, keys: parts.config.snapshotKeys };
  // A store passed in is the caller's (another engine may use it); only the one the engine made is the engine's to close.
  const ownStore = options.store === undefined;
  // `precheck.machine` run as an actor does not pass through check()'s warm-up: start loading the transport now, so
  // that a first lookup on that path does not spend its attempt's bound on it (check() still waits for it).
  void pools.ready();
  const persist = (actor: Actor<PrecheckMachine>) => persistCheck(actor, snapshots.keys);
  // A stored wait that is over ends at once, by the chart's own timeout transition.
  const expiring = machine.provide({ delays: { namesTimeout: 0, confirmationTimeout: 0 } });
  const durable = new DurableChecks({
    store,
    config: parts.config,
    persist,
    hooks,
    records: new RecordSignatures(snapshots.keys),
    restore: (persisted, expired) =>
      restoreCheck(persisted, expired ? { ...snapshots, machine: expiring } : snapshots, isolatedInspect),
  });
  return {
    machine,
    get container() {
      return containerOf();
    },
    async check(request, checkOptions) {
      try {
        // Only the first checks of a process wait (for what they load), before their clocks start.
        const warming = warmUp(pools, request);
        if (warming) await warming;
        return await durable.save(await runCheck(machine, request, checkOptions, persist, { inspect, isolation: hooks, runner }));
      } catch {
        return internalFailure(request);
      }
    },
    async invalidate(request) {
      const validation = validateRequest(request, findProvider);
      return validation.valid && lookup.invalidate(validation.target);
    },
    circuits: () => lookup.circuitStates(),
    persist,
    restore: (persisted) => restoreCheck(persisted, snapshots, isolatedInspect),
    async resume(checkId, event) {
      const warming = warmUp(pools);
      if (warming) await warming;
      return durable.resume(checkId, event);
    },
    status: (checkId) => durable.status(checkId),
    async mojaloopCallback(request) {
      const receive = receivers.get('mojaloop');
      if (!receive) return new Response(null, { status: 404 });
      try {
        return await receive(request);
      } catch {
        return new Response(null, { status: 500 });
      }
    },
    async close() {
      lookup.stop();
      await Promise.all([ownStore && store.close().catch(() => {}), pools.close()]);
    },
  };
}
