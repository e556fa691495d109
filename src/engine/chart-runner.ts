/**
 * The chart runner: `check()` without an actor. It runs the machine's own state nodes (the same `machines/` definition
 * the actor path runs, with the same implementations) by XState v5's macrostep and microstep rules (SCXML's, as
 * `xstate/src/stateUtils.ts` implements them): select a transition from the atomic state outwards, exit, the
 * transition's actions, enter (document order), then eventless transitions and internal events until the state is
 * stable. No actor, no system, no snapshot per step: one context object per assign (trace-transitions' record appends
 * to the check's own list instead of copying it and the context), plain timers, the invoked promise called directly,
 * each transition's exit and entry sets computed once per engine. An XState snapshot is built only when a check pauses (`machine.resolveState`), and
 * persisted through an unstarted actor exactly as the actor path persists its own: persist, restore, resume, the fleet
 * store and the child-actor embedding never see the difference.
 *
 * The subset it runs (checked once, when the engine is built: `unsupportedFeature`): atomic, compound and final states;
 * `on`, `always`, `after` (numbers or named delays), `invoke` of promise actors made with `promiseActor` (with
 * `onDone`/`onError`), `reenter`, named and inline guards with `params`, `assign` (function or property map) and custom
 * actions with `params`, final states with `output` and the machine's `output`. Anything else (parallel or history
 * states, wildcard events, several targets, builtin guards such as `and`/`not`/`stateIn`, `raise`/`sendTo`/`emit`/
 * `enqueueActions`/`spawnChild`/`log` actions, other actor logic) makes the engine use actors for every check (logged
 * once), or with `setChartPath('runner')` throw `PrecheckConfigError` naming the feature. Implementations receive
 * `{ context, event }`; reading `self`, `system` or `spawn` throws (the chart's implementations never do), so that
 * a chart that needs an actor fails loudly rather than differently.
 *
 * XState internals it reads, all of them exercised by test/chart-runner.test.ts on the lock's xstate and on the lowest
 * peer version (.ci/run), so that a release that changes them fails CI rather than production:
 * - `machine.root`, `machine.config.context`, `machine.implementations` (actions, guards, delays, actors),
 *   `machine.options.maxIterations`: the chart and what `provide()` supplied, as the actor path resolves them;
 * - on each StateNode: `id`, `type`, `order` (document order: the exit and entry order), `parent`, `path`, `entry`
 *   and `exit` (with the `after` timers XState adds to them as `raise`/`cancel` actions), `transitions` (the formatted
 *   `on`, `after`, `onDone`/`onError`: `target` nodes, `source`, `guard`, `actions`, `reenter`), `always`, `initial`,
 *   `invoke` (`id`, `src`, `input`, `onSnapshot`), `tags` (a pause), `states`, `output`, `config.route`: XState's own
 *   resolution of targets, ids and delayed transitions, so that the runner resolves nothing itself;
 * - on builtin actions: `type` and `resolve` (what kind), `assignment` of `assign`, `event`/`id`/`delay` of the
 *   `raise` behind `after`, `sendId` of its `cancel`: to run them without an actor scope;
 * - `machine.resolveState({ value, context })` (public) for the snapshot of a paused check.
 * The promise actor's function comes from `promiseActor` (promise-actor.ts), not from XState's actor logic.
 */
import { createActor, type Actor } from 'xstate';
import { needsConfirmationDecision, needsNamesDecision } from '../../machines/precheck.decisions.js';
import type { PrecheckContext, PrecheckMachine } from '../../machines/precheck.machine.js';
import { pauseOf } from '../../machines/precheck.pause.js';
import type { Decision } from '../core/decision.js';
import type { PersistedCheck } from '../persistence/persisted-check.js';
import type { HookIsolation } from '../util/hook-isolation.js';
import { promiseCreatorOf, type PromiseCreator } from './promise-actor.js';
import { recordTransition, transitionEntry, type TransitionParams } from '../../machines/trace-transitions.js';
import type { TraceTransition } from '../core/decision.js';
import type { Rest } from './check-rest.js';
import { recordCheckSpan } from './telemetry.js';

