import { entryOf, type GraphState, type GraphTransition, type MachineGraph } from './machine-graph.js';
import { decidingActions, shortEdgeLabel } from './words.js';

/** Fill and line colours of final states, by name; other final states are grey. */
const FINAL_COLOURS: Record<string, { fill: string; line: string }> = {
  proceed: { fill: '#d9f2d9', line: '#2e7d32' },
  abort: { fill: '#f8d7d7', line: '#b23b3b' },
  retry: { fill: '#fcebc8', line: '#b7791f' },
};
const OTHER_FINAL = { fill: '#eeeeee', line: '#555555' };
const EDGE = '#5a6470';
const FONT = 'Helvetica,Arial,sans-serif';
/** Points: with the chart at most 100 × this wide, a label drawn 900 px wide is at least 9 px high. */
export const LABEL_FONT_SIZE = 14;

/** Element ids in the SVG, so that a path (renderPath, the interactive page) can find what it highlights. */
export const elementIds = {
  state: (id: string) => (id === '' ? 'any_state' : `s_${id.replace(/\./g, '__')}`),
  cluster: (id: string) => `cluster_${id.replace(/\./g, '__')}`,
  /** The label node of transition number `index` (its position in `graph.transitions`). */
  label: (index: number) => `t${index}`,
  /** Its edge, in two parts when it has a label node (`a` into the label, `b` out of it). */
  edge: (index: number, part: 'a' | 'b' | '' = '') => `e${index}${part}`,
  /** The outcome a transition into a final state ends in: drawn once per transition, beside its source. */
  outcome: (index: number) => `o${index}`,
};

/** A DOT string; line breaks centre the line before (`\\n`) or justify it left (`\\l`). */
const quote = (text: string, lineEnd = '\\n') => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, lineEnd)}"`;

/** How a path marks the chart: the steps that took each transition (by index), and the states it passed. */
export interface DotPath {
  steps: Map<number, number[]>;
  states: Map<string, number[]>;
  caption: string;
}

/** The outcome a transition into a final state gives, in a line: `account-not-found`, `verified`, `timeout`. */
function outcomeDetail(transition: GraphTransition): string {
  return decidingActions(transition)
    .map((words) => words.replace(/^(proceed|abort|retry):? ?/, '').replace(/^\((.*)\)$/, '$1').replace('create account, unverified', 'create account'))
    .filter(Boolean)
    .join(', ');
}

/** Words wrapped at about `width` characters: narrow labels keep the chart narrow enough to read at 900 px. */
export function wrapWords(text: string, width = 14): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/**
 * Graphviz DOT of a machine, left to right. Every labelled transition gets its label as a small node of its own on
 * its edge (source — label → target), so that Graphviz lays labels out like states: no label sits on another edge or
 * label, and each is on its own edge. Labels are short (the guard's full words are in the transition table). An
 * outcome (a final state) is drawn once per transition into it, beside its source, saying why: no edge crosses the
 * chart to reach a shared outcome. Compound states are clusters; a transition the compound state owns starts at its
 * border; one the machine owns starts at "any state". With `path`, taken states and transitions are marked (class
 * `taken`, numbered) and the caption says how the check ended.
 */
