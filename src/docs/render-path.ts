import type { Decision, TraceTransition } from '../core/decision.js';
import { chartJson, edgeOfEntry } from './chart-json.js';
import { drawChart } from './chart-svg.js';
import type { DotPath } from './dot.js';
import { machineGraph, type MachineGraph } from './machine-graph.js';
import { allMachines } from './machine-list.js';
import { SVG_RENDERER_MISSING } from './render-svg.js';

/** What renderPath reads of a decision: its status, reason and trace (a decision's JSON as stored or served). */
export type PathSource = Pick<Decision, 'status'> & {
  reason?: string;
  trace?: { transitions?: TraceTransition[]; providerStatus?: { code: number | string } };
};

/** The steps (1-based) that took each transition, and the states each step entered. */
export function pathOf(graph: MachineGraph, transitions: readonly Pick<TraceTransition, 'from' | 'to' | 'event' | 'guard'>[]): Omit<DotPath, 'caption'> {
  const chart = chartJson(graph);
  const steps = new Map<number, number[]>();
  const states = new Map<string, number[]>();
  const add = <K>(map: Map<K, number[]>, key: K, step: number) => map.set(key, [...(map.get(key) ?? []), step]);
  const enterWithParents = (id: string, step: number) => {
    for (let at: string | undefined = id; at; at = graph.states.find((s) => s.id === at)?.parent) add(states, at, step);
  };
  if (transitions.length > 0) enterWithParents(transitions[0].from, 0);
  transitions.forEach((entry, index) => {
    const edge = edgeOfEntry(chart, entry);
    if (!edge) return;
    add(steps, graph.transitions.findIndex((t) => t.id === edge.transition), index + 1);
    enterWithParents(entry.to, index + 1);
  });
  return { steps, states };
}

/** The caption under a path: how the check ended, never a name, phone or provider words. */
export function captionOf(decision: PathSource): string {
  const code = decision.trace?.providerStatus?.code;
  const count = decision.trace?.transitions?.length;
  return [
    `decision: ${decision.status}${decision.reason ? ` (${decision.reason})` : ''}`,
    code !== undefined ? `provider code ${code}` : '',
    count === undefined ? 'no path recorded' : `${count} transition${count === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The precheck chart with a decision's path drawn on it: the states and transitions it took highlighted and
 * numbered in order (class `taken`, `data-step`), the rest faded, and how it ended in the caption. Needs the optional
 * `@hpcc-js/wasm-graphviz`: without it, rejects saying how to install it.
 */
export async function renderPath(decision: PathSource): Promise<string> {
  const [name, machine] = allMachines().find(([machineName]) => machineName === 'precheck')!;
  const graph = machineGraph(name, machine);
  const path = { ...pathOf(graph, decision.trace?.transitions ?? []), caption: captionOf(decision) };
  const svg = await drawChart(graph, path);
  if (svg === undefined) throw new Error(`renderPath: ${SVG_RENDERER_MISSING}`);
  return svg;
}