type Context = Record<string, unknown>;
interface ChartEvent {
  type: string;
  [key: string]: unknown;
}
type Fn = ((...args: unknown[]) => unknown) & Record<string, unknown>;
type ActionRef = string | Fn | { type: string; params?: unknown };
type GuardRef = string | Fn | { type: string; params?: unknown } | undefined;

interface Transition {
  target?: ChartNode[];
  source: ChartNode;
  guard: GuardRef;
  actions: ActionRef[];
  reenter: boolean;
}
interface InvokeDef {
  id: string;
  src: string | object;
  input?: unknown;
  onSnapshot?: unknown;
}
interface ChartNode {
  id: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  order: number;
  parent?: ChartNode;
  path: string[];
  entry: ActionRef[];
  exit: ActionRef[];
  transitions: Map<string, Transition[]>;
  always?: Transition[];
  initial?: { target: ChartNode[]; actions: unknown[] };
  invoke: InvokeDef[];
  tags: string[];
  output?: unknown;
  states: Record<string, ChartNode>;
  config: { route?: unknown };
}
interface Implementations {
  actions: Record<string, Fn | undefined>;
  guards: Record<string, unknown>;
  delays: Record<string, unknown>;
  actors: Record<string, unknown>;
}

/** What the runner needs of a check, as `driveToRest` gets it. */
export interface RunOptions {
  signal?: AbortSignal;
  persist: (actor: Actor<PrecheckMachine>) => PersistedCheck;
  isolation: HookIsolation;
  onFailure: () => Decision;
}

/** A chart feature outside the runner's subset, by name; undefined when the runner can run the whole chart. */
export function unsupportedFeature(machine: PrecheckMachine): string | undefined {
  const impl = machine.implementations as unknown as Implementations;
  const root = machine.root as unknown as ChartNode;
  const afterId = (node: ChartNode, fn: Fn, key: 'id' | 'sendId') =>
    typeof fn[key] === 'string' && (fn[key] as string).startsWith('xstate.after.') && (fn[key] as string).endsWith(`.${node.id}`);
  const action = (node: ChartNode, ref: ActionRef, where: 'entry' | 'exit' | 'transition'): string | undefined => {
    const resolved = typeof ref === 'function' ? ref : impl.actions[typeof ref === 'string' ? ref : ref.type];
    if (typeof resolved !== 'function' || !('resolve' in resolved)) return undefined;
    if (resolved.type === 'xstate.assign') return undefined;
    if (typeof ref === 'function' && resolved.type === 'xstate.raise' && where === 'entry' && afterId(node, resolved, 'id')) return undefined;
    if (typeof ref === 'function' && resolved.type === 'xstate.cancel' && where === 'exit' && afterId(node, resolved, 'sendId')) return undefined;
    return `the ${String(resolved.type)} action (#${node.id})`;
  };
  const guard = (node: ChartNode, ref: GuardRef): string | undefined => {
    if (ref === undefined) return undefined;
    const resolved = typeof ref === 'function' ? ref : impl.guards[typeof ref === 'string' ? ref : ref.type];
    if (resolved === undefined) return undefined; // not implemented: an error on both paths
    if (typeof resolved !== 'function') return `a guard implemented by another guard (#${node.id})`;
    if ('check' in resolved) return `a builtin guard such as and/or/not/stateIn (#${node.id})`;
    return undefined;
  };
  const transition = (node: ChartNode, t: Transition): string | undefined => {
    if ((t.target?.length ?? 0) > 1) return `a transition with several targets (#${node.id})`;
    return guard(node, t.guard) ?? t.actions.map((ref) => action(node, ref, 'transition')).find(Boolean);
  };
  const visit = (node: ChartNode): string | undefined => {
    if (node.type === 'parallel' || node.type === 'history') return `a ${node.type} state (#${node.id})`;
    if (node.config.route !== undefined) return `a route (#${node.id})`;
    if (node.type === 'compound' && (node.initial?.actions.length ?? 0) > 0) return `actions on an initial transition (#${node.id})`;
    for (const [descriptor, transitions] of node.transitions) {
      if (descriptor.includes('*')) return `a wildcard event "${descriptor}" (#${node.id})`;
      const found = transitions.map((t) => transition(node, t)).find(Boolean);
      if (found) return found;
    }
    const found =
      (node.always ?? []).map((t) => transition(node, t)).find(Boolean) ??
      node.entry.map((ref) => action(node, ref, 'entry')).find(Boolean) ??
      node.exit.map((ref) => action(node, ref, 'exit')).find(Boolean);
    if (found) return found;
    for (const def of node.invoke) {
      if (def.onSnapshot !== undefined) return `an invoke with onSnapshot (#${node.id})`;
      if (!promiseCreatorOf(actorLogic(impl, def.src))) return `an invoked actor that is not a promiseActor ("${typeof def.src === 'string' ? def.src : def.id}", #${node.id})`;
    }
    for (const child of Object.values(node.states)) {
      const inChild = visit(child);
      if (inChild) return inChild;
    }
    return undefined;
  };
  return visit(root);
}