export function toDot(graph: MachineGraph, path?: DotPath): string {
  const byId = new Map(graph.states.map((state) => [state.id, state]));
  const isFinal = (id: string) => byId.get(id)?.kind === 'final';
  const colourOf = (id: string) => {
    const state = byId.get(id);
    return state?.kind === 'final' ? (FINAL_COLOURS[state.key] ?? OTHER_FINAL) : undefined;
  };
  const classes = (base: string, steps: number[] | undefined) =>
    path === undefined ? `class=${quote(base)}` : `class=${quote(`${base} ${steps ? 'taken' : 'faded'}`)}`;
  const numbered = (text: string, steps: number[] | undefined) => (steps ? `${steps.join(', ')}. ${text}` : text);
  const lines = [
    `digraph ${quote(graph.name)} {`,
    `  graph [rankdir=LR, fontname=${quote(FONT)}, fontsize=${LABEL_FONT_SIZE}, nodesep=0.12, ranksep=0.12, compound=true, newrank=true, pad=0.1${
      path ? `, label=${quote(path.caption)}, labelloc=b, labeljust=l` : ''
    }];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#4a6fa5", fontname=${quote(FONT)}, fontsize=${LABEL_FONT_SIZE}, margin="0.08,0.04", height=0.3];`,
    `  edge [fontname=${quote(FONT)}, fontsize=${LABEL_FONT_SIZE}, color=${quote(EDGE)}, arrowsize=0.6];`,
    '  start [id="start", shape=circle, width=0.15, label="", style=filled, fillcolor="#333333", color="#333333"];',
  ];
  const declareState = (state: GraphState, indent: string) => {
    if (state.kind === 'compound' || state.kind === 'parallel') {
      lines.push(`${indent}subgraph ${elementIds.cluster(state.id)} {`);
      const style = state.kind === 'parallel' ? 'dotted' : 'dashed';
      lines.push(`${indent}  id=${quote(elementIds.cluster(state.id))}; ${classes('state', path?.states.get(state.id))};`);
      lines.push(`${indent}  label=${quote(state.key)}; labeljust=l; style="rounded,${style}"; color="#4a6fa5"; margin=8;`);
      for (const child of graph.states.filter((s) => s.parent === state.id)) declareState(child, `${indent}  `);
      lines.push(`${indent}}`);
      return;
    }
    // Final states are drawn per transition into them (see below).
    if (state.kind === 'final') return;
    const steps = path?.states.get(state.id);
    lines.push(`${indent}${elementIds.state(state.id)} [id=${quote(elementIds.state(state.id))}, ${classes('state', steps)}, label=${quote(state.key)}];`);
  };
  for (const state of graph.states.filter((s) => s.parent === undefined)) declareState(state, '  ');
  if (graph.transitions.some((t) => t.from === '')) {
    lines.push(`  ${elementIds.state('')} [id=${quote(elementIds.state(''))}, class="state any", label="any state", shape=plaintext, style=""];`);
  }
  lines.push(`  start -> ${elementIds.state(entryOf(graph, graph.initial))};`);

  graph.transitions.forEach((transition, index) => {
    const { from, to } = transition;
    const owner = byId.get(from);
    const ownedByCluster = owner !== undefined && owner.kind !== 'atomic' && owner.kind !== 'final';
    const tail = ownedByCluster ? elementIds.state(entryOf(graph, from)) : elementIds.state(from);
    const tailAttributes = ownedByCluster ? [`ltail=${elementIds.cluster(from)}`] : [];
    const steps = path?.steps.get(index);
    let head = elementIds.state(entryOf(graph, to));
    const colour = colourOf(to)?.line ?? EDGE;
    if (isFinal(to)) {
      const fill = colourOf(to)!;
      const detail = outcomeDetail(transition);
      head = elementIds.outcome(index);
      lines.push(
        `  ${head} [id=${quote(head)}, ${classes('state outcome', steps)}, label=${quote(byId.get(to)!.key + (detail ? `\n${detail}` : ''))}, peripheries=2, fillcolor=${quote(fill.fill)}, color=${quote(fill.line)}];`,
      );
    }
    const text = wrapWords(shortEdgeLabel(transition, graph.transitions));
    const edgeClass = classes('transition', steps);
    // Unlabelled edges need no label node.
    if (text === '') {
      const labelled = text === '' ? (steps ? [`xlabel=${quote(numbered('', steps))}`] : []) : [`label=${quote(numbered(text, steps))}`];
      lines.push(`  ${tail} -> ${head} [id=${quote(elementIds.edge(index))}, ${edgeClass}, ${[...tailAttributes, ...labelled, `color=${quote(colour)}`].join(', ')}];`);
      return;
    }
    const label = elementIds.label(index);
    lines.push(
      `  ${label} [id=${quote(label)}, ${classes('label', steps)}, label=${quote(numbered(text, steps))}, shape=plaintext, style="", fontcolor=${quote(colour === EDGE ? '#222222' : colour)}, margin="0.04,0.02", height=0.2];`,
    );
    lines.push(`  ${tail} -> ${label} [id=${quote(elementIds.edge(index, 'a'))}, ${edgeClass}, ${[...tailAttributes, 'arrowhead=none', `color=${quote(colour)}`].join(', ')}];`);
    lines.push(`  ${label} -> ${head} [id=${quote(elementIds.edge(index, 'b'))}, ${edgeClass}, color=${quote(colour)}];`);
  });
  lines.push('}');
  return lines.join('\n');
}
