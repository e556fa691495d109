import type { GraphState, GraphTransition, MachineGraph } from '../../src/docs/machine-graph.js';

/** A path through a machine: the transitions taken, from its initial state. */
export type Path = GraphTransition[];

/**
 * One path per transition: the shortest way from the initial state through that transition and on to a final state
 * (or, for a machine without final states, ending right after it). Paths contained in others are kept: each names the
 * transition it was built for, so that every transition has a path that must be driven.
 */
export function coveringPaths(
  graph: MachineGraph,
  /** Extra cost of a transition, to steer paths towards ones a test can drive. */
  penalty: (transition: GraphTransition) => number = () => 0,
): { covers: GraphTransition; path: Path }[] {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const entryOf = (id: string): string => {
    const state = byId.get(id)!;
    return state.kind === 'compound' ? entryOf(state.initial!) : id;
  };
  const ancestors = (id: string): string[] => {
    const chain: string[] = [];
    for (let state: GraphState | undefined = byId.get(id); state; state = state.parent ? byId.get(state.parent) : undefined) {
      chain.push(state.id);
    }
    return [...chain, ''];
  };
  /**
   * Transitions available in an atomic state: its own, then its ancestors' (the machine's own last). A state left
   * at once by an unguarded `always` is transient: no event or timer can reach it, only its own `always`.
   */
  const outgoing = (atomic: string) => {
    const own = graph.transitions.filter((t) => t.from === atomic && t.trigger.kind === 'always');
    if (own.some((t) => !t.guard)) return own;
    const chain = ancestors(atomic);
    return chain.flatMap((owner) => graph.transitions.filter((t) => t.from === owner));
  };
  const finals = new Set(graph.states.filter((s) => s.kind === 'final').map((s) => s.id));
  const hasFinals = finals.size > 0;

  /**
   * Cheapest path by a cost that favours what a reader expects: a state's own transitions over its ancestors'
   * (deadline, cancel, restore), and the unguarded "otherwise" branch over a guarded one.
   */
  const cost = (state: string, transition: GraphTransition) =>
    (transition.from === state ? 1 : 5) + (transition.guard ? 0.1 : 0) + penalty(transition);
  const shortest = (from: string, done: (state: string) => boolean): Path | undefined => {
    const best = new Map<string, number>([[from, 0]]);
    const queue: [number, string, Path][] = [[0, from, []]];
    while (queue.length) {
      queue.sort((a, b) => a[0] - b[0]);
      const [spent, state, path] = queue.shift()!;
      if (done(state)) return path;
      if (spent > (best.get(state) ?? Infinity)) continue;
      for (const transition of outgoing(state)) {
        const next = entryOf(transition.to);
        const total = spent + cost(state, transition);
        if (total < (best.get(next) ?? Infinity)) {
          best.set(next, total);
          queue.push([total, next, [...path, transition]]);
        }
      }
    }
    return undefined;
  };

  const start = entryOf(graph.initial);
  const atomics = graph.states.filter((s) => s.kind !== 'compound').map((s) => s.id);
  return graph.transitions.map((covers) => {
    // Reach a state where this transition applies, take it, then finish.
    let best: Path | undefined;
    for (const source of atomics.filter((id) => !finals.has(id) && outgoing(id).includes(covers))) {
      const before = shortest(start, (state) => state === source);
      if (!before) continue;
      const after = hasFinals ? shortest(entryOf(covers.to), (state) => finals.has(state)) : [];
      if (!after) continue;
      const path = [...before, covers, ...after];
      if (!best || path.length < best.length) best = path;
    }
    return { covers, path: best ?? [] };
  });
}

/** The states a path enters, by key, as the machine's trace records them (compound states included). */
export function enteredStates(graph: MachineGraph, path: Path): string[] {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const chain = (id: string): string[] => {
    const ids: string[] = [];
    for (let state = byId.get(id); state; state = state.parent ? byId.get(state.parent) : undefined) ids.unshift(state.id);
    return ids;
  };
  const enterDown = (id: string): string[] => {
    const state = byId.get(id)!;
    return state.kind === 'compound' ? [id, ...enterDown(state.initial!)] : [id];
  };
  let active = enterDown(graph.initial);
  const entered = [...active];
  for (const transition of path) {
    const targetChain = [...chain(transition.to).slice(0, -1), ...enterDown(transition.to)];
    // Everything from the source down stays only if the transition does not leave it (or re-enter it).
    const keep = transition.reenter ? chain(transition.from).slice(0, -1) : commonPrefix(active, targetChain);
    const newly = targetChain.slice(keep.length);
    entered.push(...newly);
    active = targetChain;
  }
  return entered.map((id) => byId.get(id)!.key);
}

function commonPrefix(a: string[], b: string[]): string[] {
  const prefix: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) - 1 && a[i] === b[i]; i++) prefix.push(a[i]);
  return prefix;
}