/** XState's `resolveReferencedActor`: a named actor, or the logic given inline to an `invoke`. */
function actorLogic(impl: Implementations, src: string | object): unknown {
  if (typeof src !== 'string') return src;
  return impl.actors[src];
}

/** What implementations are called with: no actor, so no `self`, `system` or `spawn` (reading them throws). */
class Args {
  constructor(
    readonly context: Context,
    readonly event: ChartEvent,
  ) {}
  get self(): never {
    return noActor('self');
  }
  get system(): never {
    return noActor('system');
  }
  get spawn(): never {
    return noActor('spawn');
  }
}
function noActor(what: string): never {
  throw new Error(`the chart runner has no actor: "${what}" is not available (run this chart on actors: setChartPath('actor'))`);
}

const isDescendant = (child: ChartNode, parent: ChartNode | undefined) => {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
};
const properAncestors = (node: ChartNode, upTo: ChartNode | undefined) => {
  const ancestors: ChartNode[] = [];
  if (upTo === node) return ancestors;
  for (let m = node.parent; m && m !== upTo; m = m.parent) ancestors.push(m);
  return ancestors;
};
const byOrder = (a: ChartNode, b: ChartNode) => a.order - b.order;
const resolveOutput = (mapper: unknown, context: Context, event: ChartEvent) =>
  typeof mapper === 'function' ? mapper(new Args(context, event)) : mapper;

/**
 * A transition as XState takes it from any configuration of the subset (no parallel or history states): its domain
 * (`getTransitionDomain`), whether it exits the domain itself (a re-entering transition from its own source), and the
 * states it enters in document order (`computeEntrySet`). Computed once per transition.
 */
interface Route {
  domain: ChartNode | undefined;
  exitsDomain: boolean;
  entries: ChartNode[];
  /** The atomic state it ends in. */
  leaf: ChartNode;
}

/** Runs checks on a chart `unsupportedFeature` accepts. One per engine; each `run` is independent. */
export class ChartRunner {
  readonly root: ChartNode;
  readonly impl: Implementations;
  readonly maxIterations: number;
  readonly initial: Route;
  private readonly routes = new WeakMap<Transition, Route>();
  /** States whose configuration carries a tag (theirs or an ancestor's): where a check may be paused. */
  private readonly tagged = new WeakSet<ChartNode>();

  constructor(readonly machine: PrecheckMachine) {
    this.root = machine.root as unknown as ChartNode;
    this.impl = machine.implementations as unknown as Implementations;
    this.maxIterations = (machine as unknown as { options?: { maxIterations?: number } }).options?.maxIterations ?? Infinity;
    // XState's initial microstep: the root and its initial states entered, as a re-entering transition from the root.
    this.initial = this.routeOf({ target: [this.root], source: this.root, reenter: true, actions: [], guard: undefined }, undefined);
    const tag = (node: ChartNode, above: boolean) => {
      const tagged = above || node.tags.length > 0;
      if (tagged) this.tagged.add(node);
      for (const child of Object.values(node.states)) tag(child, tagged);
    };
    tag(this.root, false);
  }

  /** One check from its request to its rest: a decision, or a pause with its snapshot. Never rejects. */
  run(input: unknown, options: RunOptions): Promise<Rest> {
    return new Promise<Rest>((resolve) => new CheckRun(this, options, resolve).start(input));
  }

