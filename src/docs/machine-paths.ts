import { entryOf, type GraphState, type GraphTransition, type MachineGraph } from './machine-graph.js';

/** One transition taken: from the atomic state the machine was in, to the atomic state it ends in. */
export interface Step {
  from: string;
  transition: GraphTransition;
  to: string;
}

/** An edge of the chart as it can be taken: a transition, from one atomic state where it applies. */
export interface Edge {
  state: string;
  transition: GraphTransition;
}

export interface CoveringPath {
  /** The edges this path takes (one path can cover several). */
  covers: Edge[];
  steps: Step[];
}

const stateById = (graph: MachineGraph) => new Map(graph.states.map((state) => [state.id, state]));

/** The state and its ancestors, innermost first, ending with '' (the machine itself). */
function ownersOf(graph: MachineGraph, id: string): string[] {
  const byId = stateById(graph);
  const chain: string[] = [];
  for (let state: GraphState | undefined = byId.get(id); state; state = state.parent ? byId.get(state.parent) : undefined) chain.push(state.id);
  return [...chain, ''];
}

/**
 * The transitions that can be taken in an atomic state, in the order the machine tries them: its own, then its
 * ancestors' (the machine's own last). A state with an unguarded `always` is left at once: nothing else applies.
 */
export function transitionsIn(graph: MachineGraph, atomic: string): GraphTransition[] {
  const own = graph.transitions.filter((t) => t.from === atomic && t.trigger.kind === 'always');
  if (own.some((t) => !t.guard)) return own;
  return ownersOf(graph, atomic).flatMap((owner) => graph.transitions.filter((t) => t.from === owner));
}

/** Where a step taken in `from` ends: the target's entry state, or `from` for a transition without a target. */
const landing = (graph: MachineGraph, from: string, transition: GraphTransition) =>
  transition.targetless ? from : entryOf(graph, transition.to);

/** Every (atomic state, transition) pair of the chart, final states excepted (nothing leaves them). */
export function edgesOf(graph: MachineGraph): Edge[] {
  return graph.states
    .filter((s) => s.kind === 'atomic')
    .flatMap((s) => transitionsIn(graph, s.id).map((transition) => ({ state: s.id, transition })));
}

/**
 * For every edge, the cheapest path from the initial state through it to a final state (for a machine without
 * final states: ending right after it); edges on the same path share it. Edges no path can take come back in
 * `unreachable`. The cost favours what a reader expects (a state's own transitions over its ancestors', an
 * unguarded "otherwise" over a guarded branch); `penalty` steers it further, towards paths a test can drive.
 */
export function coveringPaths(
  graph: MachineGraph,
  penalty: (edge: Edge) => number = () => 0,
): { paths: CoveringPath[]; unreachable: Edge[] } {
  const finals = new Set(graph.states.filter((s) => s.kind === 'final').map((s) => s.id));
  const cost = (edge: Edge) => (edge.transition.from === edge.state ? 1 : 5) + (edge.transition.guard ? 0.1 : 0) + penalty(edge);
  const cheapest = (from: string, done: (state: string) => boolean): Step[] | undefined => {
    const best = new Map<string, number>([[from, 0]]);
    const queue: [number, string, Step[]][] = [[0, from, []]];
    while (queue.length) {
      queue.sort((a, b) => a[0] - b[0]);
      const [spent, state, steps] = queue.shift()!;
      if (done(state)) return steps;
      if (spent > (best.get(state) ?? Infinity) || finals.has(state)) continue;
      for (const transition of transitionsIn(graph, state)) {
        const next = landing(graph, state, transition);
        const total = spent + cost({ state, transition });
        if (total < (best.get(next) ?? Infinity)) {
          best.set(next, total);
          queue.push([total, next, [...steps, { from: state, transition, to: next }]]);
        }
      }
    }
    return undefined;
  };

  const start = entryOf(graph, graph.initial);
  const byKey = new Map<string, CoveringPath>();
  const unreachable: Edge[] = [];
  for (const edge of edgesOf(graph)) {
    const before = cheapest(start, (state) => state === edge.state);
    const to = landing(graph, edge.state, edge.transition);
    const after = finals.size === 0 ? [] : cheapest(to, (state) => finals.has(state));
    if (!before || !after) {
      unreachable.push(edge);
      continue;
    }
    const steps = [...before, { from: edge.state, transition: edge.transition, to }, ...after];
    const key = steps.map((step) => `${step.from} ${step.transition.id}`).join(' / ');
    const path = byKey.get(key) ?? { covers: [], steps };
    path.covers.push(edge);
    byKey.set(key, path);
  }
  return { paths: [...byKey.values()], unreachable };
}

/** The atomic states a path rests in, as a subscriber to the actor sees them: not those left by `always` at once. */
export function restingStates(graph: MachineGraph, steps: Step[]): string[] {
  const resting = [entryOf(graph, graph.initial), ...steps.map((step) => step.to)].filter(
    (_, index) => index === steps.length || steps[index].transition.trigger.kind !== 'always',
  );
  return resting.filter((state, index) => index === 0 || state !== resting[index - 1]);
}

/** Every state a path enters, compound states and states left at once included, by id, in order. */
export function enteredStates(graph: MachineGraph, steps: Step[]): string[] {
  const byId = stateById(graph);
  const chain = (id: string) => ownersOf(graph, id).slice(0, -1).reverse();
  const enterDown = (id: string): string[] => {
    const state = byId.get(id)!;
    const first = state.kind === 'compound' ? state.initial : undefined;
    return first === undefined ? [id] : [id, ...enterDown(first)];
  };
  const entered = [...chain(graph.initial).slice(0, -1), ...enterDown(graph.initial)];
  for (const { from, transition } of steps) {
    if (transition.targetless || (!transition.reenter && transition.to === transition.from)) continue;
    const active = chain(from);
    const target = [...chain(transition.to).slice(0, -1), ...enterDown(transition.to)];
    // What stays active: above the transition's owner when it re-enters, else what source and target share
    // (never the target itself: it is entered).
    let keep = 0;
    if (transition.reenter) keep = chain(transition.from).length - 1;
    else while (keep < Math.min(active.length, target.length) - 1 && active[keep] === target[keep]) keep += 1;
    entered.push(...target.slice(Math.max(0, keep)));
  }
  return entered;
}

/** What makes a transition happen, by its name in the chart: `NAMES`, `done lookupAccount`, `after deadline`. */
export function triggerName(transition: GraphTransition): string {
  const { trigger } = transition;
  const name =
    trigger.kind === 'event' ? trigger.event
    : trigger.kind === 'after' ? `after ${trigger.delay}`
    : trigger.kind === 'done' || trigger.kind === 'error' ? `${trigger.kind} ${trigger.actor}`
    : 'always';
  return transition.guard ? `${name} [${transition.guard}]` : name;
}

/** A path on one line, e.g. `checking.lookingUp -(done lookupAccount [accountFound])-> found -(always)-> proceed`. */
export function describePath(steps: Step[]): string {
  if (steps.length === 0) return '(empty)';
  return [steps[0].from, ...steps.map((step) => `-(${triggerName(step.transition)})-> ${step.to}`)].join(' ');
}
