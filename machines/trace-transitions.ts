import { assign, StateMachine, type AnyStateMachine } from 'xstate';
import type { TraceTransition } from '../src/core/decision.js';

/** What the tracer knows of a transition before it is taken; `from` only when its owner is an atomic state. */
export interface TransitionParams {
  from?: string;
  /** The atomic state the transition ends in; absent for a transition without a target (it stays). */
  to?: string;
  /** The atomic state the machine starts in: where an owner above it was left from, before any transition. */
  start: string;
  event: string;
  guard?: string;
}

interface TransitionConfig {
  target?: string | string[];
  guard?: unknown;
  actions?: unknown;
  [key: string]: unknown;
}
type Transitions = string | TransitionConfig | (string | TransitionConfig)[];
interface StateConfig {
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, Transitions>;
  always?: Transitions;
  after?: Record<string, Transitions>;
  invoke?: InvokeConfig | InvokeConfig[];
  [key: string]: unknown;
}
interface InvokeConfig {
  id?: string;
  onDone?: Transitions;
  onError?: Transitions;
  [key: string]: unknown;
}

export const RECORD_TRANSITION = 'recordTransition';

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/**
 * The machine with every transition of its chart also recording itself in `context.transitions`: `{ from, to,
 * event, guard?, at }`, state ids as the chart has them (`checking.lookingUp`), `event` the event's type (`always`
 * for an eventless transition, `after:<delay>` for a delayed one), `guard` the named guard that chose it. The record
 * runs as the transition's first action, so it is written exactly when XState takes the transition. `from` and `to`
 * are the atomic states left and entered; a context without `transitions` (a snapshot from before they were
 * traced) is left without.
 */
export function traceTransitions<M extends AnyStateMachine>(machine: M): M {
  const root = machine.config as StateConfig & { id: string };
  const byId = new Map<string, StateConfig>();
  const index = (config: StateConfig, id: string) => {
    byId.set(id, config);
    for (const [key, child] of Object.entries(config.states ?? {})) index(child, join(id, key));
  };
  index(root, '');
  const entryOf = (id: string): string => {
    const initial = byId.get(id)?.initial;
    return initial === undefined ? id : entryOf(join(id, initial));
  };
  const parentOf = (id: string) => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : '');
  const resolve = (owner: string, target: string): string => {
    const resolved =
      target.startsWith(`#${root.id}.`) ? target.slice(root.id.length + 2)
      : target.startsWith('.') ? join(owner, target.slice(1))
      : owner !== '' ? join(parentOf(owner), target)
      : undefined;
    if (resolved === undefined || !byId.has(resolved)) throw new Error(`traceTransitions: cannot resolve target "${target}" of "${owner || root.id}"`);
    return resolved;
  };
  const start = entryOf('');

  const traced = (owner: string, event: string, transitions: Transitions): TransitionConfig[] => {
    const atomic = !byId.get(owner)?.states;
    const one = (transition: string | TransitionConfig): TransitionConfig => {
      const config = typeof transition === 'string' ? { target: transition } : transition;
      const targets = list(config.target);
      if (targets.length > 1) throw new Error(`traceTransitions: "${owner}" has a transition with several targets`);
      const guard = typeof config.guard === 'string' ? config.guard : (config.guard as { type?: string } | undefined)?.type;
      const params: TransitionParams = {
        ...(owner !== '' && atomic && { from: owner }),
        ...(targets.length === 1 && { to: entryOf(resolve(owner, targets[0])) }),
        start,
        event,
        ...(typeof guard === 'string' && { guard }),
      };
      return { ...config, actions: [{ type: RECORD_TRANSITION, params }, ...list(config.actions)] };
    };
    return list(transitions).map(one);
  };
  const tracedMap = (owner: string, map: Record<string, Transitions> | undefined, eventOf: (key: string) => string) =>
    map && Object.fromEntries(Object.entries(map).map(([key, transitions]) => [key, traced(owner, eventOf(key), transitions)]));

  const walk = (config: StateConfig, id: string): StateConfig => ({
    ...config,
    ...(config.on && { on: tracedMap(id, config.on, (key) => key) }),
    ...(config.always && { always: traced(id, 'always', config.always) }),
    ...(config.after && { after: tracedMap(id, config.after, (key) => `after:${key}`) }),
    ...(config.invoke && {
      invoke: list(config.invoke).map((invoke) => ({
        ...invoke,
        ...(invoke.onDone && { onDone: traced(id, `xstate.done.actor.${invoke.id}`, invoke.onDone) }),
        ...(invoke.onError && { onError: traced(id, `xstate.error.actor.${invoke.id}`, invoke.onError) }),
      })),
    }),
    ...(config.states && {
      states: Object.fromEntries(Object.entries(config.states).map(([key, child]) => [key, walk(child, join(id, key))])),
    }),
  });

  const { implementations } = machine;
  return new StateMachine(walk(root, '') as never, {
    ...implementations,
    actions: { ...implementations.actions, [RECORD_TRANSITION]: recordTransition },
  } as never) as unknown as M;
}

/** The entry a transition adds to `transitions` (those taken before it). */
export function transitionEntry(transitions: readonly TraceTransition[], params: TransitionParams): TraceTransition {
  const from = params.from ?? transitions.at(-1)?.to ?? params.start;
  const to = params.to ?? from;
  const { event, guard } = params;
  // Two literals rather than a spread: one per transition taken, on every check.
  return guard === undefined ? { from, to, event, at: Date.now() } : { from, to, event, guard, at: Date.now() };
}

/**
 * The action every traced transition runs first. The chart runner (src/engine/chart-runner.ts) knows it by identity
 * and appends `transitionEntry` to the transitions its check owns instead of copying them.
 */
export const recordTransition = assign(({ context }: { context: { transitions?: TraceTransition[] } }, params: TransitionParams) =>
  context.transitions ? { transitions: [...context.transitions, transitionEntry(context.transitions, params)] } : {},
);
