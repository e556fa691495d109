import type { GraphState, MachineGraph } from './machine-graph.js';
import { edgeLines } from './words.js';

const FINAL_COLOURS: Record<string, string> = { proceed: '#d9f2d9', abort: '#f8d7d7', retry: '#fcebc8' };

const nodeId = (id: string) => (id === '' ? 'any_state' : id.replace(/\./g, '__'));
const anchorOf = (id: string) => `${nodeId(id)}__any`;
const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** Graphviz DOT of a machine; compound states are clusters, transitions owned by one start from "any state of …". */
export function toDot(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const owners = new Set(graph.transitions.map((t) => t.from));
  const entryOf = (id: string): string => {
    const state = byId.get(id)!;
    return state.kind === 'compound' ? entryOf(state.initial!) : id;
  };
  const lines = [
    `digraph ${quote(graph.name)} {`,
    '  graph [rankdir=TB, fontname="Helvetica", fontsize=12, nodesep=0.35, ranksep=0.45, compound=true, newrank=true];',
    '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9, color="#666666", fontcolor="#333333", arrowsize=0.7];',
    '  start [shape=circle, width=0.18, label="", style=filled, fillcolor="#333333", color="#333333"];',
  ];
  const declareState = (state: GraphState, indent: string) => {
    if (state.kind === 'compound') {
      lines.push(`${indent}subgraph ${quote(`cluster_${nodeId(state.id)}`)} {`);
      lines.push(`${indent}  label=${quote(state.key)}; style="rounded,dashed"; color="#4a6fa5"; fontname="Helvetica";`);
      if (owners.has(state.id)) {
        lines.push(`${indent}  ${anchorOf(state.id)} [label=${quote(`any state of ${state.key}`)}, shape=plaintext, style="", fontsize=9];`);
      }
      for (const child of graph.states.filter((s) => s.parent === state.id)) declareState(child, `${indent}  `);
      lines.push(`${indent}}`);
      return;
    }
    const attributes =
      state.kind === 'final'
        ? `label=${quote(state.key)}, peripheries=2, fillcolor=${quote(FINAL_COLOURS[state.key] ?? '#eeeeee')}`
        : `label=${quote(state.key + (state.invokes.length ? `\n(invokes ${state.invokes.join(', ')})` : ''))}`;
    lines.push(`${indent}${nodeId(state.id)} [${attributes}];`);
  };
  for (const state of graph.states.filter((s) => s.parent === undefined)) declareState(state, '  ');
  if (owners.has('')) lines.push(`  ${nodeId('')} [label="any state", shape=plaintext, style="", fontsize=9];`);
  lines.push(`  start -> ${nodeId(entryOf(graph.initial))};`);
  // Transitions between the same two states are drawn as one edge with one label block per transition.
  const edges = new Map<string, string[]>();
  for (const transition of graph.transitions) {
    const owner = byId.get(transition.from);
    const tail = transition.from === '' ? nodeId('') : owner?.kind === 'compound' ? anchorOf(owner.id) : nodeId(transition.from);
    const key = `${tail} -> ${nodeId(entryOf(transition.to))}`;
    const label = edgeLines(transition, graph.transitions).join('\n');
    edges.set(key, [...(edges.get(key) ?? []), label]);
  }
  for (const [edge, labels] of edges) lines.push(`  ${edge} [label=${quote(labels.filter(Boolean).join('\n\n'))}];`);
  lines.push('}');
  return lines.join('\n');
}
