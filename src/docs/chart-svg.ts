import { compoundStates, detail, overview } from './chart-views.js';
import { elementIds, toDot, type DotPath } from './dot.js';
import type { MachineGraph } from './machine-graph.js';
import { renderSvg } from './render-svg.js';

/** A chart the docs draw: the overview (`<machine>.svg`) and one detail chart per compound state (`<machine>-<state>.svg`). */
export interface ChartView {
  file: string;
  title: string;
  graph: MachineGraph;
}

export function chartViews(graph: MachineGraph): ChartView[] {
  const compounds = compoundStates(graph);
  if (compounds.length === 0) return [{ file: `${graph.name}.svg`, title: graph.name, graph }];
  return [
    { file: `${graph.name}.svg`, title: `${graph.name}: overview`, graph: overview(graph) },
    ...compounds.map((id) => ({ file: `${graph.name}-${id}.svg`, title: `${graph.name}: inside ${id}`, graph: detail(graph, id) })),
  ];
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** What each drawn element stands for: `data-state` on states, `data-transition` on transitions (by index). */
function elementData(graph: MachineGraph): Map<string, Record<string, string>> {
  const data = new Map<string, Record<string, string>>();
  for (const state of graph.states) {
    data.set(state.kind === 'compound' || state.kind === 'parallel' ? elementIds.cluster(state.id) : elementIds.state(state.id), { state: state.id });
  }
  graph.transitions.forEach((transition, index) => {
    const attributes = { transition: String(index), from: transition.from, to: transition.to };
    for (const id of [elementIds.label(index), elementIds.edge(index), elementIds.edge(index, 'a'), elementIds.edge(index, 'b')]) data.set(id, attributes);
    data.set(elementIds.outcome(index), { state: transition.to, transition: String(index) });
  });
  return data;
}

const STYLE = '<style>.faded{opacity:.28}.taken path,.taken polygon{stroke-width:2.4}.taken.state polygon,.taken.state path{stroke:#1a237e}.taken.label text,.taken.transition text{font-weight:bold}</style>';

/**
 * Graphviz's SVG with `data-*` attributes on its elements: `data-state="<id>"` on every state (an outcome is the
 * final state it stands for), `data-transition` / `data-from` / `data-to` on every transition's parts, and, on a
 * path, `data-step` (the first step that took it) and `data-steps` (all of them).
 */
export function annotateSvg(svg: string, graph: MachineGraph, path?: DotPath): string {
  const data = elementData(graph);
  const annotated = svg.replace(/<g id="([^"]+)" class="([^"]*)">/g, (whole, id: string, classes: string) => {
    const attributes = { ...data.get(id) };
    if (path) {
      const steps = attributes.transition !== undefined ? path.steps.get(Number(attributes.transition)) : attributes.state !== undefined ? path.states.get(attributes.state) : undefined;
      if (steps && /\btaken\b/.test(classes)) Object.assign(attributes, { step: String(steps[0]), steps: steps.join(' ') });
    }
    const extra = Object.entries(attributes).map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`).join('');
    return `<g id="${id}" class="${classes}"${extra}>`;
  });
  return path ? annotated.replace(/(<svg[^>]*>)/, `$1\n${STYLE}`) : annotated;
}

/** A chart as annotated SVG, or undefined without the optional Graphviz. */
export async function drawChart(graph: MachineGraph, path?: DotPath): Promise<string | undefined> {
  const svg = await renderSvg(toDot(graph, path));
  return svg === undefined ? undefined : annotateSvg(svg, graph, path);
}
