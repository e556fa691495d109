import { entryOf, type GraphState, type GraphTransition, type MachineGraph } from './machine-graph.js';
import { edgeParts } from './words.js';

/** Fill and line colours of final states, by name; other final states are grey. */
const FINAL_COLOURS: Record<string, { fill: string; line: string }> = {
  proceed: { fill: '#d9f2d9', line: '#2e7d32' },
  abort: { fill: '#f8d7d7', line: '#b23b3b' },
  retry: { fill: '#fcebc8', line: '#b7791f' },
};
const OTHER_FINAL = { fill: '#eeeeee', line: '#555555' };
const EDGE = '#5a6470';
const FONT = 'Helvetica,Arial,sans-serif';

const nodeId = (id: string) => (id === '' ? 'any_state' : `s_${id.replace(/\./g, '__')}`);
const clusterId = (id: string) => `cluster_${id.replace(/\./g, '__')}`;
/** A DOT string; line breaks centre the line before (`\\n`) or justify it left (`\\l`). */
const quote = (text: string, lineEnd = '\\n') => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, lineEnd)}"`;

/**
 * Graphviz DOT of a machine, top-down. Every labelled transition gets its label as a small node of its own on the
 * edge (source — label → target), so that Graphviz lays labels out like states: no label sits on another edge, and
 * none is far from the edge it belongs to. Compound states are clusters; a transition the compound state owns
 * starts at the cluster's border; one the machine owns starts at "any state". Final states are double-bordered and
 * coloured, and so are the edges into them.
 */
export function toDot(graph: MachineGraph): string {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const colourOf = (id: string) => {
    const state = byId.get(id);
    return state?.kind === 'final' ? (FINAL_COLOURS[state.key] ?? OTHER_FINAL) : undefined;
  };
  const lines = [
    `digraph ${quote(graph.name)} {`,
    `  graph [rankdir=LR, fontname=${quote(FONT)}, fontsize=13, nodesep=0.3, ranksep=0.3, compound=true, newrank=true, pad=0.2];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", fontname=${quote(FONT)}, fontsize=12];`,
    `  edge [fontname=${quote(FONT)}, fontsize=10, color=${quote(EDGE)}, arrowsize=0.7];`,
    '  start [shape=circle, width=0.2, label="", style=filled, fillcolor="#333333", color="#333333"];',
  ];
  const declareState = (state: GraphState, indent: string) => {
    if (state.kind === 'compound' || state.kind === 'parallel') {
      lines.push(`${indent}subgraph ${clusterId(state.id)} {`);
      const style = state.kind === 'parallel' ? 'dotted' : 'dashed';
      lines.push(`${indent}  label=${quote(state.key)}; labeljust=l; style="rounded,${style}"; color="#4a6fa5"; margin=14;`);
      for (const child of graph.states.filter((s) => s.parent === state.id)) declareState(child, `${indent}  `);
      lines.push(`${indent}}`);
      return;
    }
    const colour = colourOf(state.id);
    const attributes = colour
      ? `label=${quote(state.key)}, peripheries=2, fillcolor=${quote(colour.fill)}, color=${quote(colour.line)}`
      : `label=${quote(state.key + (state.invokes.length ? `\n(invokes ${state.invokes.join(', ')})` : ''))}`;
    lines.push(`${indent}${nodeId(state.id)} [${attributes}];`);
  };
  for (const state of graph.states.filter((s) => s.parent === undefined)) declareState(state, '  ');
  if (graph.transitions.some((t) => t.from === '')) {
    lines.push(`  ${nodeId('')} [label="any state", shape=plaintext, style="", fontsize=11];`);
  }
  // Outcomes side by side at the end, where the reader looks for them.
  const finals = graph.states.filter((s) => s.kind === 'final' && s.parent === undefined);
  if (finals.length > 1) lines.push(`  { rank=sink; ${finals.map((s) => nodeId(s.id)).join('; ')}; }`);
  lines.push(`  start -> ${nodeId(entryOf(graph, graph.initial))};`);

  // Transitions between the same two states share one label node, one block of lines per transition.
  const groups = new Map<string, GraphTransition[]>();
  for (const transition of graph.transitions) {
    const key = `${transition.from} -> ${transition.to}`;
    groups.set(key, [...(groups.get(key) ?? []), transition]);
  }
  let labelCount = 0;
  for (const group of groups.values()) {
    const { from, to } = group[0];
    const owner = byId.get(from);
    const ownedByCluster = owner !== undefined && owner.kind !== 'atomic' && owner.kind !== 'final';
    const tail = ownedByCluster ? nodeId(entryOf(graph, from)) : nodeId(from);
    const tailAttributes = ownedByCluster ? [`ltail=${clusterId(from)}`] : [];
    const head = nodeId(entryOf(graph, to));
    const colour = colourOf(to)?.line ?? EDGE;
    const text = group
      .map((transition) => edgeParts(transition, graph.transitions, true).map((line) => `${line}\n`).join(''))
      .filter(Boolean)
      .join('\n');
    // Unlabelled edges and loops (Graphviz places a loop's label well) need no label node.
    if (text === '' || (tail === head && !ownedByCluster)) {
      const labelled = text === '' ? [] : [`xlabel=${quote(text, '\\l')}`];
      lines.push(`  ${tail} -> ${head} [${[...tailAttributes, ...labelled, `color=${quote(colour)}`].join(', ')}];`);
      continue;
    }
    const label = `t${++labelCount}`;
    lines.push(`  ${label} [label=${quote(text, '\\l')}, shape=plaintext, style="", fontsize=10, fontcolor=${quote(colour === EDGE ? '#333333' : colour)}, margin="0.1,0.04"];`);
    lines.push(`  ${tail} -> ${label} [${[...tailAttributes, 'arrowhead=none', `color=${quote(colour)}`].join(', ')}];`);
    lines.push(`  ${label} -> ${head} [color=${quote(colour)}];`);
  }
  lines.push('}');
  return lines.join('\n');
}
