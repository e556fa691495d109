import type { GraphTransition, MachineGraph } from './machine-graph.js';

/** The compound states a chart is worth splitting at: the top-level ones (an overview, then one detail chart each). */
export function compoundStates(graph: MachineGraph): string[] {
  return graph.states.filter((s) => s.parent === undefined && (s.kind === 'compound' || s.kind === 'parallel')).map((s) => s.id);
}

const inside = (id: string, compound: string) => id === compound || id.startsWith(`${compound}.`);

/**
 * The overview: each top-level compound state drawn as one state. Transitions from inside it leave from it (one per
 * trigger, guard and target), transitions among its children are left to its detail chart.
 */
export function overview(graph: MachineGraph): MachineGraph {
  const compounds = compoundStates(graph);
  const outerOf = (id: string) => compounds.find((c) => inside(id, c)) ?? id;
  const seen = new Set<string>();
  const transitions: GraphTransition[] = [];
  for (const transition of graph.transitions) {
    const from = outerOf(transition.from);
    const to = outerOf(transition.to);
    if (from === to && transition.from !== from) continue;
    const moved = { ...transition, from, to };
    const key = `${from} ${JSON.stringify(moved.trigger)} ${moved.guard ?? ''} ${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    transitions.push(moved);
  }
  return {
    ...graph,
    states: graph.states
      .filter((s) => !compounds.some((c) => s.id !== c && inside(s.id, c)))
      .map((s) => (compounds.includes(s.id) ? { ...s, kind: 'atomic' as const, initial: undefined } : s)),
    transitions,
  };
}

/**
 * The detail of one compound state: its states and the transitions from them (or from it), with the states those
 * lead to outside drawn as plain states (their own transitions are in the overview).
 */
export function detail(graph: MachineGraph, compound: string): MachineGraph {
  const transitions = graph.transitions.filter((t) => t.from !== '' && inside(t.from, compound));
  const outside = new Set(transitions.map((t) => t.to).filter((to) => !inside(to, compound)));
  return {
    ...graph,
    name: `${graph.name}-${compound}`,
    initial: compound,
    states: graph.states
      .filter((s) => inside(s.id, compound) || outside.has(s.id))
      .map((s) => (inside(s.id, compound) || s.kind === 'final' ? s : { ...s, kind: 'atomic' as const, parent: undefined, initial: undefined })),
    transitions,
  };
}