  route(t: Transition): Route {
    let route = this.routes.get(t);
    if (!route) {
      route = this.routeOf(t, domainOf(t, this.root));
      this.routes.set(t, route);
    }
    return route;
  }

  mayPause(leaf: ChartNode): boolean {
    return this.tagged.has(leaf);
  }

  private routeOf(t: Transition, domain: ChartNode | undefined): Route {
    const target = t.target![0];
    const entries = new Set<ChartNode>();
    if (t.source !== target || t.source !== domain || t.reenter) entries.add(target);
    let leaf = target;
    while (leaf.type === 'compound') {
      leaf = leaf.initial!.target[0];
      entries.add(leaf);
    }
    const reentrancyDomain = !t.source.parent && t.reenter ? undefined : domain;
    for (const ancestor of properAncestors(target, domain)) {
      if (!reentrancyDomain || isDescendant(ancestor, reentrancyDomain)) entries.add(ancestor);
    }
    return { domain, exitsDomain: t.reenter && t.source === domain, entries: [...entries].sort(byOrder), leaf };
  }
}

/** XState's `getTransitionDomain` for a transition with one target (the subset). */
function domainOf(t: Transition, root: ChartNode): ChartNode | undefined {
  const target = t.target![0];
  if (!t.reenter && (target === t.source || isDescendant(target, t.source))) return t.source;
  const lca = properAncestors(target, undefined).find((ancestor) => isDescendant(t.source, ancestor));
  if (lca) return lca;
  return t.reenter ? undefined : root;
}

interface Invocation {
  id: string;
  controller: AbortController;
  live: boolean;
}

/** Work XState defers to the end of a macrostep, in order: timers set and cleared, promises called, lookups stopped. */
type Effect =
  | { kind: 'schedule'; id: string; event: ChartEvent; delay: number }
  | { kind: 'cancel'; id: string }
  | { kind: 'invoke'; invocation: Invocation; creator: PromiseCreator<unknown, unknown>; input: unknown }
  | { kind: 'stop'; invocation: Invocation };

