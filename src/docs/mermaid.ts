import type { GraphState, MachineGraph } from './machine-graph.js';
import { edgeLabel } from './words.js';

const ANY_STATE = 'anyState';

/** Mermaid `stateDiagram-v2` of a machine: renders wherever people read Markdown. */
export function toMermaid(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const nameOf = (id: string) => (id === '' ? ANY_STATE : byId.get(id)!.key);
  const lines = ['stateDiagram-v2', '  direction TB'];

  const declare = (parent: string | undefined, indent: string) => {
    for (const state of graph.states.filter((s) => s.parent === parent)) {
      if (state.kind === 'compound') {
        lines.push(`${indent}state ${state.key} {`);
        lines.push(`${indent}  [*] --> ${byId.get(state.initial!)!.key}`);
        declare(state.id, `${indent}  `);
        lines.push(`${indent}}`);
      }
    }
  };
  lines.push(`  [*] --> ${nameOf(graph.initial)}`);
  declare(undefined, '  ');
  if (graph.transitions.some((t) => t.from === '')) lines.push(`  state "any state" as ${ANY_STATE}`);
  for (const transition of graph.transitions) {
    lines.push(`  ${nameOf(transition.from)} --> ${nameOf(transition.to)} : ${edgeLabel(transition, graph.transitions)}`);
  }
  for (const state of graph.states.filter((s: GraphState) => s.kind === 'final')) lines.push(`  ${state.key} --> [*]`);
  return lines.join('\n');
}
