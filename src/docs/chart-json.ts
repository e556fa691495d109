import type { TraceTransition } from '../core/decision.js';
import { entryOf, type GraphState, type GraphTransition, type MachineGraph, type Trigger } from './machine-graph.js';
import { edgesOf } from './machine-paths.js';

/**
 * One edge of the chart as it can be taken: from an atomic state, by an event (and guard), into the atomic state the
 * machine then rests in or passes through. A transition owned by a compound state (or by the machine: "any state")
 * is one edge per atomic state inside it. A `trace.transitions` entry is exactly one of these (same from, to, event
 * and guard).
 */
export interface ChartEdge {
  from: string;
  to: string;
  /** As a trace says it: the event's type, `always`, `after:<delay>`, `xstate.done.actor.<id>`. */
  event: string;
  guard?: string;
  /** The transition in the chart (its `id`), and the state that owns it ('' for the machine itself). */
  transition: string;
  owner: string;
}

/** `precheck docs --format json`: a machine as a directed graph, every edge included (eventless and delayed too). */
export interface ChartJson {
  machine: string;
  /** The atomic state a check starts in. */
  initial: string;
  states: Pick<GraphState, 'id' | 'key' | 'kind' | 'parent' | 'initial'>[];
  /** The chart's transitions as drawn: from the state that owns them to their target. */
  transitions: { id: string; from: string; to: string; event: string; guard?: string; targetless: boolean }[];
  edges: ChartEdge[];
}

/** A trigger as `trace.transitions` names it. */
export function eventName(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'event':
      return trigger.event;
    case 'always':
      return 'always';
    case 'after':
      return `after:${trigger.delay}`;
    case 'done':
      return `xstate.done.actor.${trigger.actor}`;
    case 'error':
      return `xstate.error.actor.${trigger.actor}`;
  }
}

const edgeOf = (graph: MachineGraph, state: string, transition: GraphTransition): ChartEdge => ({
  from: state,
  to: transition.targetless ? state : entryOf(graph, transition.to),
  event: eventName(transition.trigger),
  ...(transition.guard && { guard: transition.guard }),
  transition: transition.id,
  owner: transition.from,
});

export function chartJson(graph: MachineGraph): ChartJson {
  return {
    machine: graph.name,
    initial: entryOf(graph, graph.initial),
    states: graph.states.map(({ id, key, kind, parent, initial }) => ({ id, key, kind, ...(parent && { parent }), ...(initial && { initial }) })),
    transitions: graph.transitions.map((t) => ({
      id: t.id,
      from: t.from,
      to: t.to,
      event: eventName(t.trigger),
      ...(t.guard && { guard: t.guard }),
      targetless: t.targetless,
    })),
    edges: edgesOf(graph).map(({ state, transition }) => edgeOf(graph, state, transition)),
  };
}

/** The edge a trace entry took, or undefined when the chart has no such edge. */
export function edgeOfEntry(chart: ChartJson, entry: Pick<TraceTransition, 'from' | 'to' | 'event' | 'guard'>): ChartEdge | undefined {
  return chart.edges.find((edge) => edge.from === entry.from && edge.to === entry.to && edge.event === entry.event && edge.guard === entry.guard);
}