/** One check's state: its context, its active states, its timers and its lookup in flight. */
class CheckRun {
  private context: Context = {};
  /** The active atomic state; the active states are it and its ancestors (the subset has no parallel states). */
  private leaf: ChartNode;
  private status: 'active' | 'done' = 'active';
  private output: unknown;
  private readonly internalQueue: ChartEvent[] = [];
  /** Events that arrived while a macrostep ran (XState's mailbox): taken in order once it is over. */
  private readonly mailbox: ChartEvent[] = [];
  private processing = false;
  private settled = false;
  private effects: Effect[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly invocations = new Map<string, Invocation>();
  /** Whether the microstep changed what XState's snapshot holds (eventless transitions are selected again only then). */
  private changed = false;
  /** `context.transitions` when this check owns it (a copy it made): `recordTransition` then appends in place. */
  private ownTransitions: unknown[] | undefined;
  private readonly cancel = () => this.send({ type: 'CANCEL' });

  constructor(
    private readonly chart: ChartRunner,
    private readonly options: RunOptions,
    private readonly resolve: (rest: Rest) => void,
  ) {
    this.leaf = chart.root;
  }

  start(input: unknown): void {
    this.processing = true;
    try {
      this.options.signal?.addEventListener('abort', this.cancel, { once: true });
      const event: ChartEvent = { type: 'xstate.init', input };
      const contextConfig = (this.chart.machine.config as { context?: unknown }).context;
      this.context =
        typeof contextConfig === 'function'
          ? Object.assign({}, contextConfig(new InitArgs(input)))
          : ((contextConfig as Context | undefined) ?? {});
      this.enter(this.chart.initial, event);
      this.settle(event);
    } catch {
      this.fail();
    }
    this.drain();
  }

  private send(event: ChartEvent): void {
    if (this.settled) return;
    this.mailbox.push(event);
    if (!this.processing) this.drain();
  }

  private drain(): void {
    this.processing = true;
    while (!this.settled && this.mailbox.length > 0) {
      const event = this.mailbox.shift()!;
      try {
        const transition = this.select(event);
        if (!transition && event.type.startsWith('xstate.error.actor')) {
          // An actor's error no transition takes: the machine errors (XState's snapshot status `error`).
          this.fail();
          break;
        }
        if (transition) this.microstep(transition, event);
        this.settle(event);
      } catch {
        this.fail();
      }
    }
    this.processing = false;
  }

  /** The rest of a macrostep (eventless transitions, internal events), its deferred effects, then: decided, paused, or waiting. */
  private settle(first: ChartEvent): void {
    let event = first;
    let selectEventless = true;
    let iterations = 0;
    while (this.status === 'active') {
      if (++iterations > this.chart.maxIterations) throw new Error('Infinite loop detected');
      let transition: Transition | undefined = selectEventless ? this.selectEventless(event) : undefined;
      const eventless: boolean = transition !== undefined;
      if (!transition) {
        if (this.internalQueue.length === 0) break;
        event = this.internalQueue.shift()!;
        transition = this.select(event);
      }
      this.changed = false;
      if (transition) this.microstep(transition, event);
      selectEventless = eventless ? this.changed : true;
    }
    const effects = this.effects;
    this.effects = [];
    for (const effect of effects) this.apply(effect);
    if (this.status === 'done') {
      this.finish({ decision: this.output as Decision });
      return;
    }
    if (this.chart.mayPause(this.leaf)) this.pauseIfPaused();
  }

  /** XState's `transitionNode` for one active atomic state: the first enabled transition from it outwards. */
  private select(event: ChartEvent): Transition | undefined {
    for (let node: ChartNode | undefined = this.leaf; node; node = node.parent) {
      const candidates = node.transitions.get(event.type);
      if (!candidates) continue;
      for (const candidate of candidates) {
        if (candidate.guard === undefined || this.guard(candidate.guard, event)) return candidate;
      }
    }
    return undefined;
  }

  private selectEventless(event: ChartEvent): Transition | undefined {
    for (let node: ChartNode | undefined = this.leaf; node; node = node.parent) {
      if (!node.always) continue;
      for (const candidate of node.always) {
        if (candidate.guard === undefined || this.guard(candidate.guard, event)) return candidate;
      }
    }
    return undefined;
  }

  private guard(ref: Exclude<GuardRef, undefined>, event: ChartEvent): boolean {
    const inline = typeof ref === 'function';
    const resolved = inline ? ref : (this.chart.impl.guards[typeof ref === 'string' ? ref : ref.type] as Fn | undefined);
    if (!resolved) throw new Error(`Guard '${typeof ref === 'string' ? ref : (ref as { type: string }).type}' is not implemented.`);
    const params = inline || typeof ref === 'string' ? undefined : this.params(ref, event);
    return Boolean(resolved({ context: this.context, event }, params));
  }

  private params(ref: { params?: unknown }, event: ChartEvent): unknown {
    if (!('params' in ref)) return undefined;
    return typeof ref.params === 'function' ? ref.params({ context: this.context, event }) : ref.params;
  }

  /** XState's `microstep`: exit (innermost first), the transition's actions, enter (document order). */
  private microstep(t: Transition, event: ChartEvent): void {
    if (!t.target?.length) {
      this.actions(t.actions, event);
      return;
    }
    const route = this.chart.route(t);
    let exited = 0;
    let sameStates = true;
    for (let node: ChartNode | undefined = this.leaf; node && node !== route.domain; node = node.parent) {
      this.exit(node, event);
      exited += 1;
      if (!route.entries.includes(node)) sameStates = false;
    }
    if (route.exitsDomain && route.domain) {
      this.exit(route.domain, event);
      exited += 1;
      if (!route.entries.includes(route.domain)) sameStates = false;
    }
    this.actions(t.actions, event);
    this.enter(route, event);
    // XState keeps its snapshot when the same states are active again (a state re-entering itself).
    if (!sameStates || exited !== route.entries.length) this.changed = true;
    if (this.status === 'done') {
      for (let node: ChartNode | undefined = this.leaf; node; node = node.parent) this.actions(node.exit, event);
    }
  }

  private exit(node: ChartNode, event: ChartEvent): void {
    this.actions(node.exit, event);
    for (const def of node.invoke) this.stopInvocation(def.id);
  }

  /** XState's `enterStates` for compound, atomic and final states. */
  private enter(route: Route, event: ChartEvent): void {
    this.leaf = route.leaf;
    for (const node of route.entries) {
      this.actions(node.entry, event);
      for (const def of node.invoke) this.startInvocation(def, event);
      if (node.type === 'final') this.entered(node, event);
    }
  }

  /** A final state entered: the machine is done (a final child of the root), or its parent's `onDone` is raised. */
  private entered(node: ChartNode, event: ChartEvent): void {
    const parent = node.parent;
    if (parent?.type === 'compound' && parent.parent) {
      this.internalQueue.push({
        type: `xstate.done.state.${parent.id}`,
        output: node.output !== undefined ? resolveOutput(node.output, this.context, event) : undefined,
      });
      return;
    }
    const doneEvent: ChartEvent = {
      type: `xstate.done.state.${node.id}`,
      output: node.output !== undefined && node.parent ? resolveOutput(node.output, this.context, event) : undefined,
    };
    this.status = 'done';
    this.output = this.chart.root.output === undefined ? undefined : resolveOutput(this.chart.root.output, this.context, doneEvent);
  }

  /** XState's `resolveAndExecuteActionsWithContext` for the subset: assign, custom actions, `after`'s raise and cancel. */
  private actions(refs: readonly ActionRef[], event: ChartEvent): void {
    for (const ref of refs) {
      const inline = typeof ref === 'function';
      const resolved = inline ? ref : this.chart.impl.actions[typeof ref === 'string' ? ref : ref.type];
      if (!resolved) continue; // XState runs nothing for an action without an implementation
      const params = inline || typeof ref === 'string' ? undefined : this.params(ref, event);
      if (resolved === (recordTransition as unknown)) {
        this.recordTransition(params as TransitionParams);
        continue;
      }
      if (!('resolve' in resolved)) {
        resolved(new Args(this.context, event), params);
        continue;
      }
      switch (resolved.type) {
        case 'xstate.assign':
          this.assign(resolved.assignment, event, params);
          break;
        case 'xstate.raise':
          this.raise(resolved, event);
          break;
        case 'xstate.cancel':
          this.effects.push({ kind: 'cancel', id: resolved.sendId as string });
          break;
        default:
          throw new Error(`the chart runner does not run the ${String(resolved.type)} action`);
      }
    }
  }

  private assign(assignment: unknown, event: ChartEvent, params: unknown): void {
    const args = new Args(this.context, event);
    let partial: Context;
    if (typeof assignment === 'function') {
      partial = assignment(args, params) as Context;
    } else {
      partial = {};
      for (const key of Object.keys(assignment as Context)) {
        const value = (assignment as Context)[key];
        partial[key] = typeof value === 'function' ? value(args, params) : value;
      }
    }
    this.context = { ...this.context, ...partial };
    this.changed = true;
  }

  /**
   * trace-transitions' `recordTransition` (one per transition taken), the same entry without copying the context and
   * the transitions each time: the check copies them once and appends in place. No one holds an earlier context.
   */
  private recordTransition(params: TransitionParams): void {
    this.changed = true;
    const transitions = this.context.transitions as TraceTransition[] | undefined;
    if (!transitions) {
      this.context = { ...this.context };
      return;
    }
    if (transitions !== this.ownTransitions) {
      this.ownTransitions = [...transitions];
      this.context = { ...this.context, transitions: this.ownTransitions };
    }
    (this.ownTransitions as TraceTransition[]).push(transitionEntry(transitions, params));
  }

  /** The `raise` XState adds to a state's entry for each `after`: a timer, or (a delay that is not a number) at once. */
  private raise(raise: Fn, event: ChartEvent): void {
    const raised = (typeof raise.event === 'function' ? raise.event(new Args(this.context, event), undefined) : raise.event) as ChartEvent;
    const delayRef = raise.delay;
    const configured = typeof delayRef === 'string' ? this.chart.impl.delays[delayRef] : delayRef;
    const delay = typeof configured === 'function' ? configured(new Args(this.context, event), undefined) : configured;
    if (typeof delay === 'number') this.effects.push({ kind: 'schedule', id: raise.id as string, event: raised, delay });
    else this.internalQueue.push(raised);
  }

  /** XState's `spawnChild` for a promise actor: its input now, the promise called once the macrostep is over. */
  private startInvocation(def: InvokeDef, event: ChartEvent): void {
    const creator = promiseCreatorOf(actorLogic(this.chart.impl, def.src))!;
    const input = typeof def.input === 'function' ? def.input(new Args(this.context, event)) : def.input;
    const invocation: Invocation = { id: def.id, controller: new AbortController(), live: true };
    this.invocations.set(def.id, invocation);
    this.changed = true;
    this.effects.push({ kind: 'invoke', invocation, creator, input });
  }

  private stopInvocation(id: string): void {
    const invocation = this.invocations.get(id);
    if (!invocation) return;
    invocation.live = false;
    this.invocations.delete(id);
    this.changed = true;
    this.effects.push({ kind: 'stop', invocation });
  }

  private apply(effect: Effect): void {
    switch (effect.kind) {
      case 'schedule':
        this.timers.set(effect.id, setTimeout(this.fire, effect.delay, effect.id, effect.event));
        return;
      case 'cancel':
        clearTimeout(this.timers.get(effect.id));
        this.timers.delete(effect.id);
        return;
      case 'invoke':
        this.call(effect.invocation, effect.creator, effect.input);
        return;
      case 'stop':
        effect.invocation.controller.abort();
    }
  }

  private readonly fire = (id: string, event: ChartEvent) => {
    this.timers.delete(id);
    this.send(event);
  };

  private call(invocation: Invocation, creator: PromiseCreator<unknown, unknown>, input: unknown): void {
    if (!invocation.live) return;
    try {
      Promise.resolve(creator({ input, signal: invocation.controller.signal })).then(
        (output) => this.ended(invocation, { type: `xstate.done.actor.${invocation.id}`, output, actorId: invocation.id }),
        (error: unknown) => this.ended(invocation, { type: `xstate.error.actor.${invocation.id}`, error, actorId: invocation.id }),
      );
    } catch (error) {
      this.ended(invocation, { type: `xstate.error.actor.${invocation.id}`, error, actorId: invocation.id });
    }
  }

  private ended(invocation: Invocation, event: ChartEvent): void {
    if (!invocation.live) return;
    invocation.live = false;
    this.invocations.delete(invocation.id);
    this.send(event);
  }

  /** Where the check rests in a state tagged `paused`: the same decision, span and snapshot as `driveToRest`'s. */
  private pauseIfPaused(): void {
    const value = this.leaf.path.reduceRight<unknown>((inner, key) => (inner === undefined ? key : { [key]: inner }), undefined) ?? {};
    const machine = this.chart.machine;
    const snapshot = machine.resolveState({ value: value as never, context: this.context as unknown as PrecheckContext });
    const meta = pauseOf(snapshot);
    if (!meta) return;
    const context = snapshot.context;
    const decision = meta.waitingFor === 'names' ? needsNamesDecision(context) : needsConfirmationDecision(context);
    this.options.isolation.run('telemetry', () => recordCheckSpan(context, decision));
    let persisted: PersistedCheck;
    try {
      // Unstarted: it only carries the snapshot to `persist`, as the actor path's own actor does.
      persisted = this.options.persist(createActor(machine, { snapshot, input: undefined as never }));
    } catch {
      this.fail();
      return;
    }
    this.finish({ decision, pause: { meta, persisted, context } });
  }

  private fail(): void {
    this.finish({ decision: this.options.onFailure() });
  }

  /** Settles once: every timer cleared and every lookup in flight stopped, as stopping the actor does. */
  private finish(rest: Rest): void {
    if (this.settled) return;
    this.settled = true;
    this.effects = [];
    this.options.signal?.removeEventListener('abort', this.cancel);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const invocation of this.invocations.values()) {
      invocation.live = false;
      invocation.controller.abort();
    }
    this.invocations.clear();
    this.resolve(rest);
  }
}

/** What the machine's `context` factory receives: the input, and (throwing) no actor. */
class InitArgs {
  constructor(readonly input: unknown) {}
  get self(): never {
    return noActor('self');
  }
  get spawn(): never {
    return noActor('spawn');
  }
}
